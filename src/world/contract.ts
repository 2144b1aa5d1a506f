import { isAbsolute, dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { WebSocketClient } from '../client/client';
import type { OpenEvent } from '../client/types';
import { matchChannel, channelAddresses, type ChannelMatch } from '../contract/address';
import { CoverageTally, type Violation } from '../contract/coverage';
import { checkSchema, describeSchemaErrors } from '../contract/json-schema';
import type { ContractDocument, ContractMessage, ContractOperation } from '../contract/model';
import { matchCandidates, payloadValue, type Candidate } from '../contract/payload';
import { correlationValue } from '../contract/replies';
import { Opcode } from '../protocol/constants';
import { previewPayload } from '../report/preview';
import type { WsWorld } from '../world';
import { badArgument } from './errors';
import { PatternTimeoutError } from '../patterns';
import type { NamedClient } from './named-client';

export type ViolationMode = 'fail' | 'warn';

/** A client's place in the contract, found from its URL when it connects. */
interface ClientBinding {
  match?: ChannelMatch;
  /** Text or binary frames of a fragmented message being sent. */
  outgoing?: { binary: boolean; parts: Buffer[]; whole?: boolean };
}

/** The file a step names: beside the feature file when it is there, else from the project. */
export function resolveContractFile(file: string, featureUri: string | undefined, cwd = process.cwd()): string {
  if (isAbsolute(file)) return file;
  if (featureUri) {
    const beside = resolve(cwd, dirname(featureUri), file);
    if (existsSync(beside)) return beside;
  }
  return resolve(cwd, file);
}

/**
 * The contract of one scenario: the AsyncAPI document, and the check of every frame each client sends
 * and receives against the messages of its channel. Violations fail the scenario (or only warn) and go
 * into the coverage report.
 */
export class ContractSession {
  document?: ContractDocument;
  mode: ViolationMode = 'fail';
  featureUri?: string;
  scenario = '';
  readonly violations: Violation[] = [];
  /** "operation: message" of every message of this scenario that matched the contract. */
  readonly exercised: string[] = [];
  /** This scenario's part of the coverage report. */
  readonly coverage = new CoverageTally();
  private reported = 0;
  private readonly bindings = new Map<NamedClient, ClientBinding>();
  /** Outgoing messages a step sent knowing they break the contract: not violations. */
  private readonly onPurpose = new Map<NamedClient, number>();
  /** The last message each client sent that declares a correlation id, for its reply. */
  readonly lastRequest = new Map<NamedClient, { candidate: Candidate; value: unknown }>();

  constructor(private readonly world: WsWorld) {
    world.clientCreated.push((named) => this.watch(named));
  }

  /** Use this document from now on; clients that exist already are watched too. */
  use(document: ContractDocument): void {
    this.document = document;
    this.coverage.noteDocument(document);
    for (const name of this.world.clientNames()) this.watch(this.world.client(name));
  }

  requireDocument(): ContractDocument {
    if (!this.document) {
      throw badArgument('no AsyncAPI document is in use (use: Given the AsyncAPI document "asyncapi.yaml", or the --contract option)');
    }
    return this.document;
  }

  private watch(named: NamedClient): void {
    if (this.bindings.has(named)) return;
    const binding: ClientBinding = {};
    this.bindings.set(named, binding);
    const attach = (client: WebSocketClient) => {
      client.on('open', (open) => this.guarded(named, 'handshake', () => this.opened(named, binding, client, open)));
      client.on('message', (message) => this.guarded(named, 'received', () => this.check(named, binding, 'received', message.data, message.binary)));
      client.on('frame', (event) => {
        if (event.direction !== 'out' || !event.frame) return;
        const { opcode, fin, payload, rsv1 } = event.frame;
        if (opcode === Opcode.Text || opcode === Opcode.Binary) {
          // A compressed message's frames carry deflated bytes: the message itself comes with its first frame.
          const message = event.inflated ?? (rsv1 ? undefined : payload);
          binding.outgoing = message ? { binary: opcode === Opcode.Binary, parts: [message], whole: event.inflated !== undefined } : undefined;
        } else if (opcode === Opcode.Continuation && binding.outgoing) {
          if (!binding.outgoing.whole) binding.outgoing.parts.push(payload);
        } else return;
        if (fin && binding.outgoing) {
          const { binary, parts } = binding.outgoing;
          binding.outgoing = undefined;
          this.sent(named, binding, Buffer.concat(parts), binary);
        }
      });
    };
    named.observers.push(attach);
    if (named.client) attach(named.client);
    if (named.client?.state === 'open' && this.document) binding.match = matchChannel(this.document, named.client.options.url);
  }

  private opened(named: NamedClient, binding: ClientBinding, client: WebSocketClient, open: OpenEvent): void {
    const doc = this.document;
    if (!doc) return;
    const url = client.options.url;
    binding.match = matchChannel(doc, url);
    if (!binding.match) {
      this.violate(named, { kind: 'channel', problem: `${url} is on no channel of ${doc.source} (its channels: ${channelAddresses(doc)})` });
      return;
    }
    const { channel, parameters, query } = binding.match;
    const problems: string[] = [];
    for (const [name, value] of Object.entries(parameters)) {
      const schema = channel.parameters[name];
      if (!schema) continue;
      const check = checkSchema(schema, value, 'text');
      if (!check.ok) problems.push(`the channel parameter ${name} = ${JSON.stringify(value)}:\n${describeSchemaErrors(check.errors, '      ')}`);
    }
    if (channel.query) {
      // Said as the URL wrote it: the check reads numbers written as text as numbers, in place.
      const written = JSON.stringify(query);
      const check = checkSchema(channel.query, query, 'text');
      if (!check.ok) problems.push(`the query ${written}:\n${describeSchemaErrors(check.errors, '      ')}`);
    }
    if (channel.headers) {
      const headers = headerObject(open.request.headers, channel.headers);
      const check = checkSchema(channel.headers, headers, 'text');
      if (!check.ok) problems.push(`the request headers:\n${describeSchemaErrors(check.errors, '      ')}`);
    }
    if (problems.length > 0) {
      this.violate(named, {
        kind: 'handshake',
        channel: channel.id,
        problem: `the handshake of "${named.name}" to channel "${channel.address}" breaks its WebSocket binding:\n${problems.map((p) => `    ${p}`).join('\n')}`,
      });
    }
  }

  /** Send the next outgoing message on purpose, whatever the contract says of it. */
  expectOffContract(named: NamedClient): void {
    this.onPurpose.set(named, (this.onPurpose.get(named) ?? 0) + 1);
  }

  private sent(named: NamedClient, binding: ClientBinding, data: Buffer, binary: boolean): void {
    const excused = this.onPurpose.get(named) ?? 0;
    if (excused > 0) {
      this.onPurpose.set(named, excused - 1);
      return;
    }
    const found = this.guarded(named, 'sent', () => this.check(named, binding, 'sent', data, binary));
    if (found?.message.correlationId) {
      this.lastRequest.set(named, { candidate: found, value: correlationValue(found.message.correlationId, payloadValue(data, binary).value) });
    }
  }

  /**
   * A schema pattern that runs out of time while a frame is checked (outside any step) is a finding
   * about that frame, reported like any other violation, not an exception thrown into the client.
   */
  private guarded<T>(named: NamedClient, kind: Violation['kind'], work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof PatternTimeoutError)) throw error;
      this.violate(named, { kind, problem: `a schema of the contract could not be checked against what "${named.name}" ${kind === 'sent' ? 'sent' : 'received'}: ${error.message}` });
      return undefined;
    }
  }

  /** The operations of a client's channel in one direction. */
  candidates(match: ChannelMatch, clientSends: boolean): Candidate[] {
    const doc = this.requireDocument();
    const ops = doc.operations.filter((o) => o.channelId === match.channel.id);
    const list: Candidate[] = [];
    for (const operation of ops) {
      if (operation.clientSends === clientSends) for (const message of operation.messages) list.push({ operation, message });
      // A reply travels the other way from its request.
      if (operation.reply && operation.clientSends !== clientSends) {
        for (const message of operation.reply) list.push({ operation: replyOperation(operation), message });
      }
    }
    return list;
  }

  private check(named: NamedClient, binding: ClientBinding, kind: 'sent' | 'received', data: Buffer, binary: boolean): Candidate | undefined {
    const doc = this.document;
    if (!doc || !binding.match) return undefined;
    const channel = binding.match.channel;
    const candidates = this.candidates(binding.match, kind === 'sent');
    const { value } = payloadValue(data, binary);
    const preview = previewPayload(data, binary ? 'binary' : 'text', { limit: 120 });
    const who = kind === 'sent' ? `"${named.name}" sent` : `"${named.name}" received`;
    if (candidates.length === 0) {
      const direction = kind === 'sent' ? 'the client sends' : 'the server sends';
      this.violate(named, { kind, channel: channel.id, preview, problem: `${who} ${preview} on channel "${channel.address}", which declares no message that ${direction}` });
      return undefined;
    }
    let matched: ReturnType<typeof matchCandidates>;
    try {
      matched = matchCandidates(candidates, value, binary);
    } catch (error) {
      // A frame the contract could not judge has not been shown to keep it.
      this.violate(named, { kind, channel: channel.id, preview, problem: `${who} ${preview} on channel "${channel.address}", which could not be checked: ${(error as Error).message}` });
      return undefined;
    }
    const { match, tried } = matched;
    if (match) {
      const key = `${match.operation.id}: ${match.message.name ?? match.message.key}`;
      this.exercised.push(key);
      this.coverage.noteExercised(doc, match.operation.id.replace(/ \(reply\)$/, ''), match.operation.id.endsWith(' (reply)') ? `reply ${match.message.key}` : match.message.key);
      return match;
    }
    const closest = tried
      .slice(0, 2)
      .map((t) => `  "${t.message.name ?? t.message.key}" (${t.operation.id}):\n${describeSchemaErrors(t.errors)}`)
      .join('\n');
    this.violate(named, {
      kind,
      channel: channel.id,
      preview,
      problem: `${who} ${preview} on channel "${channel.address}", which matches no message the channel declares for it; the closest:\n${closest}`,
    });
    return undefined;
  }

  private violate(named: NamedClient, v: Omit<Violation, 'scenario' | 'client' | 'failed'>): void {
    const violation: Violation = { scenario: this.scenario, client: named.name, failed: this.mode === 'fail', ...v };
    this.violations.push(violation);
    if (this.document) this.coverage.noteViolation(this.document, violation);
    this.world.transcript.record({ actor: named.name, kind: 'note', text: `contract: ${firstLine(v.problem)}` });
    this.world.notifyChange();
  }

  /** Violations that fail the scenario and no step has reported yet; marks them reported. */
  takeFailures(): Violation[] {
    const fresh = this.violations.slice(this.reported);
    this.reported = this.violations.length;
    return fresh.filter((v) => v.failed);
  }

  /** The scenario's report section: what it exercised and what broke the contract. */
  summary(): string | undefined {
    const doc = this.document;
    if (!doc) return undefined;
    const lines = [`contract: ${doc.source} (${doc.title}, AsyncAPI ${doc.version}), violations ${this.mode === 'fail' ? 'fail the scenario' : 'only warn'}`];
    const counts = new Map<string, number>();
    for (const key of this.exercised) counts.set(key, (counts.get(key) ?? 0) + 1);
    lines.push(`messages that matched the contract: ${counts.size === 0 ? 'none' : ''}`);
    for (const [key, n] of counts) lines.push(`  ${key} x${n}`);
    lines.push(`violations: ${this.violations.length === 0 ? 'none' : this.violations.length}`);
    for (const v of this.violations) lines.push(`  [${v.failed ? 'fail' : 'warn'}] ${v.problem.replace(/\n/g, '\n    ')}`);
    return `${lines.join('\n')}\n`;
  }
}

