import { badArgument } from './errors';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
};

/**
 * The text a duration argument may take in a step: a number (decimals allowed) and a unit.
 * Longer unit names come first so that "ms" is never read as "m" + "s".
 */
export const DURATION_PATTERN = /\d+(?:\.\d+)?\s*(?:milliseconds?|ms|seconds?|secs?|s|minutes?|mins?)/;

const WHOLE = new RegExp(`^\\s*(\\d+(?:\\.\\d+)?)\\s*([a-z]+)\\s*$`, 'i');

/** "500 ms", "2 seconds", "1 second", "1.5 s", "2 minutes" -> milliseconds (rounded to whole ms). */
export function parseDuration(text: string): number {
  const match = WHOLE.exec(text);
  const unit = match ? UNIT_MS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined) {
    throw badArgument(`"${text}" is not a duration: write a number and a unit, like "500 ms", "2 seconds" or "1.5 s"`);
  }
  return Math.round(Number(match[1]) * unit);
}

/** How a duration reads in a failure message. */
export function formatDuration(ms: number): string {
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
