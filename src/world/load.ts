import type { WsWorld } from '../world';
import { formatMs, timingStats } from '../report/timings';
import { forEvery } from './crowd';
import { formatDuration } from './duration';
import { assertionFailed, badArgument, StepError, StepErrorCode } from './errors';
import type { InboxMessage } from './inbox';
import type { NamedClient } from './named-client';
import { percentile } from './round-trips';
import { sendOrFail } from './sending';

/** The most messages one step sends per client: a bound on the loop, far above what one machine sends usefully. */
const MAX_MESSAGES_PER_CLIENT = 1_000_000;
/** A message above this is refused: the largest a step builds in memory (and sends once per message). */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Send `count` messages of `size` bytes from a client, in its default frame type. */
export function sendMessages(named: NamedClient, count: number, size: number): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_MESSAGES_PER_CLIENT) {
    throw badArgument(`cannot send ${count} messages: use 1 to ${MAX_MESSAGES_PER_CLIENT}`);
  }
  if (!Number.isInteger(size) || size < 0 || size > MAX_MESSAGE_BYTES) throw badArgument(`cannot send messages of ${size} bytes: use 0 to ${MAX_MESSAGE_BYTES}`);
  // Printable ASCII, so the same payload is valid as a text message and readable in a transcript.
  const payload = Buffer.alloc(size, 'x');
  const text = named.setup.defaultType === 'text' ? payload.toString('latin1') : undefined;
  for (let i = 0; i < count; i++) {
    sendOrFail(named, `message ${i + 1} of ${count} (${size} bytes)`, (c) => (text === undefined ? c.sendBinary(payload) : c.sendText(text)));
  }
}

/**
 * Wait until every message and ping a client sent has its answer, up to the step's time; what is still
 * unanswered then counts as slower than any limit.
 */
async function answered(world: WsWorld, named: NamedClient, timeoutMs: number): Promise<void> {
  try {
    await world.waitFor(() => (named.roundTrips.unanswered === 0 ? true : undefined), timeoutMs, () => 'unanswered', { client: named });
  } catch (error) {
    if (!(error instanceof StepError && error.code === StepErrorCode.Timeout)) throw error;
  }
}

/** "below 50 ms": a percentile of round trips (message to reply, ping to pong) of one client or a group. */
export async function assertRoundTripPercentile(
  world: WsWorld,
  clients: NamedClient[],
  who: string,
  p: number,
  limitMs: number,
  withinMs?: number,
): Promise<void> {
  checkPercentile(p);
  await forEvery(clients, (named) => answered(world, named, world.timeout(withinMs)));
  const samples: number[] = [];
  let missing = 0;
  for (const named of clients) {
    samples.push(...named.roundTrips.all());
    missing += named.roundTrips.unanswered + named.roundTrips.lost;
  }
  const figure = `p${p} round trip of ${who}`;
  if (samples.length + missing === 0) {
    throw assertionFailed(`there is no ${figure}: no message or ping was sent and answered (send some first, e.g. When ${who} sends 100 messages of 64 bytes)`);
  }
  describeAndCheck(world, figure, samples, missing, p, limitMs, clients.length, 'round trips', 'unanswered');
}

/** "below 50 ms": a percentile of the fan-out latencies the group's receive steps measured. */
export function assertFanOutPercentile(world: WsWorld, prefix: string, p: number, limitMs: number): void {
  checkPercentile(p);
  const samples = world.fanOut.get(prefix) ?? [];
  const figure = `p${p} fan-out latency of every client "${prefix}"`;
  if (samples.length === 0) {
    throw assertionFailed(
      `there is no ${figure}: no step "Then every client "${prefix}" should receive ..." measured one (it measures from the last message another client or the mock server sent)`,
    );
  }
  describeAndCheck(world, figure, samples, 0, p, limitMs, world.clientGroup(prefix).length, 'arrivals', 'missing');
}

function checkPercentile(p: number): void {
  if (!Number.isInteger(p) || p < 1 || p > 100) throw badArgument(`p${p} is not a percentile: use p1 to p100 (p50, p95, p99...)`);
}

/** Attach the figure to the step (the reports show it), then fail when it is not below the limit. */
function describeAndCheck(
  world: WsWorld,
  figure: string,
  samples: number[],
  missing: number,
  p: number,
  limitMs: number,
  clients: number,
  what: string,
  missingWord: string,
): void {
  // An answer that never came is slower than any limit.
  const all = missing > 0 ? samples.concat(new Array<number>(missing).fill(Infinity)) : samples;
  const value = percentile(all, p)!;
  const stats = timingStats(samples);
  const spread = stats ? `p50 ${formatMs(stats.p50)}, p95 ${formatMs(stats.p95)}, max ${formatMs(stats.max)}` : 'no answer at all';
  const counted = `${samples.length} ${what} over ${clients} client${clients === 1 ? '' : 's'}${missing > 0 ? `, ${missing} ${missingWord}` : ''}`;
  const shown = Number.isFinite(value) ? formatMs(value) : `more than the wait (${missing} of ${all.length} ${missingWord})`;
  const line = `${figure}: ${shown} (limit ${formatDuration(limitMs)}; ${spread}; ${counted})`;
  world.attach(`${line}\n`, { mediaType: 'text/plain', fileName: 'wsbdd-figure.txt' });
  if (!(value < limitMs)) throw assertionFailed(`the ${figure} is ${shown}, expected below ${formatDuration(limitMs)} (${spread}; ${counted})`);
}

/**
 * The fan-out latency of a message each client of a group received: from the last message sent by a
 * client outside the group, or by the mock server, to its arrival. None when there is no such sender
 * (an echo to each sender is a round trip, not a fan-out).
 */
export function fanOutReference(world: WsWorld, group: readonly NamedClient[]): number | undefined {
  const members = new Set(group);
  let latest = world.lastMockSendAt;
  for (const name of world.clientNames()) {
    const named = world.client(name);
    if (members.has(named)) continue;
    const sentAt = named.roundTrips.lastMessageSentAt;
    if (sentAt !== undefined && (latest === undefined || sentAt > latest)) latest = sentAt;
  }
  return latest;
}

export function recordFanOut(world: WsWorld, prefix: string, reference: number | undefined, message: InboxMessage): void {
  if (reference === undefined || message.at < reference) return;
  const ms = message.at - reference;
  world.measured.fanOutMs.push(ms);
  const samples = world.fanOut.get(prefix);
  if (samples) samples.push(ms);
  else world.fanOut.set(prefix, [ms]);
}
