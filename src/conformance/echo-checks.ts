import type { WsWorld } from '../world';
import { clientContext, describeClose, describeMessage } from '../world/describe';
import { assertionFailed } from '../world/errors';
import type { InboxControl, InboxMessage } from '../world/inbox';
import type { ConnectionRecord, NamedClient } from '../world/named-client';
import type { CloseEvent } from '../client/types';
import { closedBefore } from '../world/closed-before';
import { formatHex } from '../world/hex';
import { conformanceState, lastSent, type SentMessage } from './client-state';
import { failedConnection, judgeConnectionFailure } from './connection-failure';
import { noteNonStrict, observe } from './observing';
import { formatSize } from './sizes';
import { byteCount } from '../world/plural';

/** Milliseconds left until `deadline`, at least 1. */
function left(deadline: number): number {
  return Math.max(1, deadline - performance.now());
}

/**
 * The echo checks look at the NEXT message not yet consumed, not at any matching one: an echo server
 * sends nothing else, so a wrong next message is a finding to report at once, with the difference,
 * instead of a timeout. A close before the awaited message also ends the wait at once.
 */
async function nextMessage(world: WsWorld, named: NamedClient, what: string, deadline: number): Promise<InboxMessage> {
  return world.waitFor(
    () => named.inbox.unconsumedMessages()[0],
    left(deadline),
    (waited) => `"${named.name}" did not receive ${what} within ${waited}\n${clientContext(named)}`,
    { impossible: closedBefore(named, `${what} arrived`) },
  );
}

async function nextControl(world: WsWorld, named: NamedClient, kind: 'ping' | 'pong', what: string, deadline: number): Promise<InboxControl> {
  return world.waitFor(
    () => named.inbox.unconsumed(kind)[0],
    left(deadline),
    (waited) => `"${named.name}" did not receive ${what} within ${waited}\n${clientContext(named)}`,
    { impossible: closedBefore(named, `${what} arrived`) },
  );
}

function describeSent(message: SentMessage): string {
  return `the ${message.binary ? 'binary' : 'text'} message of ${formatSize(message.data.length)} it sent`;
}

