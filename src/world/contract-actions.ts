import { readFileSync } from 'node:fs';
import { loadContractDocument } from '../contract/document';
import { matchChannel } from '../contract/address';
import { compileSchema, checkSchema, describeSchemaErrors } from '../contract/json-schema';
import { findMessage, messageNames, type ContractDocument, type ContractMessage } from '../contract/model';
import { matchCandidates, payloadValue } from '../contract/payload';
import { correlationValue, repliesTo, withCorrelationValue } from '../contract/replies';
import { selectJsonPath, parseJsonPath } from './jsonpath';
import { jsonEqual } from './json-match';
import type { WsWorld } from '../world';
import { contractOf, resolveContractFile, type ViolationMode } from './contract';
import { assertionFailed, badArgument, StepError, StepErrorCode } from './errors';
import type { InboxMessage } from './inbox';
import type { NamedClient } from './named-client';
import { receiveMessage, type MessageMatcher } from './receiving';
import { jsonText, sendOrFail } from './sending';

function parseSchemaText(text: string, where: string): object {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    throw badArgument(`${where} is not valid JSON: ${(error as Error).message}`);
  }
  if (schema === null || (typeof schema !== 'object' && typeof schema !== 'boolean')) throw badArgument(`${where} is not a JSON Schema (an object)`);
  const asObject = typeof schema === 'boolean' ? (schema ? {} : { not: {} }) : (schema as object);
  try {
    compileSchema(asObject);
  } catch (error) {
    throw badArgument(`${where} is not a JSON Schema ajv can use: ${(error as Error).message}`);
  }
  return asObject;
}

/** A schema from a file: beside the feature file, else from the project. */
export function schemaFromFile(world: WsWorld, file: string): object {
  const path = resolveContractFile(file, contractOf(world).featureUri);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw badArgument(`cannot read the schema ${file}: ${(error as Error).message}`);
  }
  return parseSchemaText(text, `the schema ${file}`);
}

export function schemaFromDoc(doc: string): object {
  return parseSchemaText(doc, 'the doc string');
}

function jsonValue(message: InboxMessage): { value: unknown } | undefined {
  if (message.binary) return undefined;
  try {
    return { value: JSON.parse(message.data.toString('utf8')) };
  } catch {
    return undefined;
  }
}

function schemaExplanation(schema: object): (message: InboxMessage) => string {
  return (message) => {
    const json = jsonValue(message);
    if (!json) return `        ${message.binary ? 'binary, not a JSON text message' : 'not JSON'}`;
    return describeSchemaErrors(checkSchema(schema, json.value).errors, '        ');
  };
}

export function receiveMatchingSchema(world: WsWorld, named: NamedClient, schema: object, shownAs: string, withinMs: number | undefined): Promise<InboxMessage> {
  const matcher: MessageMatcher = {
    describe: `a JSON message matching the schema ${shownAs}`,
    expected: { kind: 'JSON message', schema: shownAs },
    matches: (m) => {
      const json = jsonValue(m);
      return json !== undefined && checkSchema(schema, json.value).ok;
    },
  };
  return receiveMessage(world, named, matcher, withinMs, { explain: schemaExplanation(schema) });
}

/** Load the AsyncAPI document for this scenario: every client's frames are checked against it from now on. */
export async function useContractDocument(world: WsWorld, file: string): Promise<ContractDocument> {
  const session = contractOf(world);
  const path = resolveContractFile(file, session.featureUri);
  let document: ContractDocument;
  try {
    document = await loadContractDocument(path, file);
  } catch (error) {
    throw new StepError(StepErrorCode.BadConfig, (error as Error).message, { cause: error });
  }
  session.use(document);
  return document;
}

export function setViolationMode(world: WsWorld, mode: ViolationMode): void {
  contractOf(world).mode = mode;
}

function namedMessage(world: WsWorld, name: string): { message: ContractMessage; document: ContractDocument } {
  const document = contractOf(world).requireDocument();
  const found = findMessage(document, name);
  if (!found) throw badArgument(`${document.source} declares no message "${name}" (its messages: ${messageNames(document).map((n) => `"${n}"`).join(', ') || 'none'})`);
  return { message: found.message, document };
}

function messageMatcher(name: string, message: ContractMessage, where?: { path: string; value: unknown }): MessageMatcher {
  const path = where ? parseJsonPath(where.path) : undefined;
  return {
    describe: `a "${name}" message${where ? ` where ${where.path} is ${JSON.stringify(where.value)}` : ''}`,
    expected: { kind: 'JSON message', message: name, ...(where ? { where: where.path, is: where.value } : {}) },
    matches: (m) => {
      const { value } = payloadValue(m.data, m.binary);
      if (!matchCandidates([{ message, operation: undefined as never }], value, m.binary).match) return false;
      return !path || selectJsonPath(value, path).some((v) => jsonEqual(v, where!.value));
    },
  };
}

