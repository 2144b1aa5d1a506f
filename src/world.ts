import { World, type IWorldOptions } from '@cucumber/cucumber';
import type { MockServer } from './mock/server';
import { startSharedMockServer, sharedMockServer } from './mock/instance';
import { Redactor } from './secrets/redact';
import { Transcript } from './transcript/transcript';
import { resolveTranscriptLimit } from './report/options';
import { resolveClientUrl, resolveSettings, type WsbddParameters, type WsbddSettings } from './world/config';
import { StepError, StepErrorCode } from './world/errors';
import { NamedClient } from './world/named-client';
import { Variables } from './world/variables';
import { holdFor, waitFor, type ChangeSource, type WaitFailure } from './world/wait';

export type { WsbddParameters } from './world/config';

/** How long a client gets to finish its closing handshake when the scenario ends, before TCP is cut. */
const CLEANUP_CLOSE_MS = 500;

/**
 * The state of one scenario: named clients, variables, the wire transcript and the link to the mock
 * server. Steps call into it; every wait it offers is event-driven, bounded and honours `abortSignal`.
 */
export class WsWorld extends World<WsbddParameters> {
  /** Capped (reports.transcriptLimit): a flooding server must not fill memory with its record. */
  readonly transcript = new Transcript({ limit: transcriptLimitOrDefault(this.parameters) });
  /**
   * The scenario's secrets, for failure messages that name header values. The reporting hooks own them
   * (configured header names, values learnt from the steps and handshakes) and put theirs here; until
   * then only the usual secret headers are known.
   */
  secrets = new Redactor();
  readonly variables = new Variables();
  private readonly controller = new AbortController();
  /** Aborted by abort(): every wait of the current step ends at once. */
  readonly abortSignal: AbortSignal = this.controller.signal;
  /** The embedded mock server, when this scenario uses it. */
  mock?: MockServer;
  private resolved?: WsbddSettings;
  private usesMock = false;
  private readonly clients = new Map<string, NamedClient>();
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: Array<() => void> = [];
  /** Samples the steps measure themselves, for the reports (the transcript gives the rest). */
  readonly measured = { fanOutMs: [] as number[] };
  /** Fan-out latencies by group prefix, for "the p95 fan-out latency of every client ...". */
  readonly fanOut = new Map<string, number[]>();
  /** When the mock server last sent a message to every client (performance.now()), for fan-out latency. */
  lastMockSendAt: number | undefined;
  /** Called with every client created from now on (a contract watches each one). */
  readonly clientCreated: Array<(named: NamedClient) => void> = [];

  constructor(options: IWorldOptions<WsbddParameters>) {
    super(options);
  }

  /** Settings from world parameters and the environment; a bad value fails the step that needs it. */
  get settings(): WsbddSettings {
    this.resolved ??= resolveSettings(this.parameters);
    return this.resolved;
  }

  /** Called before the scenario: decide whether it talks to the mock server, and start that if so. */
  async begin(stepTexts: string[]): Promise<void> {
    this.usesMock = stepTexts.some((text) => /\bthe mock server\b/i.test(text)) || this.settings.target === undefined;
    if (this.usesMock) await this.useMockServer();
  }

  /** The mock server, started and reset for this scenario on first use. */
  async useMockServer(): Promise<MockServer> {
    if (this.mock) return this.mock;
    const mock = await startSharedMockServer();
    mock.reset();
    this.cleanups.push(
      mock.onNote((text) => this.transcript.record({ actor: 'server', kind: 'note', text })),
      mock.onChange(() => this.notifyChange()),
    );
    this.mock = mock;
    return mock;
  }

  /** Stop waiting: the step running now fails with the reason. Used on Ctrl-C. */
  abort(reason?: string): void {
    this.controller.abort(reason === undefined ? undefined : new Error(reason));
  }

  /** Close every client (terminate those that do not finish quickly) and every mock server socket. */
  async end(): Promise<void> {
    await Promise.all([...this.clients.values()].map((named) => closeQuietly(named)));
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    const mock = this.mock ?? sharedMockServer();
    if (mock) {
      await mock.closeConnections();
      mock.reset();
    }
    this.mock = undefined;
  }

  clientNames(): string[] {
    return [...this.clients.keys()];
  }

  /** A client by name; an unknown name fails with the names that exist. */
  client(name: string): NamedClient {
    const named = this.clients.get(name);
    if (named) return named;
    const known = this.clientNames();
    const hint = known.length > 0 ? `the clients are ${known.map((n) => `"${n}"`).join(', ')}` : 'no client has been created yet';
    throw new StepError(StepErrorCode.UnknownClient, `there is no client "${name}" (${hint}; create one with: Given a client "${name}")`);
  }

  /** Create a client, or return the one of that name that has not connected yet. */
  defineClient(name: string, url?: string): NamedClient {
    let named = this.clients.get(name);
    if (named) named.assertConfigurable(`setting up "${name}" again`);
    else {
      named = new NamedClient(name, this.transcript, () => this.notifyChange(), this.settings.inboxLimit);
      this.clients.set(name, named);
      for (const created of this.clientCreated) created(named);
    }
    if (url !== undefined) named.setup.url = url;
    return named;
  }

