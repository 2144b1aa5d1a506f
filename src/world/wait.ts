import { StepError, StepErrorCode, type Comparison, type StepErrorCodeValue } from './errors';
import { formatDuration } from './duration';
import { withPatternDeadline } from '../patterns';

/** Subscribes to "something changed"; returns the unsubscribe function. */
export type ChangeSource = (onChange: () => void) => () => void;

export interface WaitOptions<T> {
  /** What the step waits for; a value (not undefined) ends the wait. May throw to fail at once. */
  check: () => T | undefined;
  timeoutMs: number;
  signal: AbortSignal;
  changes: ChangeSource;
  /** The failure when time runs out; told how long it waited. */
  failure: (waited: string) => string | WaitFailure;
  /**
   * Asked whenever `check` finds nothing: a failure means the awaited thing can no longer happen (the
   * connection closed before it came), and the wait fails at once with it instead of running out its time.
   */
  impossible?: () => string | WaitFailure | undefined;
}

/** A failure message with what was awaited and what came instead, for the failure attachment. */
export interface WaitFailure extends Comparison {
  message: string;
}

/**
 * Every pending wait of a scenario listens for its abort. Many at once are normal (a wait per client of
 * a group of thousands), so the signal gets one listener that tells a set: adding and removing stay
 * O(1), and node's MaxListeners warning (meant for leaks) does not fire for waits that all end.
 */
const abortFanOut = new WeakMap<AbortSignal, Set<() => void>>();

/** Call `onAbort` once when the signal aborts; returns the unsubscribe function. */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  let listeners = abortFanOut.get(signal);
  if (!listeners) {
    const set = new Set<() => void>();
    listeners = set;
    abortFanOut.set(signal, set);
    signal.addEventListener('abort', () => {
      for (const listener of [...set]) listener();
      set.clear();
    }, { once: true });
  }
  const set = listeners;
  set.add(listener);
  return () => set.delete(listener);
}

/** "the run was interrupted by SIGINT": the reason said once, and only when there is more to say than "interrupted". */
export function abortedError(signal: AbortSignal): StepError {
  const reason = signal.reason instanceof Error ? signal.reason.message : signal.reason === undefined ? '' : String(signal.reason);
  const by = reason === '' || /^interrupted$/i.test(reason) || /^this operation was aborted$/i.test(reason) ? '' : `: ${reason}`;
  return new StepError(StepErrorCode.Aborted, `the run was interrupted${by}`);
}

/**
 * Event-driven wait: `check` runs now and after every change, until it returns a value, the time runs
 * out (a WSBDD_TIMEOUT error with `failure`'s message), `impossible` says it cannot happen any more
 * (a WSBDD_ASSERTION error with its message) or the scenario is aborted. `check` goes first, so what
 * arrived before the end still counts.
 */
export function waitFor<T>(options: WaitOptions<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (options.signal.aborted) return reject(abortedError(options.signal));
    let done = false;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      stopAbort();
      outcome();
    };
    // A burst of changes (a socket read of many frames) is looked at once, not once per change.
    let scheduled = false;
    const evaluateLater = () => {
      if (scheduled || done) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        evaluate();
      });
    };
    // Regular expressions the checks run get the time the wait has left, so the timeout holds whatever they match.
    const deadline = Date.now() + options.timeoutMs;
    const evaluate = () => {
      if (done) return;
      try {
        const value = withPatternDeadline(deadline, options.check);
        if (value !== undefined) return finish(() => resolve(value));
        const impossible = withPatternDeadline(deadline, () => options.impossible?.());
        if (impossible !== undefined) finish(() => reject(stepError(StepErrorCode.Assertion, impossible)));
      } catch (error) {
        finish(() => reject(error));
      }
    };
    const timer = setTimeout(() => {
      // One last look: the event may have landed in the same tick as the timer.
      evaluate();
      finish(() => reject(stepError(StepErrorCode.Timeout, options.failure(formatDuration(options.timeoutMs)))));
    }, options.timeoutMs);
    const unsubscribe = options.changes(evaluateLater);
    const stopAbort = onAbort(options.signal, () => finish(() => reject(abortedError(options.signal))));
    evaluate();
  });
}

function stepError(code: StepErrorCodeValue, failure: string | WaitFailure): StepError {
  if (typeof failure === 'string') return new StepError(code, failure);
  const { message, ...comparison } = failure;
  return new StepError(code, message, comparison);
}

/**
 * The opposite wait: succeed when `violation` stays undefined for the whole duration; fail at once with
 * its message when it returns one.
 */
export async function holdFor(options: {
  violation: () => string | undefined;
  durationMs: number;
  signal: AbortSignal;
  changes: ChangeSource;
}): Promise<void> {
  let violation: string;
  try {
    violation = await waitFor({
      check: options.violation,
      timeoutMs: options.durationMs,
      signal: options.signal,
      changes: options.changes,
      failure: () => 'held',
    });
  } catch (error) {
    if (error instanceof StepError && error.code === StepErrorCode.Timeout) return;
    throw error;
  }
  throw new StepError(StepErrorCode.Assertion, violation);
}

/** A plain delay that ends early (rejecting) when the scenario is aborted. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(abortedError(signal));
    const timer = setTimeout(() => {
      stopAbort();
      resolve();
    }, ms);
    const stopAbort = onAbort(signal, () => {
      clearTimeout(timer);
      reject(abortedError(signal));
    });
  });
}

/** Race a promise against the abort signal (the promise keeps running; the caller cleans up). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortedError(signal));
  return new Promise<T>((resolve, reject) => {
    const stopAbort = onAbort(signal, () => reject(abortedError(signal)));
    promise.then(
      (value) => {
        stopAbort();
        resolve(value);
      },
      (error: unknown) => {
        stopAbort();
        reject(error);
      },
    );
  });
}
