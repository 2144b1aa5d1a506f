/**
 * Stable codes for report failures. Users and CI match on these, so a published code keeps its meaning.
 */
export const ReportErrorCode = {
  /** A report option (world parameter or environment variable) has a value we do not understand. */
  BadOption: 'WSBDD_REPORT_BAD_OPTION',
  /** messages.ndjson is missing, so no run summary can be derived. */
  NoMessages: 'WSBDD_REPORT_NO_MESSAGES',
  /** A report file could not be written. */
  WriteFailed: 'WSBDD_REPORT_WRITE_FAILED',
} as const;

export type ReportErrorCodeValue = (typeof ReportErrorCode)[keyof typeof ReportErrorCode];

export class ReportError extends Error {
  override readonly name = 'ReportError';
  constructor(
    readonly code: ReportErrorCodeValue,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