function messageExplanation(message: ContractMessage): (m: InboxMessage) => string {
  return (m) => {
    const { value } = payloadValue(m.data, m.binary);
    const tried = matchCandidates([{ message, operation: undefined as never }], value, m.binary).tried;
    return tried.length === 0 ? '        matches the message, not the rest of the step' : describeSchemaErrors(tried[0]!.errors, '        ');
  };
}

export function receiveNamedMessage(world: WsWorld, named: NamedClient, name: string, withinMs: number | undefined, where?: { path: string; value: unknown }): Promise<InboxMessage> {
  const { message } = namedMessage(world, name);
  return receiveMessage(world, named, messageMatcher(name, message, where), withinMs, { explain: messageExplanation(message) });
}

/** The reply to the last request this client sent with a correlation id: the named message, same id. */
export function receiveReply(world: WsWorld, named: NamedClient, name: string, withinMs: number | undefined): Promise<InboxMessage> {
  const { message } = namedMessage(world, name);
  const request = contractOf(world).lastRequest.get(named);
  if (!request) throw new StepError(StepErrorCode.Usage, `"${named.name}" has sent no message with a correlation id yet, so there is nothing to reply to`);
  if (!message.correlationId) throw badArgument(`"${name}" declares no correlationId, so no reply can be told apart by it`);
  const location = message.correlationId;
  const matcher = messageMatcher(name, message);
  const reply: MessageMatcher = {
    describe: `a "${name}" reply with correlation id ${JSON.stringify(request.value)} (at ${location})`,
    expected: { kind: 'JSON message', message: name, correlationId: request.value },
    matches: (m) => matcher.matches(m) && jsonEqual(correlationValue(location, payloadValue(m.data, m.binary).value), request.value),
  };
  return receiveMessage(world, named, reply, withinMs, {
    explain: (m) => {
      const schema = messageExplanation(message)(m);
      const got = correlationValue(location, payloadValue(m.data, m.binary).value);
      return `${schema}\n        correlation id ${got === undefined ? 'missing' : JSON.stringify(got)}`;
    },
  });
}

/** Check a payload against a named message before it goes out; nothing is sent when it does not fit. */
export function sendNamedMessage(world: WsWorld, named: NamedClient, name: string, doc: string): void {
  const { message } = namedMessage(world, name);
  const text = jsonText(doc);
  const value = JSON.parse(text);
  if (message.payload) {
    const check = checkSchema(message.payload, value);
    if (!check.ok) {
      throw assertionFailed(
        `"${named.name}" did not send the "${name}" message: it breaks the message's schema (to send it anyway: When "${named.name}" sends an invalid "${name}" message:)\n${describeSchemaErrors(check.errors)}`,
      );
    }
  }
  sendOrFail(named, `the "${name}" message`, (c) => c.sendText(text));
}

/** Send a payload that breaks a named message's schema, on purpose: it must break it, and is no violation. */
export function sendInvalidMessage(world: WsWorld, named: NamedClient, name: string, doc: string): void {
  const { message } = namedMessage(world, name);
  const text = jsonText(doc);
  if (!message.payload || checkSchema(message.payload, JSON.parse(text)).ok) {
    throw badArgument(`the doc string is a valid "${name}" message, so it cannot be sent as an invalid one`);
  }
  const session = contractOf(world);
  session.expectOffContract(named);
  sendOrFail(named, `the invalid "${name}" message`, (c) => c.sendText(text));
}

export function sendExample(world: WsWorld, named: NamedClient, name: string): void {
  const { message, document } = namedMessage(world, name);
  const example = message.examples[0];
  if (example === undefined) throw badArgument(`"${name}" in ${document.source} has no example with a payload`);
  sendOrFail(named, `the example of "${name}"`, (c) => c.sendText(JSON.stringify(example)));
}

/** The mock answers each message with the reply the document declares for it, from the reply's examples. */
export async function mockFollowsDocument(world: WsWorld): Promise<void> {
  const document = contractOf(world).requireDocument();
  const mock = await world.useMockServer();
  mock.behaviour.answer = (path, data, binary) => {
    const match = matchChannel(document, `ws://mock${path.startsWith('/') ? '' : '/'}${path}`);
    if (!match) return [];
    const candidates = document.operations
      .filter((o) => o.channelId === match.channel.id && o.clientSends)
      .flatMap((operation) => operation.messages.map((message) => ({ operation, message })));
    const { value } = payloadValue(data, binary);
    const found = matchCandidates(candidates, value, binary).match;
    if (!found) return [];
    const answers: string[] = [];
    for (const reply of repliesTo(document, found.operation, found.message)) {
      let example = reply.examples[0];
      if (example === undefined) continue;
      if (reply.correlationId && found.message.correlationId) {
        const id = correlationValue(found.message.correlationId, value);
        if (id !== undefined) example = withCorrelationValue(reply.correlationId, example, id);
      }
      answers.push(JSON.stringify(example));
      // One reply per request: the first of the declared replies that has an example.
      break;
    }
    return answers;
  };
}