/** Why `got` is not the echo of `sent`, or undefined when it is. */
export function echoDifference(sent: SentMessage, got: Pick<InboxMessage, 'data' | 'binary'>): string | undefined {
  const problems: string[] = [];
  if (got.binary !== sent.binary) problems.push(`it came back as a ${got.binary ? 'binary' : 'text'} message`);
  if (got.data.length !== sent.data.length) problems.push(`it came back with ${byteCount(got.data.length)} instead of ${sent.data.length}`);
  if (!got.data.equals(sent.data)) {
    const length = Math.min(got.data.length, sent.data.length);
    let at = 0;
    while (at < length && got.data[at] === sent.data[at]) at++;
    if (at < length) {
      problems.push(`the bytes differ from offset ${at}: sent ${formatHex(sent.data.subarray(at, at + 8))}, got ${formatHex(got.data.subarray(at, at + 8))}`);
    }
  }
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/** The next messages are the echoes of the given ones, in order. */
export async function expectEchoes(world: WsWorld, named: NamedClient, sent: SentMessage[], withinMs: number | undefined): Promise<void> {
  const deadline = performance.now() + world.timeout(withinMs);
  for (const [index, message] of sent.entries()) {
    const what = sent.length === 1 ? `the echo of ${describeSent(message)}` : `the echo of message ${index + 1} of ${sent.length} (${formatSize(message.data.length)})`;
    const got = await nextMessage(world, named, what, deadline);
    const difference = echoDifference(message, got);
    if (difference) {
      throw assertionFailed(`"${named.name}" expected ${what}, but ${difference} (received: ${describeMessage(got)})\n${clientContext(named)}`);
    }
    got.consumed = true;
    named.lastMatched = got;
  }
}

export function expectLastEcho(world: WsWorld, named: NamedClient, withinMs: number | undefined): Promise<void> {
  return expectEchoes(world, named, lastSent(named, 1), withinMs);
}

/**
 * The last message comes back, or the server refuses it with the given close code (a message size
 * limit, RFC 6455 10.4). Which of the two happened is attached as an observation.
 */
export async function expectEchoOrClose(world: WsWorld, named: NamedClient, code: number, withinMs: number | undefined): Promise<void> {
  const [sent] = lastSent(named, 1);
  const what = `the echo of ${describeSent(sent!)} or a close with code ${code}`;
  const outcome = await world.waitFor<InboxMessage | 'closed'>(
    () => named.inbox.unconsumedMessages()[0] ?? (named.watchedConnection?.close ? 'closed' : undefined),
    world.timeout(withinMs),
    (waited) => `"${named.name}" received neither ${what} within ${waited}\n${clientContext(named)}`,
  );
  const message = `the ${formatSize(sent!.data.length)} ${sent!.binary ? 'binary' : 'text'} message`;
  if (outcome === 'closed') {
    const connection = named.watchedConnection as ConnectionRecord & { close: CloseEvent };
    const judgement = judgeConnectionFailure(failedConnection(connection), [code]);
    if (!judgement.holds) throw assertionFailed(`"${named.name}" expected ${what}, but ${judgement.problem}: ${describeClose(connection.close)}\n${clientContext(named)}`);
    if (judgement.shortOfShould) noteNonStrict(world, judgement.shortOfShould);
    const { close } = connection;
    observe(world, close.closeFrameReceived ? `${message} was refused with close code ${close.code}` : `${message} was refused by a TCP close without a close frame`);
    return;
  }
  const difference = echoDifference(sent!, outcome);
  if (difference) throw assertionFailed(`"${named.name}" expected ${what}, but ${difference}\n${clientContext(named)}`);
  outcome.consumed = true;
  named.lastMatched = outcome;
  observe(world, `${message} was echoed`);
}

/** The next message is a text message with exactly these bytes. */
export async function expectTextBytes(world: WsWorld, named: NamedClient, bytes: Buffer, withinMs: number | undefined): Promise<void> {
  const deadline = performance.now() + world.timeout(withinMs);
  const what = `a text message with the bytes ${formatHex(bytes)}`;
  const got = await nextMessage(world, named, what, deadline);
  const difference = echoDifference({ data: bytes, binary: false }, got);
  if (difference) throw assertionFailed(`"${named.name}" expected ${what}, but ${difference}\n${clientContext(named)}`);
  got.consumed = true;
  named.lastMatched = got;
}

/** The next pongs answer the last `count` pings the pack sent, payload for payload, in order. */
export async function expectPongs(world: WsWorld, named: NamedClient, count: number, withinMs: number | undefined): Promise<void> {
  const pings = conformanceState(named).pings;
  if (pings.length < count) {
    throw assertionFailed(`"${named.name}" sent ${pings.length} ping(s) with the pack's steps, so ${count} pong(s) cannot answer them`);
  }
  const deadline = performance.now() + world.timeout(withinMs);
  for (const [index, payload] of pings.slice(pings.length - count).entries()) {
    const what = `the pong to ping ${index + 1} of ${count} (payload ${formatHex(payload, 16)})`;
    const pong = await nextControl(world, named, 'pong', count === 1 ? `a pong with the ping's payload (${formatHex(payload, 16)})` : what, deadline);
    if (!pong.payload.equals(payload)) {
      throw assertionFailed(
        `"${named.name}" expected ${what}, but the pong carried ${byteCount(pong.payload.length)}: ${formatHex(pong.payload, 16)}\n${clientContext(named)}`,
      );
    }
    pong.consumed = true;
  }
}

/** No unconsumed pong arrives during the duration. */
export function expectNoPong(world: WsWorld, named: NamedClient, durationMs: number): Promise<void> {
  return world.holdFor(() => {
    const pong = named.inbox.unconsumed('pong')[0];
    return pong ? `"${named.name}" received a pong (${formatHex(pong.payload, 16)}), expected none\n${clientContext(named)}` : undefined;
  }, durationMs);
}

/** Nothing of that kind has arrived unconsumed; meant for after the connection closed. */
export function expectNothingReceived(named: NamedClient, kind: 'message' | 'pong'): void {
  if (kind === 'message') {
    const message = named.inbox.unconsumedMessages()[0];
    if (message) throw assertionFailed(`"${named.name}" received ${describeMessage(message)}, expected no message\n${clientContext(named)}`);
    return;
  }
  const pong = named.inbox.unconsumed('pong')[0];
  if (pong) throw assertionFailed(`"${named.name}" received a pong (${formatHex(pong.payload, 16)}), expected none\n${clientContext(named)}`);
}
