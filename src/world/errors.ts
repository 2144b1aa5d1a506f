/**
 * Stable codes for everything a step can fail with. Reports and users match on these, so a code, once
 * published, keeps its meaning.
 */
export const StepErrorCode = {
  /** An expectation about the server was not met (the server's fault, not the scenario's). */
  Assertion: 'WSBDD_ASSERTION',
  /** A wait ran out of time before the expected event arrived. */
  Timeout: 'WSBDD_TIMEOUT',
  /** The run was interrupted (for example by Ctrl-C) while a step was running. */
  Aborted: 'WSBDD_ABORTED',
  UnknownClient: 'WSBDD_UNKNOWN_CLIENT',
  UnknownVariable: 'WSBDD_UNKNOWN_VARIABLE',
  /** A step argument could not be understood (bad hex, bad duration, bad JSON, bad table...). */
  BadArgument: 'WSBDD_BAD_ARGUMENT',
  BadUrl: 'WSBDD_BAD_URL',
  BadConfig: 'WSBDD_BAD_CONFIG',
  /** The connection or handshake failed where the scenario needed it to succeed. */
  ConnectFailed: 'WSBDD_CONNECT_FAILED',
  NotConnected: 'WSBDD_NOT_CONNECTED',
  /** A step was used in an order that cannot work (configuring a client after it connected...). */
  Usage: 'WSBDD_USAGE',
  /** A client held as many unmatched messages as its inbox limit allows, and its connection was dropped. */
  InboxFull: 'WSBDD_INBOX_FULL',
  /**
   * A regular expression of the step ran out of its time limit. Thrown as src/patterns'
   * PatternTimeoutError, which carries this code (that layer cannot import this one).
   */
  PatternTimeout: 'WSBDD_PATTERN_TIMEOUT',
} as const;

export type StepErrorCodeValue = (typeof StepErrorCode)[keyof typeof StepErrorCode];

/** What an assertion wanted and what it found, for tools that compare them (the failure attachment). */
export interface Comparison {
  expected?: unknown;
  actual?: unknown;
}

/**
 * Why a step failed, with a stable code. The message is written for the person reading the report and
 * says everything: what was awaited, what arrived, the closest miss. So the report shows the message
 * alone: no stack (it would only point into wsbdd's own code, about a failure that is the server's or
 * the scenario's), and no diff of `expected` and `actual` (they are two different shapes, what a step
 * waited for and what was there, kept for the failure attachment; cucumber's error formatter would
 * mark every line of them as different).
 */
export class StepError extends Error {
  override readonly name = 'StepError';
  readonly expected?: unknown;
  readonly actual?: unknown;
  /** Read by cucumber's error formatter (assertion-error-formatter): no expected/actual diff. */
  readonly showDiff = false;
  constructor(
    readonly code: StepErrorCodeValue,
    message: string,
    options?: { cause?: unknown } & Comparison,
  ) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    if (options?.expected !== undefined) this.expected = options.expected;
    if (options?.actual !== undefined) this.actual = options.actual;
    // Without a stack, cucumber prints the message only (it falls back to the message for the trace).
    Object.defineProperty(this, 'stack', { value: undefined, writable: true, configurable: true, enumerable: false });
  }
}

export function badArgument(message: string): StepError {
  return new StepError(StepErrorCode.BadArgument, message);
}

export function assertionFailed(message: string, comparison?: Comparison): StepError {
  return new StepError(StepErrorCode.Assertion, message, comparison);
}
