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
  | { t: number; actor: string; kind: 'note'; text: string };

type WithoutTime<T> = T extends unknown ? Omit<T, 't'> : never;

/** Collects a scenario's entries in arrival order; timestamps come from performance.now(). */
export class Transcript {
  readonly startedAt = performance.now();
  readonly entries: TranscriptEntry[] = [];

  record(entry: WithoutTime<TranscriptEntry>, at: number = performance.now()): void {
    this.entries.push({ ...entry, t: at - this.startedAt } as TranscriptEntry);
  }
}
