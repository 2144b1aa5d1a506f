import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Envelope } from './envelopes';
import { ReportError, ReportErrorCode } from './errors';
import { RunSummaryCollector, type RunSummary } from './run-summary';

export const SUMMARY_FILE = 'summary.json';
export const MESSAGES_FILE = 'messages.ndjson';

/** Parses NDJSON messages; a last line cut short (a run killed while writing) is ignored, not fatal. */
export function parseMessages(ndjson: string): Envelope[] {
  const envelopes: Envelope[] = [];
  for (const line of ndjson.split('\n')) {
    if (line.trim() === '') continue;
    try {
      envelopes.push(JSON.parse(line) as Envelope);
    } catch {
      // Only a torn final line is expected; skip it and keep what is whole.
    }
  }
  return envelopes;
}

export function summariseMessages(envelopes: Iterable<Envelope>): RunSummary {
  const collector = new RunSummaryCollector();
  for (const envelope of envelopes) collector.add(envelope);
  return collector.summary();
}

/**
 * Derives the run summary from `<reportsDir>/messages.ndjson` and writes `<reportsDir>/summary.json`.
 * For callers that run cucumber themselves (the wsbdd command calls it after runCucumber returns);
 * the `summary` formatter in cucumber.js does the same during a plain cucumber-js run.
 */
export async function writeRunSummary(reportsDir: string): Promise<RunSummary> {
  const messagesPath = join(reportsDir, MESSAGES_FILE);
  let ndjson: string;
  try {
    ndjson = await readFile(messagesPath, 'utf8');
  } catch (cause) {
    throw new ReportError(
      ReportErrorCode.NoMessages,
      `Cannot write the run summary: ${messagesPath} is missing (is the message formatter configured?)`,
      { cause },
    );
  }
  const summary = summariseMessages(parseMessages(ndjson));
  const summaryPath = join(reportsDir, SUMMARY_FILE);
  try {
    await writeFile(summaryPath, JSON.stringify(summary, null, 2) + '\n');
  } catch (cause) {
    throw new ReportError(ReportErrorCode.WriteFailed, `Cannot write ${summaryPath}`, { cause });
  }
  return summary;
}
