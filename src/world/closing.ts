import { MAX_CLOSE_REASON_BYTES, MAX_CONTROL_PAYLOAD } from '../protocol/constants';
import type { WsWorld } from '../world';
import { attemptOrAbort, connectFailure } from './connecting';
import { closedBefore } from './closed-before';
import { clientContext, describeClose } from './describe';
import { assertionFailed, StepError, StepErrorCode } from './errors';
import type { ConnectionRecord, NamedClient } from './named-client';
import { openClient, refusedBy, withReportedError } from './sending';
import { untilAborted } from './wait';
import { byteCount } from './plural';

/**
 * The closing handshake with this code and reason. Any 16-bit code goes out as given, also one that
 * may not be sent (1005, 999), to test the server; what no close frame can carry fails the step before
 * anything is sent, so that the step never passes on a close that did not happen.
 */
export async function closeClient(world: WsWorld, named: NamedClient, code?: number, reason?: string): Promise<void> {
  checkCloseArguments(named, code, reason);
  const client = openClient(named);
  const { result: closing, error } = withReportedError(named, () => client.close(code, reason));
  await untilAborted(closing, world.abortSignal);
  // A refused close (a code the client cannot encode, a failed write) drops TCP: the step says so with
  // the client's own error rather than pass on a close that never went out.
  if (error) throw refusedBy(named, 'its close frame', error);
}

function checkCloseArguments(named: NamedClient, code: number | undefined, reason: string | undefined): void {
  if (code !== undefined && (!Number.isInteger(code) || code < 0 || code > 0xffff)) {
    throw new StepError(
      StepErrorCode.Usage,
      `"${named.name}" cannot close with code ${code}: a close code is 2 bytes on the wire, 0-65535 (those that may not be sent, like 1005 or 999, go out as given); nothing was sent`,
    );
  }
  const reasonBytes = reason === undefined ? 0 : Buffer.byteLength(reason, 'utf8');
  if (reasonBytes > MAX_CLOSE_REASON_BYTES) {
    throw new StepError(
      StepErrorCode.Usage,
      `"${named.name}" cannot close with a reason of ${byteCount(reasonBytes)}: a close frame carries at most ${MAX_CONTROL_PAYLOAD} bytes ` +
        `(RFC 6455 5.5), 2 for the code and ${MAX_CLOSE_REASON_BYTES} for the reason; nothing was sent. ` +
        `To send an oversized close frame on purpose: When "${named.name}" sends a close frame with code ${code ?? 1000} and a reason of ${reasonBytes} bytes ` +
        `(or "sends the frame:" with opcode close)`,
    );
  }
}

export function dropClient(named: NamedClient): void {
  openClient(named).terminate();
}

export async function reconnectClient(world: WsWorld, named: NamedClient, delayMs: number): Promise<void> {
  if (!named.client) {
    throw new StepError(StepErrorCode.Usage, `"${named.name}" has never connected, so it cannot reconnect (use: When "${named.name}" connects)`);
  }
  const result = await attemptOrAbort(world, named, (client) => client.reconnect(delayMs));
  if (!result.ok) throw connectFailure(named, result.error);
}

function watched(named: NamedClient): ConnectionRecord {
  const connection = named.watchedConnection;
  if (!connection) {
    throw new StepError(StepErrorCode.Usage, `"${named.name}" has never connected, so it cannot have been closed`);
  }
  return connection;
}

/** Past the client's own close timers, the wait for the end of a connection it is closing gives up. */
const TCP_END_GRACE_MS = 500;

/**
 * Wait for the close of the connection the scenario is looking at. Once the client has sent its close
 * frame (its own close, or its answer to a violation or to the server's close), how the connection
 * ends is up to the client's close timers: the wait then lasts for those too, so a server slow to close
 * TCP (RFC 6455 7.1.1 says SHOULD) does not fail a step about the close itself, and the verdict is the
 * close that happened rather than a race with the client's timeout.
 */
export async function closedConnection(
  world: WsWorld,
  named: NamedClient,
  withinMs: number | undefined,
  failure: (waited: string) => string = (waited) => `"${named.name}" was not closed within ${waited}\n${clientContext(named)}`,
): Promise<ConnectionRecord & { close: NonNullable<ConnectionRecord['close']> }> {
  const connection = watched(named);
  await world.waitFor(() => connection.close ?? (connection.closeFrameSentAt !== undefined || undefined), world.timeout(withinMs), failure, { client: named });
  if (!connection.close) {
    // The client waits up to its close timeout for the server's close frame, then as long for TCP.
    const closingMs = 2 * (named.client?.options.closeTimeoutMs ?? world.settings.timeoutMs) + TCP_END_GRACE_MS;
    await world.waitFor(() => connection.close, closingMs, (waited) => `${failure(waited)}\n  (the client had sent its close frame; the connection did not end)`, { client: named });
  }
  return connection as ConnectionRecord & { close: NonNullable<ConnectionRecord['close']> };
}

