/** Bad usage or configuration of the wsbdd command: exit code 2, the message on stderr. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'WSBDD_USAGE';
}

export const ExitCode = { Passed: 0, Failed: 1, Usage: 2 } as const;
