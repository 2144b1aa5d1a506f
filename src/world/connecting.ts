import type { ConnectResult } from '../client/types';
import type { Redactor } from '../secrets/redact';
import type { WsWorld } from '../world';
import { clientContext, describeError, shownHeaderValue } from './describe';
import { assertionFailed, StepError, StepErrorCode } from './errors';
import type { NamedClient } from './named-client';
import { untilAborted } from './wait';
import { formatDuration } from './duration';

/** Create the client if needed and run one connection attempt; the outcome is kept on the client. */
export async function tryConnect(world: WsWorld, named: NamedClient): Promise<ConnectResult> {
  if (!named.client) {
    const timeoutMs = world.settings.timeoutMs;
    named.ensureClient({
      url: await world.urlFor(named),
      tls: world.settings.tls,
      connectTimeoutMs: timeoutMs,
      handshakeTimeoutMs: timeoutMs,
      closeTimeoutMs: timeoutMs,
    });
  }
  return attemptOrAbort(world, named, (client) => client.connect());
}

/** Run a connect or reconnect; an interrupted run abandons the attempt. */
export async function attemptOrAbort(
  world: WsWorld,
  named: NamedClient,
  run: Parameters<NamedClient['attempt']>[0],
): Promise<ConnectResult> {
  try {
    return await untilAborted(named.attempt(run), world.abortSignal);
  } catch (error) {
    named.client?.terminate();
    throw error;
  }
}

export async function connectOrFail(world: WsWorld, named: NamedClient, withinMs?: number): Promise<void> {
  const result = withinMs === undefined ? await tryConnect(world, named) : await connectWithin(world, named, withinMs);
  if (!result.ok) throw connectFailure(named, result.error);
}

/**
 * "connects within 2 seconds": TCP, TLS and the handshake together get that long (the client's own
 * connect and handshake timeouts are set to it for this attempt, so "within" can also wait longer than
 * the default). At the deadline the attempt is abandoned and the step says which part was missing.
 */
async function connectWithin(world: WsWorld, named: NamedClient, withinMs: number): Promise<ConnectResult> {
  if (!named.client) {
    named.ensureClient({
      url: await world.urlFor(named),
      tls: world.settings.tls,
      connectTimeoutMs: withinMs,
      handshakeTimeoutMs: withinMs,
      closeTimeoutMs: world.settings.timeoutMs,
    });
  }
  const client = named.client!;
  const { connectTimeoutMs, handshakeTimeoutMs } = client.options;
  client.options.connectTimeoutMs = withinMs;
  client.options.handshakeTimeoutMs = withinMs;
  let late = false;
  const deadline = setTimeout(() => {
    late = true;
    client.terminate();
  }, withinMs);
  try {
    const result = await attemptOrAbort(world, named, (c) => c.connect());
    if (late && !result.ok) {
      const missing = named.tcpEstablished ? 'TCP came up, but the server did not answer the handshake' : 'no TCP connection came up';
      throw new StepError(StepErrorCode.Timeout, `"${named.name}" did not connect to ${client.options.url} within ${formatDuration(withinMs)}: ${missing}`);
    }
    return result;
  } finally {
    clearTimeout(deadline);
    client.options.connectTimeoutMs = connectTimeoutMs;
    client.options.handshakeTimeoutMs = handshakeTimeoutMs;
  }
}

export function connectFailure(named: NamedClient, error: import('../client/errors').ClientError): StepError {
  const url = named.client?.options.url ?? '(no URL)';
  return new StepError(StepErrorCode.ConnectFailed, `"${named.name}" could not connect to ${url}: ${describeError(error)}`, {
    cause: error,
  });
}

export function assertConnected(named: NamedClient): void {
  if (!named.connected) throw assertionFailed(`"${named.name}" is not connected\n${clientContext(named, { unconsumed: false })}`);
}

export function assertTcpEstablished(named: NamedClient): void {
  if (!named.tcpEstablished) {
    const last = named.lastAttempt;
    const why = !last ? 'it has not tried to connect' : last.ok ? 'unknown' : describeError(last.error);
    throw assertionFailed(`the TCP connection of "${named.name}" was not established: ${why}`);
  }
}

function failedAttempt(named: NamedClient, expectation: string): import('../client/errors').ClientError {
  const last = named.lastAttempt;
  if (!last) {
    throw new StepError(StepErrorCode.Usage, `"${named.name}" has not tried to connect yet (use: When "${named.name}" tries to connect)`);
  }
  if (last.ok) {
    throw assertionFailed(`"${named.name}" connected (HTTP ${last.open.response.statusCode}), but was expected to fail to connect ${expectation}`);
  }
  return last.error;
}

export function assertFailedWithStatus(named: NamedClient, status: number): void {
  const error = failedAttempt(named, `with status ${status}`);
  const got = error.response?.statusCode;
  if (got !== status) {
    const answer = got === undefined ? `no HTTP answer (${describeError(error)})` : `status ${got} (${describeError(error)})`;
    throw assertionFailed(`"${named.name}" failed to connect with ${answer}, expected status ${status}`);
  }
}

/** The error's code (ECONNREFUSED, bad-accept...) or its kind (timeout, tls...), case-insensitive. */
export function assertFailedWithError(named: NamedClient, expected: string): void {
  const error = failedAttempt(named, `with error "${expected}"`);
  const wanted = expected.toLowerCase();
  if (error.code.toLowerCase() !== wanted && error.kind !== wanted) {
    throw assertionFailed(`"${named.name}" failed to connect with ${describeError(error)}, expected error "${expected}"`);
  }
}

function handshakeResponse(named: NamedClient) {
  const response = named.client?.response;
  if (!response) {
    const last = named.lastAttempt;
    const why = !last ? 'it has not tried to connect' : last.ok ? 'none recorded' : describeError(last.error);
    throw assertionFailed(`"${named.name}" has no handshake response: ${why}`);
  }
  return response;
}

export function assertResponseStatus(named: NamedClient, status: number): void {
  const response = handshakeResponse(named);
  if (response.statusCode !== status) {
    throw assertionFailed(`the handshake response of "${named.name}" has status ${response.statusCode} ${response.statusMessage}, expected ${status}`);
  }
}

/** Passes when any header of that name (case-insensitive) satisfies the test. */
export function assertResponseHeader(
  named: NamedClient,
  name: string,
  test: { describe: string; ok(value: string): boolean },
  secrets: Redactor,
): void {
  const response = handshakeResponse(named);
  const values = response.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
  if (values.some((value) => test.ok(value))) return;
  const present = response.headers.map(([n]) => n).join(', ') || 'none';
  const found =
    values.length === 0
      ? `has no ${name} header (headers: ${present})`
      : `has ${name}: ${values.map((v) => shownHeaderValue(name, v, secrets)).join(', ')}`;
  throw assertionFailed(`the handshake response of "${named.name}" ${found}; expected ${name} ${test.describe}`);
}

export function assertSubprotocol(named: NamedClient, protocol: string): void {
  assertConnected(named);
  const chosen = named.client!.protocol;
  if (chosen !== protocol) {
    const offered = named.setup.protocols?.join(', ') ?? 'none';
    throw assertionFailed(`"${named.name}" uses ${chosen === undefined ? 'no subprotocol' : `the subprotocol "${chosen}"`}, expected "${protocol}" (offered: ${offered})`);
  }
}
