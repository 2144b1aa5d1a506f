/** What the main thread asks the pattern thread. */
export interface PatternJob {
  source: string;
  flags: string;
  text: string;
}

/** Values of the shared state word: the main thread sets Pending, the pattern thread any other. */
export const Answer = {
  Pending: 0,
  Ready: 1,
  Matched: 2,
  NotMatched: 3,
} as const;
