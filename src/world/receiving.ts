import type { WsWorld } from '../world';
import { clientContext, describeError, describeMessage, unmatched, type AwaitedArrival } from './describe';
import { assertionFailed, badArgument, StepError, StepErrorCode } from './errors';
import type { InboxControl, InboxMessage } from './inbox';
import { jsonEqual, matchJsonSubset, describeJson, type ArrayRule } from './json-match';
import { parseJsonPath, selectJsonPath } from './jsonpath';
import type { NamedClient } from './named-client';
import { closedBefore } from './closed-before';
import { formatDuration } from './duration';
import { previewPayload } from '../report/preview';
import { byteCount } from './plural';
import { bytesDifference, closestMiss, textContainingMiss, textDifference, textMiss, type MissExplainer } from './closest-miss';
import type { TextPattern } from '../patterns';

/** What a receive step looks for in a message. */
export interface MessageMatcher {
  /** "a text message "hello"", for failure messages. */
  describe: string;
  /** The same, for the failure attachment. */
  expected: AwaitedArrival;
  matches(message: InboxMessage): boolean;
  /** Why a message is not it, when the matcher can say more than "it differs" (see closest-miss.ts). */
  miss?: MissExplainer;
}

export function textEquals(text: string): MessageMatcher {
  const expected = Buffer.from(text, 'utf8');
  return {
    describe: `a text message ${JSON.stringify(text)}`,
    expected: { kind: 'text message', equals: text },
    matches: (m) => !m.binary && m.data.equals(expected),
    miss: textDifference(text),
  };
}

/**
 * A message's answer, worked out once: a wait looks at every unmatched message after each change, and a
 * costly pattern (one that runs on the pattern thread) should not pay that again and again.
 */
function once(matches: (message: InboxMessage) => boolean): (message: InboxMessage) => boolean {
  const answers = new WeakMap<InboxMessage, boolean>();
  return (message) => {
    let answer = answers.get(message);
    if (answer === undefined) answers.set(message, (answer = matches(message)));
    return answer;
  };
}

export function textMatching(pattern: TextPattern): MessageMatcher {
  const shown = `/${pattern.source}/`;
  return {
    describe: `a text message matching ${shown}`,
    expected: { kind: 'text message', matches: shown },
    matches: once((m) => !m.binary && pattern.test(m.data.toString('utf8'))),
    miss: textMiss(`does not match ${shown}`),
  };
}

export function textContaining(part: string): MessageMatcher {
  return {
    describe: `a text message containing ${JSON.stringify(part)}`,
    expected: { kind: 'text message', containing: part },
    matches: (m) => !m.binary && m.data.toString('utf8').includes(part),
    miss: textContainingMiss(part),
  };
}

export function bytesEqual(bytes: Buffer): MessageMatcher {
  const shown = previewPayload(bytes, 'binary', { limit: 60 });
  return {
    describe: `a binary message ${shown}`,
    expected: { kind: 'binary message', equals: shown },
    matches: (m) => m.binary && m.data.equals(bytes),
    miss: bytesDifference(bytes),
  };
}

export function binaryOfLength(length: number): MessageMatcher {
  return {
    describe: `a binary message of ${byteCount(length)}`,
    expected: { kind: 'binary message', length },
    matches: (m) => m.binary && m.data.length === length,
    miss: (m) => (m.binary ? { distance: Math.abs(m.data.length - length), why: `it has ${byteCount(m.data.length)}` } : { distance: Infinity, why: 'it is a text message' }),
  };
}

/** The JSON value of a text message, or undefined when it is binary or not JSON. */
function jsonOf(message: InboxMessage): { value: unknown } | undefined {
  if (message.binary) return undefined;
  try {
    return { value: JSON.parse(message.data.toString('utf8')) };
  } catch {
    return undefined;
  }
}

export function parseExpectedJson(doc: string): unknown {
  try {
    return JSON.parse(doc);
  } catch (error) {
    throw badArgument(`the doc string is not valid JSON: ${(error as Error).message}`);
  }
}

export function jsonContaining(expected: unknown, arrays: ArrayRule = 'exact'): MessageMatcher {
  const how = arrays === 'include' ? 'including' : 'containing';
  return {
    describe: `a JSON text message ${how} ${describeJson(expected, 200)}`,
    expected: { kind: 'JSON message', [how]: expected },
    matches: (m) => {
      const json = jsonOf(m);
      return json !== undefined && matchJsonSubset(expected, json.value, '$', arrays) === undefined;
    },
  };
}

/** The expected value of a JSONPath step: JSON when it parses as JSON, else the text itself. */
export function expectedPathValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `$.a` is `value`; with a wildcard path, any selected value may match. */
export function jsonPathIs(pathText: string, expected: unknown): MessageMatcher {
  const path = parseJsonPath(pathText);
  return {
    describe: `a JSON text message where ${pathText} is ${JSON.stringify(expected)}`,
    expected: { kind: 'JSON message', where: pathText, is: expected },
    matches: (m) => {
      const json = jsonOf(m);
      return json !== undefined && selectJsonPath(json.value, path).some((value) => jsonEqual(value, expected));
    },
  };
}

