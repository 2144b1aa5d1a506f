import { mergeCoverageReports, writeCoverageReport, type CoverageReport, type DocumentCoverage } from '../contract/coverage';

/** A scenario's `wsbdd-contract.json` attachment, as the main process reads it (see src/world/contract-hooks.ts). */
export interface ContractPart extends CoverageReport {
  /** Where the run's coverage report goes. */
  report: string;
  /** Set when the scenario ran in a parallel worker. */
  worker?: string;
}

export function parseContractPart(text: string): ContractPart | undefined {
  try {
    const part = JSON.parse(text) as ContractPart;
    return Array.isArray(part.documents) && typeof part.report === 'string' ? part : undefined;
  } catch {
    return undefined;
  }
}

/** The contract part of summary.json: per document, how much of it the run exercised and how often it broke. */
export interface ContractSummary {
  source: string;
  title: string;
  asyncapi: string;
  operations: { exercised: number; total: number };
  messages: { exercised: number; total: number };
  neverExercised: string[];
  violations: { total: number; failed: number };
}

export function contractSummary(parts: ContractPart[]): ContractSummary[] {
  return mergeCoverageReports(parts).documents.map(summarise);
}

function summarise(doc: DocumentCoverage): ContractSummary {
  return {
    source: doc.source,
    title: doc.title,
    asyncapi: doc.asyncapi,
    operations: { exercised: doc.exercised.operations, total: doc.operations.length },
    messages: { exercised: doc.exercised.messages, total: doc.operations.reduce((n, op) => n + op.messages.length, 0) },
    neverExercised: doc.neverExercised,
    violations: { total: doc.violations.length, failed: doc.violations.filter((v) => v.failed).length },
  };
}

/** Violations listed in the report section; the counts always cover all of them. */
const MAX_LISTED_VIOLATIONS = 20;

/** The report section: a few lines per document, for the run summary in report.html. */
export function contractSummaryLines(parts: ContractPart[]): string[] {
  const lines: string[] = [];
  for (const doc of mergeCoverageReports(parts).documents) {
    const s = summarise(doc);
    const broke = s.violations.total === 0 ? 'no violation' : `${plural(s.violations.total, 'violation')} (${s.violations.failed} failed a scenario)`;
    lines.push(
      '',
      `contract ${s.source} (${s.title}, AsyncAPI ${s.asyncapi}): ${s.operations.exercised} of ${plural(s.operations.total, 'operation')} and ` +
        `${s.messages.exercised} of ${plural(s.messages.total, 'message')} exercised · ${broke}`,
    );
    for (const op of doc.operations) {
      lines.push(`  ${op.exercised ? '✓' : '✗'} ${op.id} (${op.direction}, ${op.channel}): ${op.messages.map((m) => `${m.name} ×${m.exercised}`).join(', ')}`);
    }
    if (s.neverExercised.length > 0) lines.push(`  never exercised: ${s.neverExercised.join(', ')}`);
    for (const v of doc.violations.slice(0, MAX_LISTED_VIOLATIONS)) {
      lines.push(`  [${v.failed ? 'fail' : 'warn'}] ${v.scenario}: ${v.problem.split('\n', 1)[0]}`);
    }
    if (doc.violations.length > MAX_LISTED_VIOLATIONS) lines.push(`  … ${doc.violations.length - MAX_LISTED_VIOLATIONS} more in the coverage report`);
  }
  return lines;
}

/** "contract 5/6 messages, 1 violation" for the console line. */
export function contractSummaryPhrase(summary: ContractSummary[]): string | undefined {
  if (summary.length === 0) return undefined;
  const exercised = summary.reduce((n, d) => n + d.messages.exercised, 0);
  const total = summary.reduce((n, d) => n + d.messages.total, 0);
  const violations = summary.reduce((n, d) => n + d.violations.total, 0);
  return `contract ${exercised}/${total} messages, ${plural(violations, 'violation')}`;
}

/**
 * In a parallel run each worker sees only its own scenarios, so the main process writes the coverage
 * report, from every scenario's part: one file per report path named. A serial run's report is written
 * by the process that ran the scenarios, so nothing is written here for it.
 */
export function writeParallelContractReports(parts: ContractPart[]): string[] {
  const byFile = new Map<string, ContractPart[]>();
  for (const part of parts) {
    if (part.worker === undefined) continue;
    byFile.set(part.report, [...(byFile.get(part.report) ?? []), part]);
  }
  const written: string[] = [];
  for (const [file, fileParts] of byFile) {
    const path = writeCoverageReport(file, mergeCoverageReports(fileParts));
    if (path) written.push(path);
  }
  return written;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
