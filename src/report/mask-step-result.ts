import type { Redactor } from '../secrets/redact';

/** The fields of a cucumber TestStepResult that can carry text from a failing step. */
export interface StepResultLike {
  message?: string;
  exception?: { type?: string; message?: string; stackTrace?: string };
}

/**
 * Masks secrets in a step result in place. Cucumber hands AfterStep hooks the very object it then
 * reports, so masking it here keeps secrets out of every formatter's output (HTML, JUnit, JSON, messages,
 * console) when, say, an assertion message quotes a cookie.
 */
export function maskStepResult(result: StepResultLike, redactor: Redactor): void {
  if (result.message) result.message = redactor.text(result.message);
  if (result.exception) {
    if (result.exception.message) result.exception.message = redactor.text(result.exception.message);
    if (result.exception.stackTrace) result.exception.stackTrace = redactor.text(result.exception.stackTrace);
  }
}