/**
 * Why a close expected from the server was not the server's: our client may have failed the connection
 * itself, because of a frame the server sent.
 */
export function notStartedByServer(connection: ConnectionRecord): string {
  const violation = connection.errors.find((e) => e.kind === 'protocol');
  if (!violation) return 'the server did not start the close';
  return `the client failed the connection itself, because the server sent a frame that breaks RFC 6455 (${violation.code}: ${violation.message})`;
}

export interface CloseExpectation {
  byServer?: boolean;
  clean?: boolean;
  code?: number;
  reason?: string;
  withoutCloseFrame?: boolean;
}

function describeExpectation(e: CloseExpectation): string {
  const parts = [
    e.byServer && 'by the server',
    e.clean && 'cleanly (both close frames exchanged)',
    e.withoutCloseFrame && 'without a close frame',
    e.code !== undefined && `with code ${e.code}`,
    e.reason !== undefined && `and reason ${JSON.stringify(e.reason)}`,
  ].filter(Boolean);
  return parts.length > 0 ? `closed ${parts.join(' ')}` : 'closed';
}

export async function assertClosed(world: WsWorld, named: NamedClient, expectation: CloseExpectation, withinMs: number | undefined): Promise<void> {
  const connection = await closedConnection(world, named, withinMs);
  const { close } = connection;
  const problems: string[] = [];
  if (expectation.byServer && (close.initiatedBy !== 'server' || !close.closeFrameReceived)) problems.push(notStartedByServer(connection));
  if (expectation.clean && !close.clean) problems.push('the close handshake did not complete');
  if (expectation.withoutCloseFrame && close.closeFrameReceived) problems.push('a close frame was received');
  if (expectation.code !== undefined && (!close.closeFrameReceived || close.code !== expectation.code)) {
    problems.push(close.closeFrameReceived ? `the code was ${close.code}` : 'no close frame (so no code) was received');
  }
  if (expectation.reason !== undefined && close.reason !== expectation.reason) problems.push(`the reason was ${JSON.stringify(close.reason)}`);
  if (problems.length > 0) {
    throw assertionFailed(
      `"${named.name}" was expected to be ${describeExpectation(expectation)}, but ${problems.join(', ')}: ${describeClose(close)}\n${clientContext(named)}`,
      closeComparison(expectation, close),
    );
  }
}

/** The expected close and the actual one under the same keys, only those the step asked about. */
function closeComparison(e: CloseExpectation, close: NonNullable<ConnectionRecord['close']>): { expected: object; actual: object } {
  const expected: Record<string, unknown> = {};
  const actual: Record<string, unknown> = {};
  const compare = (key: string, wanted: unknown, found: unknown): void => {
    expected[key] = wanted;
    actual[key] = found;
  };
  if (e.byServer) compare('initiatedBy', 'server', close.initiatedBy);
  if (e.clean) compare('clean', true, close.clean);
  if (e.withoutCloseFrame) compare('closeFrameReceived', false, close.closeFrameReceived);
  if (e.code !== undefined) compare('code', e.code, close.closeFrameReceived ? close.code : null);
  if (e.reason !== undefined) compare('reason', e.reason, close.reason);
  return { expected, actual };
}

/** A new handshake completed after the watched connection ended; that one becomes the watched one. */
export async function assertReconnected(world: WsWorld, named: NamedClient, withinMs: number): Promise<void> {
  const connection = watched(named);
  const latest = await world.waitFor(
    () => (connection.close && named.connections.length - 1 > connection.index ? named.connections.length - 1 : undefined),
    withinMs,
    (waited) => {
      const state = connection.close ? `it was closed (${describeClose(connection.close)}) and did not reconnect` : 'its connection was never closed';
      return `"${named.name}" did not reconnect within ${waited}: ${state}\n${clientContext(named)}`;
    },
    // Closed, with no reconnect coming (none asked for, no policy, or the policy gave up): none will come.
    { impossible: closedBefore(named, 'it reconnected, and no reconnect is coming'), client: named },
  );
  named.watched = latest;
}
