import { chronological } from './chronological';
import type { Redactor } from '../secrets/redact';
import { transcriptRows, type TranscriptRow } from './rows';
import type { TranscriptEntry } from '../transcript/transcript';

/** The failing step's expectation next to what actually arrived, as attached to a failed scenario. */
export interface FailureDetails {
  /** The failing step as written in the feature file (before any ${...} interpolation). */
  step?: string;
  error: { name?: string; code?: string; message: string };
  /**
   * From the error, when it carries them: node:assert errors, unmet close expectations (under the keys
   * the step asked about) and receive waits (`AwaitedArrival` and `Unmatched` in src/world/describe.ts).
   */
  expected?: unknown;
  actual?: unknown;
  /** Per client: the last events that came in (frames, handshake answers) and what went wrong (errors, closes). */
  arrived: Record<string, string[]>;
}

export interface FailureInput {
  step?: string;
  /** The thrown error, or only its message when the error object is not available. */
  error: unknown;
  entries: readonly TranscriptEntry[];
  redactor: Redactor;
  /** Events kept per client. Default 10. */
  lastEvents?: number;
  serverActor?: string;
}

export function failureDetails(input: FailureInput): FailureDetails {
  const redact = <T>(value: T): T => (input.redactor ? redactDeep(value, input.redactor) : value);
  const error = describeError(input.error);
  const details: FailureDetails = {
    step: input.step,
    error: redact(error),
    arrived: arrivedPerClient(input),
  };
  if (isRecord(input.error)) {
    if ('expected' in input.error && input.error.expected !== undefined) details.expected = redact(plain(input.error.expected));
    if ('actual' in input.error && input.error.actual !== undefined) details.actual = redact(plain(input.error.actual));
  }
  return details;
}

function describeError(error: unknown): FailureDetails['error'] {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, code: typeof code === 'string' ? code : undefined, message: error.message };
  }
  return { message: typeof error === 'string' ? error : String(error) };
}

function arrivedPerClient(input: FailureInput): Record<string, string[]> {
  const serverActor = input.serverActor ?? 'server';
  const keep = input.lastEvents ?? 10;
  const shown = lastArrivals(chronological(input.entries), serverActor, keep);
  const rows = transcriptRows(input.entries, { redactor: input.redactor, previewLimit: 200, serverActor, shown: (index) => shown.has(index) });
  const arrived: Record<string, string[]> = {};
  rows.forEach((row, index) => {
    if (shown.has(index)) (arrived[row.actor] ??= []).push(describeRow(row));
  });
  return arrived;
}

/** Indices (in time order) of the last `keep` arrivals of each client, found without describing the rest. */
function lastArrivals(entries: readonly TranscriptEntry[], serverActor: string, keep: number): Set<number> {
  const found = new Set<number>();
  const perClient = new Map<string, number>();
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = entries[index];
    if (!entry || entry.actor === serverActor) continue;
    const arrival =
      (entry.kind === 'frame' && entry.direction === 'in') || entry.kind === 'handshake-response' || entry.kind === 'error' || entry.kind === 'close';
    const count = perClient.get(entry.actor) ?? 0;
    if (!arrival || count >= keep) continue;
    perClient.set(entry.actor, count + 1);
    found.add(index);
  }
  return found;
}

function describeRow(row: TranscriptRow): string {
  const parts = [`+${row.t.toFixed(2)} ms`, row.summary];
  if (row.isFrame) parts.push(row.length ?? '', row.preview ?? '');
  return parts.filter((part) => part).join('  ');
}

/** Buffers and other objects that JSON cannot show well become strings a reader can compare. */
function plain(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return `<${value.length} bytes: ${value.toString('hex').slice(0, 200)}>`;
  if (value instanceof RegExp) return String(value);
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return value;
}

/** Masks secrets in every string of a JSON-like value, before it is serialised. */
export function redactDeep<T>(value: T, redactor: Redactor, depth = 0): T {
  if (typeof value === 'string') return redactor.text(value) as T;
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redactor, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, redactor, depth + 1);
  return out as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