/**
 * The text a JSONPath value is matched by: a string as it is, a number or boolean as its JSON text;
 * objects, arrays and null have none, so a pattern like ".*" cannot pass on them.
 */
function matchableText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  return undefined;
}

/** `$.a` matches the regular expression; with a wildcard path, any selected value may match. */
export function jsonPathMatches(pathText: string, pattern: TextPattern): MessageMatcher {
  const path = parseJsonPath(pathText);
  const shown = `/${pattern.source}/`;
  return {
    describe: `a JSON text message where ${pathText} matches ${shown}`,
    expected: { kind: 'JSON message', where: pathText, matches: shown },
    matches: once((m) => {
      const json = jsonOf(m);
      return (
        json !== undefined &&
        selectJsonPath(json.value, path).some((value) => {
          const text = matchableText(value);
          return text !== undefined && pattern.test(text);
        })
      );
    }),
  };
}


/** What a JSON receive step expected, to explain a miss: a subset, a path, or its own explanation (a schema's errors). */
export interface JsonExpectation {
  subset?: unknown;
  arrays?: ArrayRule;
  path?: string;
  explain?: (message: InboxMessage) => string;
}

/** Explains, for failure messages, why the unmatched messages did not match a JSON matcher. */
function jsonHints(named: NamedClient, expected: JsonExpectation): string {
  const hints: string[] = [];
  // Numbered as in the list of unmatched messages above, which shows each of them once.
  named.inbox.unconsumedMessages().slice(0, 3).forEach((message, index) => {
    const which = `    - message ${index + 1}`;
    const json = jsonOf(message);
    if (expected.explain) {
      hints.push(`${which}:\n${expected.explain(message)}`);
    } else if (!json) {
      hints.push(`${which}: ${message.binary ? 'binary, not a JSON text message' : 'not JSON'}`);
    } else if (expected.subset !== undefined) {
      const mismatch = matchJsonSubset(expected.subset, json.value, '$', expected.arrays);
      if (mismatch) hints.push(`${which}: at ${mismatch.path}, ${mismatch.reason}`);
    } else if (expected.path !== undefined) {
      const values = selectJsonPath(json.value, parseJsonPath(expected.path));
      hints.push(`${which}: ${expected.path} is ${values.length === 0 ? 'missing' : values.map((v) => describeJson(v)).join(', ')}`);
    }
  });
  return hints.length > 0 ? `\n  why the unmatched messages differ:\n${hints.join('\n')}` : '';
}

/**
 * A client that never had a connection, and is not getting one, can receive nothing: waiting out the
 * timeout would only hide that. One that is connecting, or had a connection (its inbox outlives it), waits.
 */
export function assertCanReceive(named: NamedClient): void {
  if (named.connections.length > 0) return;
  const state = named.client?.state;
  if (state === 'connecting' || state === 'handshaking') return;
  const last = named.lastAttempt;
  const why = last && !last.ok ? `its connection attempt failed (${describeError(last.error)})` : `it never connected (use: When "${named.name}" connects)`;
  throw new StepError(StepErrorCode.NotConnected, `"${named.name}" is not connected, so it cannot receive anything: ${why}`);
}

/** Wait for the first unconsumed message that matches, consume it, and remember it for "remembers". */
export async function receiveMessage(
  world: WsWorld,
  named: NamedClient,
  matcher: MessageMatcher,
  withinMs: number | undefined,
  json?: JsonExpectation,
): Promise<InboxMessage> {
  assertCanReceive(named);
  const timeoutMs = world.timeout(withinMs);
  const failure = (waited: string) => ({
    message: `"${named.name}" did not receive ${matcher.describe} within ${waited}\n${clientContext(named)}${json ? jsonHints(named, json) : closestMiss(named.inbox.unconsumedMessages(), matcher.miss)}`,
    expected: { ...matcher.expected, within: waited },
    actual: unmatched(named, named.inbox.unconsumedMessages()),
  });
  const message = await world.waitFor(() => named.inbox.unconsumedMessages().find((m) => matcher.matches(m)), timeoutMs, failure, {
    impossible: closedBefore(named, `it received ${matcher.describe}`, {
      compare: () => failure(formatDuration(timeoutMs)),
      more: () => (json ? jsonHints(named, json) : ''),
    }),
    client: named,
  });
  message.consumed = true;
  named.lastMatched = message;
  return message;
}

