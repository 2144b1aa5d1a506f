import { UserPattern } from '../patterns';
import { badArgument } from './errors';

/**
 * A regular expression written in a step; a bad one is a clear argument error. It runs with a time
 * limit (see src/patterns), so a pattern that backtracks catastrophically fails its step in time.
 */
export function compileRegex(source: string): UserPattern {
  try {
    return new UserPattern(source);
  } catch (error) {
    throw badArgument(`"${source}" is not a valid regular expression: ${(error as Error).message}`);
  }
}
