import { badArgument } from './errors';

/** A regular expression written in a step; a bad one is a clear argument error. */
export function compileRegex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw badArgument(`"${source}" is not a valid regular expression: ${(error as Error).message}`);
  }
}