  /** The clients "user-1" ... "user-N" of a group, in number order; none is an error. */
  clientGroup(prefix: string): NamedClient[] {
    const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`);
    const members = [...this.clients.values()]
      .filter((c) => pattern.test(c.name))
      .sort((a, b) => Number(pattern.exec(a.name)![1]) - Number(pattern.exec(b.name)![1]));
    if (members.length === 0) {
      throw new StepError(StepErrorCode.UnknownClient, `there are no clients "${prefix}-1", "${prefix}-2", ... (create them with: Given 3 clients "${prefix}" are connected)`);
    }
    return members;
  }

  /** The URL a client connects to: its own URL or path resolved against the target or the mock server. */
  async urlFor(named: NamedClient): Promise<string> {
    const given = named.setup.url;
    if (given !== undefined && /^wss?:\/\//i.test(given)) return resolveClientUrl('ws://unused/', given);
    const base = this.usesMock || this.settings.target === undefined ? (await this.useMockServer()).url : this.settings.target;
    return resolveClientUrl(base, given);
  }

  /** The wait for a step: its "within" duration, else the configured default. */
  timeout(withinMs?: number): number {
    return withinMs ?? this.settings.timeoutMs;
  }

  interpolate(text: string): string {
    return this.variables.interpolate(text);
  }

  /**
   * Anything a wait may be waiting for happened (a client event, a mock server event). Waits about one
   * client listen to that client (NamedClient.changes) instead, so that an arrival at one of thousands of
   * clients does not re-check the waits of all the others.
   */
  notifyChange(): void {
    for (const listener of [...this.listeners]) listener();
  }

  readonly changes: ChangeSource = (onChange) => {
    this.listeners.add(onChange);
    return () => this.listeners.delete(onChange);
  };

  /**
   * Wait until `check` finds what the step waits for, up to `timeoutMs`. With `impossible` (usually
   * closedBefore from src/world/closed-before.ts) the wait ends at once, failing, when what it waits for
   * can no longer come; `check` goes first, so what arrived before that still counts.
   */
  waitFor<T>(
    check: () => T | undefined,
    timeoutMs: number,
    failure: (waited: string) => string | WaitFailure,
    options: { impossible?: () => string | WaitFailure | undefined; client?: NamedClient } = {},
  ): Promise<T> {
    const changes = options.client?.changes ?? this.changes;
    const client = options.client;
    // What arrived before still counts; then a full inbox ends the wait, as nothing more will be taken in.
    const checked = (): T | undefined => {
      const found = check();
      if (found !== undefined) return found;
      const full = this.takeInboxFailure(client);
      if (full) throw full;
      return undefined;
    };
    return waitFor({ check: checked, timeoutMs, failure, impossible: options.impossible, signal: this.abortSignal, changes });
  }

  /** `client`: what is held depends on that client alone. */
  holdFor(violation: () => string | undefined, durationMs: number, client?: NamedClient): Promise<void> {
    const checked = (): string | undefined => {
      const full = this.takeInboxFailure(client);
      if (full) throw full;
      return violation();
    };
    return holdFor({ violation: checked, durationMs, signal: this.abortSignal, changes: client?.changes ?? this.changes });
  }

  /**
   * The failure of a client (that one, or any) whose inbox reached its limit, once: the step during which
   * it happened fails with it, or the step after, or the scenario when it came after the last step.
   */
  takeInboxFailure(client?: NamedClient): StepError | undefined {
    for (const named of client ? [client] : this.clients.values()) {
      const full = named.inboxFull;
      if (!full || full.reported) continue;
      full.reported = true;
      return new StepError(StepErrorCode.InboxFull, full.message);
    }
    return undefined;
  }
}

/** A bad limit stops the run before the first scenario (the reporting hooks check it); until then, the default. */
function transcriptLimitOrDefault(parameters: unknown): number | undefined {
  try {
    return resolveTranscriptLimit(parameters);
  } catch {
    return undefined;
  }
}

async function closeQuietly(named: NamedClient): Promise<void> {
  const client = named.client;
  if (!client) return;
  // A client already closing (its close frame went out, e.g. a raw one from "sends the frame:") gets no
  // second close frame from close(), only the same time to finish its handshake. The scenario is over
  // once the close frames are exchanged: TCP is half-closed at once rather than waiting for the server
  // to close it (a step that judges the server's TCP close waits for it itself).
  if (client.state === 'open' || client.state === 'closing') {
    await withinCleanupTime(client.close(1000, 'scenario finished', { waitForServerTcpClose: false }));
  }
  // Also cancels a pending reconnect and abandons a connection attempt still under way.
  const gone = client.state === 'open' || client.state === 'closing' ? new Promise((resolve) => client.once('close', resolve)) : undefined;
  client.terminate();
  // Destroying the socket is local: its close is recorded before the scenario's reports are written.
  if (gone) await withinCleanupTime(gone);
}

async function withinCleanupTime(work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, CLEANUP_CLOSE_MS)))]);
  clearTimeout(timer);
}
