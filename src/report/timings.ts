import { chronological } from './chronological';
import { FrameTracker } from './frames';
import type { TranscriptEntry } from '../transcript/transcript';

/** Samples in milliseconds, taken from one scenario's transcript. */
export interface ScenarioTimings {
  /** From the start of a connection attempt to TCP (and TLS) being up, when the World recorded it. */
  connectMs: number[];
  /** From the handshake request being sent to a 101 answer arriving. */
  handshakeMs: number[];
  /** From a ping we sent to the pong that carried the same payload. */
  pingRttMs: number[];
  /** From a data message we sent to the next data message the same client received. */
  messageRttMs: number[];
  /**
   * From a message one sender sent to its arrival at each client of a group ("every client ... should
   * receive"). Not in the transcript's frames: the steps measure it and the World hands it over.
   */
  fanOutMs: number[];
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
}

export const TIMING_METRICS = ['connectMs', 'handshakeMs', 'pingRttMs', 'messageRttMs', 'fanOutMs'] as const;
export type TimingMetric = (typeof TIMING_METRICS)[number];

export const TIMING_LABELS: Record<TimingMetric, string> = {
  connectMs: 'TCP connect',
  handshakeMs: 'handshake',
  pingRttMs: 'ping round trip',
  messageRttMs: 'message round trip',
  fanOutMs: 'fan-out latency',
};

/**
 * Derives timing samples from a transcript. Only client-side entries count (actor "server" is the mock
 * server's view). Matching rules:
 * - a pong answers the oldest unanswered ping with the same payload on the same client;
 * - an inbound data message answers the oldest unanswered outbound data message on the same client
 *   (first in, first out, which is right for echo and request/response servers; a server that pushes
 *   unrelated messages makes these figures approximate);
 * - a close, reconnect or new handshake forgets what was unanswered on that client;
 * - entries a capped transcript left out add to the frame and byte counts, and break every round trip.
 */
export function scenarioTimings(entries: readonly TranscriptEntry[], serverActor = 'server'): ScenarioTimings {
  const timings: ScenarioTimings = {
    connectMs: [],
    handshakeMs: [],
    pingRttMs: [],
    messageRttMs: [],
    fanOutMs: [],
    framesIn: 0,
    framesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
  };
  const tracker = new FrameTracker();
  const requestSentAt = new Map<string, number>();
  const pendingPings = new Map<string, Map<string, Fifo>>();
  const pendingMessages = new Map<string, Fifo>();
  const forget = (actor: string): void => {
    pendingPings.delete(actor);
    pendingMessages.delete(actor);
    tracker.reset(actor);
  };

  for (const entry of chronological(entries)) {
    if (entry.actor === serverActor) continue;
    switch (entry.kind) {
      case 'tcp-connect':
        if (entry.elapsedMs !== undefined && Number.isFinite(entry.elapsedMs) && entry.elapsedMs >= 0) {
          timings.connectMs.push(entry.elapsedMs);
        }
        break;
      case 'handshake-request':
        forget(entry.actor);
        requestSentAt.set(entry.actor, entry.t);
        break;
      case 'handshake-response': {
        const sentAt = requestSentAt.get(entry.actor);
        requestSentAt.delete(entry.actor);
        if (entry.response.statusCode !== 101) break;
        if (sentAt !== undefined) timings.handshakeMs.push(entry.t - sentAt);
        else if (Number.isFinite(entry.elapsedMs) && entry.elapsedMs >= 0) timings.handshakeMs.push(entry.elapsedMs);
        break;
      }
      case 'close':
      case 'reconnect':
        forget(entry.actor);
        break;
      case 'omitted':
        // Frames the transcript only counted: they add to the totals, and no round trip spans them.
        timings.framesIn += entry.frames.in;
        timings.framesOut += entry.frames.out;
        timings.bytesIn += entry.bytes.in;
        timings.bytesOut += entry.bytes.out;
        pendingPings.clear();
        pendingMessages.clear();
        break;
      case 'frame': {
        const facts = tracker.observe(entry);
        const wireBytes = facts.length;
        if (entry.direction === 'out') {
          timings.framesOut++;
          timings.bytesOut += wireBytes;
        } else {
          timings.framesIn++;
          timings.bytesIn += wireBytes;
        }
        if (!facts.framed) break;
        // A frame the client refused or ignored answers nothing: it must not close a round trip.
        if (entry.rejected !== undefined || entry.ignored !== undefined) break;
        if (facts.opcode === 9 && entry.direction === 'out') {
          const byPayload = pendingPings.get(entry.actor) ?? new Map<string, Fifo>();
          pendingPings.set(entry.actor, byPayload);
          const key = facts.payload.toString('hex');
          const waiting = byPayload.get(key) ?? new Fifo();
          waiting.push(entry.t);
          byPayload.set(key, waiting);
        } else if (facts.opcode === 10 && entry.direction === 'in') {
          const waiting = pendingPings.get(entry.actor)?.get(facts.payload.toString('hex'));
          const sentAt = waiting?.shift();
          if (sentAt !== undefined) timings.pingRttMs.push(entry.t - sentAt);
        } else if (facts.completesMessage) {
          const queue = pendingMessages.get(entry.actor) ?? new Fifo();
          pendingMessages.set(entry.actor, queue);
          if (entry.direction === 'out') queue.push(entry.t);
          else {
            const sentAt = queue.shift();
            if (sentAt !== undefined) timings.messageRttMs.push(entry.t - sentAt);
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return timings;
}

/** Send times waiting for their answer, oldest first; shift() is O(1) however long the queue. */
class Fifo {
  private readonly items: number[] = [];
  private head = 0;

  push(item: number): void {
    this.items.push(item);
  }

  shift(): number | undefined {
    return this.head < this.items.length ? this.items[this.head++] : undefined;
  }
}

/** Distribution of a set of samples; percentiles by the nearest-rank method. */
export interface TimingStats {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  max: number;
}

export function timingStats(samples: readonly number[]): TimingStats | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number): number => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    min: round(sorted[0] ?? 0),
    mean: round(sum / sorted.length),
    p50: round(rank(0.5)),
    p95: round(rank(0.95)),
    max: round(sorted[sorted.length - 1] ?? 0),
  };
}

/** Milliseconds to a microsecond: finer digits are noise from the event loop. */
export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** "1.23 ms", "850 µs", "2.5 s": three significant digits are plenty for a reader. */
export function formatMs(ms: number): string {
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${Number(ms.toPrecision(3))} ms`;
  return `${Number((ms / 1000).toPrecision(3))} s`;
}

/** "p50 1.2 ms · p95 3.4 ms · max 5 ms (n=12)", or a single value when there is one sample. */
export function formatStats(stats: TimingStats): string {
  if (stats.count === 1) return formatMs(stats.p50);
  return `p50 ${formatMs(stats.p50)} · p95 ${formatMs(stats.p95)} · max ${formatMs(stats.max)} (n=${stats.count})`;
}