function replyOperation(operation: ContractOperation): ContractOperation {
  return { ...operation, id: `${operation.id} (reply)`, clientSends: !operation.clientSends, messages: operation.reply ?? [], reply: undefined };
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]!;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** Request headers as an object, named as the schema spells them (header names are case-insensitive). */
function headerObject(headers: Array<[string, string]>, schema: object): Record<string, string> {
  const declared = Object.keys((schema as { properties?: Record<string, unknown> }).properties ?? {});
  const byLower = new Map(declared.map((name) => [name.toLowerCase(), name]));
  const result: Record<string, string> = {};
  for (const [name, value] of headers) result[byLower.get(name.toLowerCase()) ?? name.toLowerCase()] = value;
  return result;
}

const sessions = new WeakMap<WsWorld, ContractSession>();
const scenarios = new WeakMap<WsWorld, { uri: string; name: string }>();

/** Where the scenario's feature file is (files a step names are found beside it) and its name. */
export function noteFeatureUri(world: WsWorld, uri: string, name: string): void {
  scenarios.set(world, { uri, name });
}

export function contractOf(world: WsWorld): ContractSession {
  let session = sessions.get(world);
  if (!session) {
    sessions.set(world, (session = new ContractSession(world)));
    session.featureUri = scenarios.get(world)?.uri;
    session.scenario = scenarios.get(world)?.name ?? '';
  }
  return session;
}

export function existingContract(world: WsWorld): ContractSession | undefined {
  return sessions.get(world);
}

export type { ContractMessage };