export async function receiveCount(world: WsWorld, named: NamedClient, count: number, withinMs: number): Promise<void> {
  assertCanReceive(named);
  const failure = (waited: string) => {
    const pending = named.inbox.unconsumedMessages();
    return {
      message: `"${named.name}" received ${pending.length} of the ${count} messages expected within ${waited}\n${clientContext(named)}`,
      expected: { kind: 'message', count, within: waited } satisfies AwaitedArrival,
      actual: unmatched(named, pending),
    };
  };
  const messages = await world.waitFor(
    () => {
      const pending = named.inbox.unconsumedMessages();
      return pending.length >= count ? pending.slice(0, count) : undefined;
    },
    withinMs,
    failure,
    {
      impossible: closedBefore(named, () => `it received ${count} messages (${named.inbox.unconsumedMessages().length} arrived)`, {
        compare: () => failure(formatDuration(withinMs)),
      }),
      client: named,
    },
  );
  for (const message of messages) message.consumed = true;
  named.lastMatched = messages[messages.length - 1];
}

/** Nothing unconsumed may be there now or arrive during the whole duration. */
export async function receiveNothing(world: WsWorld, named: NamedClient, durationMs: number): Promise<void> {
  assertCanReceive(named);
  await world.holdFor(() => {
    const pending = named.inbox.unconsumedMessages();
    if (pending.length === 0) return undefined;
    return `"${named.name}" received ${describeMessage(pending[0]!)}, expected no message\n${clientContext(named)}`;
  }, durationMs, named);
}

function describeControls(kind: 'ping' | 'pong', seen: { count: number; recent: Buffer[] }): string {
  if (seen.count === 0) return `no ${kind} received`;
  const shown = seen.recent.map((payload) => previewPayload(payload, 'auto', { limit: 30 }));
  return `${seen.count} ${kind}(s) received in all, last payloads: ${shown.join(', ')}`;
}

/** Wait for an unconsumed ping or pong (with that payload, when given) and consume it. */
export async function receiveControl(
  world: WsWorld,
  named: NamedClient,
  kind: 'ping' | 'pong',
  payload: string | undefined,
  withinMs: number | undefined,
): Promise<void> {
  assertCanReceive(named);
  const expected = payload === undefined ? undefined : Buffer.from(payload, 'utf8');
  const what = expected === undefined ? `a ${kind}` : `a ${kind} ${JSON.stringify(payload)}`;
  const timeoutMs = world.timeout(withinMs);
  const all = named.inbox.controls[kind];
  const failure = (waited: string) => ({
    message: `"${named.name}" did not receive ${what} within ${waited} (${describeControls(kind, all)})\n${clientContext(named)}`,
    expected: { kind, payload, within: waited } satisfies AwaitedArrival,
    actual: unmatched(named, named.inbox.unconsumed(kind)),
  });
  const control = await world.waitFor(
    () => named.inbox.unconsumed(kind).find((c) => expected === undefined || c.payload.equals(expected)),
    timeoutMs,
    failure,
    {
      impossible: closedBefore(named, () => `it received ${what} (${describeControls(kind, all)})`, {
        compare: () => failure(formatDuration(timeoutMs)),
      }),
      client: named,
    },
  );
  control.consumed = true;
}

export async function receiveControls(world: WsWorld, named: NamedClient, kind: 'ping' | 'pong', count: number, withinMs: number): Promise<void> {
  assertCanReceive(named);
  const failure = (waited: string) => {
    const pending = named.inbox.unconsumed(kind);
    return {
      message: `"${named.name}" received ${pending.length} ${kind}(s) within ${waited}, expected at least ${count}\n${clientContext(named)}`,
      expected: { kind, count, within: waited } satisfies AwaitedArrival,
      actual: unmatched(named, pending),
    };
  };
  const controls = await world.waitFor(
    () => {
      const pending = named.inbox.unconsumed(kind);
      return pending.length >= count ? pending.slice(0, count) : undefined;
    },
    withinMs,
    failure,
    {
      impossible: closedBefore(named, () => `it received ${count} ${kind}s (${named.inbox.unconsumed(kind).length} arrived)`, {
        compare: () => failure(formatDuration(withinMs)),
      }),
      client: named,
    },
  );
  for (const control of controls) control.consumed = true;
}

/** Store a field of the last message a receive step matched as a scenario variable. */
export function rememberJsonField(world: WsWorld, named: NamedClient, pathText: string, variable: string): void {
  const message = named.lastMatched;
  if (!message) {
    throw new StepError(StepErrorCode.Usage, `"${named.name}" has no matched message to read ${pathText} from: use a receive step first`);
  }
  const json = jsonOf(message);
  if (!json) throw assertionFailed(`the last message "${named.name}" received is not JSON: ${describeMessage(message)}`);
  const values = selectJsonPath(json.value, parseJsonPath(pathText));
  if (values.length === 0) throw assertionFailed(`${pathText} is missing in the last message "${named.name}" received: ${describeJson(json.value, 200)}`);
  if (values.length > 1) throw badArgument(`${pathText} selects ${values.length} values; remember a single field (use an index, not [*])`);
  world.variables.set(variable, values[0]);
}
