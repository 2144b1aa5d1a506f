import type { Frame } from '../protocol/frame';
import type { HandshakeRequest, HandshakeResponse } from '../client/types';

/**
 * One line of a scenario's wire transcript. `t` is milliseconds since the scenario started.
 * `actor` is a client name, or "server" for events the embedded mock server reports.
 */
export type TranscriptEntry =
  | {
      t: number;
      actor: string;
      kind: 'tcp-connect';
      remote: string;
      /** Milliseconds from the start of the connection attempt (name lookup included) to TCP, and TLS for wss, being up. */
      elapsedMs?: number;
    }
  | { t: number; actor: string; kind: 'handshake-request'; request: HandshakeRequest }
  | { t: number; actor: string; kind: 'handshake-response'; response: HandshakeResponse; elapsedMs: number }
  | {
      t: number;
      actor: string;
      kind: 'frame';
      direction: 'in' | 'out';
      frame?: Frame;
      raw?: Buffer;
      /** The WSBDD_ERR_* code of the rule this received frame broke (see the client's FrameEvent). */
      rejected?: string;
      /** Received but not acted upon: 'after-violation' or 'after-close'. */
      ignored?: string;
    }
  | { t: number; actor: string; kind: 'error'; code: string; message: string }
  | { t: number; actor: string; kind: 'close'; code: number; reason: string; initiatedBy: string; clean: boolean }
  | { t: number; actor: string; kind: 'reconnect'; attempt: number; delayMs: number }
  /** `keep`: a note that tells the connection's story, kept like a close (see TranscriptOptions.limit). */
  | { t: number; actor: string; kind: 'note'; text: string; keep?: boolean }
  | OmittedEntries;

/**
 * Stands for entries a capped transcript did not keep (see TranscriptOptions.limit): `t` is the first
 * one's time, `untilT` the last one's. Its actor is empty: it belongs to no client.
 */
export interface OmittedEntries {
  t: number;
  actor: '';
  kind: 'omitted';
  untilT: number;
  entries: number;
  frames: { in: number; out: number };
  /** Payload bytes of those frames (raw bytes for unframed writes), as a report counts them. */
  bytes: { in: number; out: number };
}

type WithoutTime<T> = T extends unknown ? Omit<T, 't'> : never;

export interface TranscriptOptions {
  /**
   * Entries kept at most: the first half and the last half of what was recorded. In between, only
   * connections, handshakes, closes, reconnects, errors and notes marked `keep` are kept (up to MAX_KEPT_BETWEEN), and the
   * rest is counted in 'omitted' entries. Default DEFAULT_TRANSCRIPT_LIMIT.
   */
  limit?: number;
}

export const DEFAULT_TRANSCRIPT_LIMIT = 4000;
/** Entries of the kinds that tell a connection's story, kept between the first and last halves. */
export const MAX_KEPT_BETWEEN = 1000;
const STORY_KINDS = new Set<TranscriptEntry['kind']>(['tcp-connect', 'handshake-request', 'handshake-response', 'error', 'close', 'reconnect']);

/**
 * Collects a scenario's entries in arrival order; timestamps come from performance.now(). A server that
 * floods the client must not fill memory with the record of it, so a long transcript keeps its first and
 * last entries and counts the middle.
 */
export class Transcript {
  readonly startedAt = performance.now();
  readonly limit: number;
  /** Entries recorded in all, kept or not. */
  recorded = 0;
  private readonly head: TranscriptEntry[] = [];
  /** What came between head and tail: the story entries kept, and 'omitted' entries for the rest. */
  private readonly between: TranscriptEntry[] = [];
  private keptBetween = 0;
  /** The last entries, a ring once full: `tailStart` is the oldest. */
  private readonly tail: TranscriptEntry[] = [];
  private tailStart = 0;
  private readonly headSize: number;
  private readonly tailSize: number;

  constructor(options: TranscriptOptions = {}) {
    this.limit = Math.max(2, Math.floor(options.limit ?? DEFAULT_TRANSCRIPT_LIMIT));
    this.headSize = Math.ceil(this.limit / 2);
    this.tailSize = this.limit - this.headSize;
  }

  record(entry: WithoutTime<TranscriptEntry>, at: number = performance.now()): void {
    const full = { ...entry, t: at - this.startedAt } as TranscriptEntry;
    this.recorded++;
    if (this.head.length < this.headSize) {
      this.head.push(full);
    } else if (this.tail.length < this.tailSize) {
      this.tail.push(full);
    } else {
      const oldest = this.tail[this.tailStart]!;
      this.tail[this.tailStart] = full;
      this.tailStart = (this.tailStart + 1) % this.tailSize;
      this.leaveTail(oldest);
    }
  }

  /** The entries kept, in arrival order, with 'omitted' entries where some were left out. */
  get entries(): TranscriptEntry[] {
    return [...this.head, ...this.between, ...this.tail.slice(this.tailStart), ...this.tail.slice(0, this.tailStart)];
  }

  /** Entries recorded but not kept. */
  get omitted(): number {
    let count = 0;
    for (const entry of this.between) if (entry.kind === 'omitted') count += entry.entries;
    return count;
  }

  private leaveTail(entry: TranscriptEntry): void {
    const story = STORY_KINDS.has(entry.kind) || (entry.kind === 'note' && entry.keep === true);
    if (story && this.keptBetween < MAX_KEPT_BETWEEN) {
      this.keptBetween++;
      this.between.push(entry);
      return;
    }
    let gap = this.between[this.between.length - 1];
    if (gap?.kind !== 'omitted') {
      gap = { t: entry.t, actor: '', kind: 'omitted', untilT: entry.t, entries: 0, frames: { in: 0, out: 0 }, bytes: { in: 0, out: 0 } };
      this.between.push(gap);
    }
    countOmitted(gap, entry);
  }
}

function countOmitted(gap: OmittedEntries, entry: TranscriptEntry): void {
  gap.untilT = Math.max(gap.untilT, entry.t);
  if (entry.kind === 'omitted') {
    gap.entries += entry.entries;
    gap.frames.in += entry.frames.in;
    gap.frames.out += entry.frames.out;
    gap.bytes.in += entry.bytes.in;
    gap.bytes.out += entry.bytes.out;
    return;
  }
  gap.entries++;
  if (entry.kind !== 'frame') return;
  const bytes = entry.frame ? entry.frame.payload.length : (entry.raw?.length ?? 0);
  gap.frames[entry.direction]++;
  gap.bytes[entry.direction] += bytes;
}
