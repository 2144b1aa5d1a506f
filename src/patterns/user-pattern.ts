import { backtrackingBits, backtrackingShape, type BacktrackingShape } from './backtracking-bound';
import { testOnPatternThread } from './pattern-thread';
import { patternTimeLeft } from './time-limit';

/** What a step or the mock server needs of a pattern (a RegExp is one too). */
export interface TextPattern {
  readonly source: string;
  test(text: string): boolean;
}

/**
 * 2^24 steps of the bound: at most about 25 ms of V8's time on this kind of machine (`.*x` on 2 KiB of
 * text, the worst at that bound), so that what runs on the spot never holds the run up much; the rest
 * goes to the pattern thread (tens of microseconds a test, once per message and pattern).
 */
export const ON_THE_SPOT_BITS = 24;

/** A pattern took longer than its time limit; the step using it fails with this. */
export class PatternTimeoutError extends Error {
  override readonly name = 'PatternTimeoutError';
  readonly code = 'WSBDD_PATTERN_TIMEOUT';
}

/**
 * A regular expression written by a user (a step, a schema), matched against what a server sent. A
 * harmless pattern on a short text runs at once; one that could backtrack catastrophically (nested
 * repetition such as `(a+)+`, back-references) or a long text runs on a thread that is stopped when the
 * pattern's time limit (the rest of its step's wait) runs out, so no pattern holds up a run.
 */
export class UserPattern implements TextPattern {
  private readonly regex: RegExp;
  private readonly shape: BacktrackingShape;

  /** Throws a SyntaxError for a source `new RegExp` refuses. */
  constructor(
    readonly source: string,
    readonly flags = '',
  ) {
    this.regex = new RegExp(source, flags);
    this.shape = backtrackingShape(source);
  }

  test(text: string): boolean {
    if (backtrackingBits(this.shape, text.length) <= ON_THE_SPOT_BITS) {
      this.regex.lastIndex = 0;
      return this.regex.test(text);
    }
    const limit = patternTimeLeft();
    const matched = testOnPatternThread({ source: this.source, flags: this.flags, text }, limit.ms);
    if (matched === undefined) {
      throw new PatternTimeoutError(
        `the regular expression ${this} took too long: it did not finish on a text of ${text.length} characters within ${limit.what}, and was stopped. ` +
          'It backtracks too much (nested repetition like (a+)+ or (a|a)* tries exponentially many ways): rewrite it so that each character can match one way only',
      );
    }
    return matched;
  }

  toString(): string {
    return `/${this.source}/${this.flags}`;
  }
}
