import { Opcode } from '../protocol/constants';
import type { FrameEvent } from '../client/types';

/**
 * One client's round trips, measured as they happen: a data message it sent to the next data message it
 * received (first in, first out: right for echo and request/response servers), and a ping to the pong
 * with the same payload. The same rules as the run summary's figures (src/report/timings.ts), kept live
 * per client so that a step about thousands of clients does not re-read the whole transcript.
 */
export class RoundTrips {
  /** Milliseconds from a sent message to its reply, in the order the replies came. */
  readonly messageMs: number[] = [];
  /** Milliseconds from a ping to its pong. */
  readonly pingMs: number[] = [];
  /** When the last data message went out (performance.now()), for fan-out latency. */
  lastMessageSentAt: number | undefined;
  /** Messages and pings that never got their answer before their connection closed. */
  lost = 0;
  private readonly sentAt: number[] = [];
  private head = 0;
  private readonly pings = new Map<string, number[]>();

  /** An outgoing frame: the last frame of a data message starts a round trip, a ping another. */
  sent(event: FrameEvent): void {
    const frame = event.frame;
    if (!frame) return;
    if (frame.opcode === Opcode.Ping) {
      const key = frame.payload.toString('hex');
      const waiting = this.pings.get(key);
      if (waiting) waiting.push(event.time);
      else this.pings.set(key, [event.time]);
    } else if (frame.fin && (frame.opcode === Opcode.Text || frame.opcode === Opcode.Binary || frame.opcode === Opcode.Continuation)) {
      this.sentAt.push(event.time);
      this.lastMessageSentAt = event.time;
    }
  }

  /** A data message arrived: it answers the oldest message still unanswered. */
  received(at: number): void {
    if (this.head >= this.sentAt.length) return;
    this.messageMs.push(at - this.sentAt[this.head++]!);
    if (this.head === this.sentAt.length) {
      this.sentAt.length = 0;
      this.head = 0;
    }
  }

  pong(payload: Buffer, at: number): void {
    const key = payload.toString('hex');
    const waiting = this.pings.get(key);
    const sentAt = waiting?.shift();
    if (sentAt === undefined) return;
    if (waiting!.length === 0) this.pings.delete(key);
    this.pingMs.push(at - sentAt);
  }

  /** Messages and pings still waiting for their answer. */
  get unanswered(): number {
    let pings = 0;
    for (const waiting of this.pings.values()) pings += waiting.length;
    return this.sentAt.length - this.head + pings;
  }

  /** A closed connection answers nothing more: what was pending is forgotten (and counts as unanswered no longer). */
  forgetPending(): { messages: number; pings: number } {
    const forgotten = { messages: this.sentAt.length - this.head, pings: 0 };
    for (const waiting of this.pings.values()) forgotten.pings += waiting.length;
    this.sentAt.length = 0;
    this.head = 0;
    this.pings.clear();
    this.lost += forgotten.messages + forgotten.pings;
    return forgotten;
  }

  /** Every sample, messages and pings together. */
  all(): number[] {
    return this.messageMs.concat(this.pingMs);
  }
}

/** The nearest-rank percentile (p in 0..100) of samples; undefined when there are none. */
export function percentile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
