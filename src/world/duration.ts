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

/** Longer unit names come first so that "ms" is never read as "m" + "s". */
const UNITS = 'milliseconds?|ms|seconds?|secs?|s|minutes?|mins?';

/** Cucumber refuses flags on a parameter type's regexp, so "2 Seconds" needs each letter spelled both ways. */
function anyCase(alternatives: string): string {
  return alternatives.replace(/[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`);
}

/**
 * The text a duration argument may take in a step: a number (decimals allowed) and a word. Any word, so
 * that "within 5 parsecs" reaches parseDuration and fails naming the units, instead of leaving the step
 * undefined; the known units come first so that "500ms" reads as 500 ms.
 */
export const DURATION_PATTERN = new RegExp(`\\d+(?:\\.\\d+)?\\s*(?:${anyCase(UNITS)}|[A-Za-z]+)`);

/** The units a duration may use, for error messages. */
export const DURATION_UNITS = 'ms, millisecond(s), s, sec(s), second(s), min(s), minute(s)';

const WHOLE = new RegExp(`^\\s*(\\d+(?:\\.\\d+)?)\\s*([a-z]+)\\s*$`, 'i');

/**
 * The longest wait a timer can hold: node fires a longer setTimeout at once, which would turn "no
 * message within 40000 minutes" into a pass after 1 ms.
 */
export const MAX_WAIT_MS = 2 ** 31 - 1;

/** "500 ms", "2 seconds", "1 second", "1.5 s", "2 minutes" -> milliseconds (rounded to whole ms). */
export function parseDuration(text: string): number {
  const ms = parseAnyDuration(text);
  if (ms > MAX_WAIT_MS) throw badArgument(`"${text}" is longer than a wait can last (${MAX_WAIT_MS} ms, about 24.8 days): use a shorter duration`);
  return ms;
}

/** parseDuration without the upper limit, for callers that say in their own words why a value is too long. */
export function parseAnyDuration(text: string): number {
  const match = WHOLE.exec(text);
  const unit = match ? UNIT_MS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined) {
    const unitHint = match ? `"${match[2]}" is not a unit of time (use ${DURATION_UNITS})` : `write a number and a unit (${DURATION_UNITS})`;
    throw badArgument(`"${text}" is not a duration: ${unitHint}, like "500 ms", "2 seconds" or "1.5 s"`);
  }
  return Math.round(Number(match[1]) * unit);
}

/**
 * An interval for something repeated (heartbeat pings): 0 would quietly mean "never", so it is refused
 * like any other argument that cannot work.
 */
export function positiveInterval(ms: number, what: string): number {
  if (ms <= 0) throw badArgument(`${what} every ${ms} ms cannot work: use an interval above 0, like "500 ms"`);
  return ms;
}

/** How a duration reads in a failure message. */
export function formatDuration(ms: number): string {
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
