import { StepError, StepErrorCode } from '../world/errors';
import type { NamedClient } from '../world/named-client';

export interface SentMessage {
  data: Buffer;
  binary: boolean;
}

/** What the pack's own send steps sent, so that later steps can expect it back. */
export interface ConformanceState {
  /** Data messages, oldest first. */
  messages: SentMessage[];
  /** Ping payloads, oldest first. */
  pings: Buffer[];
  /** Messages and pings made so far, so every generated payload differs from the last. */
  sequence: number;
}

const states = new WeakMap<NamedClient, ConformanceState>();

export function conformanceState(named: NamedClient): ConformanceState {
  let state = states.get(named);
  if (!state) {
    state = { messages: [], pings: [], sequence: 0 };
    states.set(named, state);
  }
  return state;
}

/** The last `count` messages sent, or a clear error when fewer were sent. */
export function lastSent(named: NamedClient, count: number): SentMessage[] {
  const sent = conformanceState(named).messages;
  if (sent.length < count) {
    throw new StepError(
      StepErrorCode.Usage,
      `"${named.name}" sent ${sent.length} message(s) with the pack's send steps, but ${count} are expected back ` +
        '(use e.g.: When "alice" sends a text message of 125 bytes)',
    );
  }
  return sent.slice(sent.length - count);
}
