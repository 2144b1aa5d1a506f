import type { ViolationMode } from './contract';
import { StepError, StepErrorCode } from './errors';

/** The `contract` world parameter: a document's path, or the path and what a violation does. */
export type ContractParameter = string | { document?: string; violations?: ViolationMode; report?: string };

export interface ContractSettings {
  document?: string;
  violations: ViolationMode;
  /** Where the coverage report goes; absent: contract.json in $WSBDD_REPORTS_DIR, else reports/. */
  report?: string;
}

export function contractSettings(parameter: unknown, env: NodeJS.ProcessEnv = process.env): ContractSettings {
  const fromEnv = env.WSBDD_CONTRACT?.trim() || undefined;
  if (parameter === undefined || parameter === null) return { document: fromEnv, violations: 'fail' };
  if (typeof parameter === 'string') return { document: parameter.trim() || undefined, violations: 'fail' };
  if (typeof parameter !== 'object') throw badContract(`contract must be a file name or { document, violations }, not ${JSON.stringify(parameter)}`);
  const { document, violations = 'fail', report } = parameter as { document?: unknown; violations?: unknown; report?: unknown };
  if (report !== undefined && typeof report !== 'string') throw badContract(`contract.report must be a file name, not ${JSON.stringify(report)}`);
  if (document !== undefined && typeof document !== 'string') throw badContract(`contract.document must be a file name, not ${JSON.stringify(document)}`);
  if (violations !== 'fail' && violations !== 'warn') throw badContract(`contract.violations must be "fail" or "warn", not ${JSON.stringify(violations)}`);
  return { document: document?.trim() || fromEnv, violations, report };
}

function badContract(message: string): StepError {
  return new StepError(StepErrorCode.BadConfig, `bad configuration: ${message}`);
}
