import type { WsWorld } from '../world';
import { CloseCode } from '../protocol/constants';
import { closedConnection, notStartedByServer } from '../world/closing';
import { clientContext, describeClose } from '../world/describe';
import { assertionFailed, badArgument } from '../world/errors';
import type { NamedClient } from '../world/named-client';
import { formatDuration } from '../world/duration';

/** The server closed the connection with a close frame carrying one of the codes. */
export async function expectClosedByServerWith(world: WsWorld, named: NamedClient, codes: number[], withinMs: number | undefined): Promise<void> {
  const connection = await closedConnection(world, named, withinMs);
  const { close } = connection;
  const wanted = codes.join(' or ');
  const problems: string[] = [];
  if (close.initiatedBy !== 'server' || !close.closeFrameReceived) problems.push(notStartedByServer(connection));
  if (!close.closeFrameReceived) problems.push('no close frame (so no code) was received');
  else if (!codes.includes(close.code)) problems.push(`the code was ${close.code}`);
  if (problems.length > 0) {
    throw assertionFailed(
      `"${named.name}" was expected to be closed by the server with code ${wanted}, but ${problems.join(', ')}: ${describeClose(close)}\n${clientContext(named)}`,
    );
  }
}

/**
 * A close frame with the code arrived, whoever sent the first one: after a client's invalid close
 * frame, the server's close with 1002 is its answer, not a close it started.
 */
export async function expectCloseFrameWith(world: WsWorld, named: NamedClient, code: number, withinMs: number | undefined): Promise<void> {
  const { close } = await closedConnection(world, named, withinMs);
  if (!close.closeFrameReceived || close.code !== code) {
    const got = close.closeFrameReceived ? `one with code ${close.code}` : 'none';
    throw assertionFailed(`"${named.name}" expected a close frame with code ${code} from the server, but received ${got}: ${describeClose(close)}\n${clientContext(named)}`);
  }
}

/**
 * The server closed TCP within `limitMs` of the end of the closing handshake (RFC 6455 7.1.1: the
 * server closes first). Our client waits its close timeout before it closes TCP itself, so a TCP close
 * sooner than that came from the server; the limit must therefore be below the client's close timeout.
 */
export async function expectServerClosesTcp(world: WsWorld, named: NamedClient, limitMs: number): Promise<void> {
  const clientWaitsMs = named.client?.options.closeTimeoutMs ?? world.settings.timeoutMs;
  if (limitMs >= clientWaitsMs) {
    throw badArgument(
      `the limit (${formatDuration(limitMs)}) must be below the client's close timeout (${formatDuration(clientWaitsMs)}), ` +
        'or a TCP close by the client could not be told from one by the server: raise the timeout or lower the limit',
    );
  }
  const connection = await closedConnection(world, named, clientWaitsMs + 1000);
  const { close, closedAt } = connection;
  // A server that failed the connection by closing TCP at once did close it first.
  if (close.initiatedBy === 'transport' && !close.closeFrameReceived) return;
  const { closeFrameSentAt: sent, closeFrameReceivedAt: received } = connection;
  if (sent === undefined || received === undefined || !close.clean) {
    throw assertionFailed(`the closing handshake of "${named.name}" did not complete, so the TCP close cannot be judged: ${describeClose(close)}\n${clientContext(named)}`);
  }
  const handshakeDone = Math.max(sent, received);
  const tookMs = Math.round((closedAt ?? performance.now()) - handshakeDone);
  if (tookMs > limitMs) {
    throw assertionFailed(
      `the server did not close the TCP connection of "${named.name}" within ${formatDuration(limitMs)} of the closing handshake: ` +
        `TCP closed ${tookMs} ms after it${tookMs >= clientWaitsMs ? ', when the client gave up waiting and closed it itself' : ''}\n${clientContext(named)}`,
    );
  }
}

/** The closing handshake completed, and the server's close frame carried `code` or no code at all. */
export async function expectCleanCloseWithCodeOrNone(world: WsWorld, named: NamedClient, code: number, withinMs: number | undefined): Promise<void> {
  const { close } = await closedConnection(world, named, withinMs);
  if (!close.clean || (close.code !== code && close.code !== CloseCode.NoStatus)) {
    const problem = close.clean ? `the code was ${close.code}` : 'the close handshake did not complete';
    throw assertionFailed(`"${named.name}" was expected to be closed cleanly with code ${code} or without a code, but ${problem}: ${describeClose(close)}\n${clientContext(named)}`);
  }
}
