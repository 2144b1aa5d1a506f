/**
 * How long a pattern may take: the time the current wait has left, so that a step ends when its timeout
 * says, whatever the pattern; outside a wait (the mock server checking a handshake header, the contract
 * checking a frame), a fixed limit, short because everything else in the process waits meanwhile (the
 * client waiting for that handshake's answer too).
 */
export const PATTERN_TIME_LIMIT_MS = 250;

/** A pattern looked at when its wait is (nearly) over still gets this long, so that it can finish. */
const LEAST_MS = 50;

let deadline: number | undefined;

/** Runs `work` (synchronous) with the patterns it evaluates limited to end by `at` (a Date.now() time). */
export function withPatternDeadline<T>(at: number, work: () => T): T {
  const outer = deadline;
  deadline = at;
  try {
    return work();
  } finally {
    deadline = outer;
  }
}

/** How long the pattern about to run may take, in milliseconds, and what that time is, for messages. */
export function patternTimeLeft(): { ms: number; what: string } {
  if (deadline === undefined) return { ms: PATTERN_TIME_LIMIT_MS, what: `the ${PATTERN_TIME_LIMIT_MS} ms a pattern may take outside a wait` };
  const ms = Math.max(LEAST_MS, deadline - Date.now());
  return { ms, what: `the ${ms} ms its step had left` };
}
