import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ATTACHMENT } from '../../src/report/attachment-names';
import type { RunSummary } from '../../src/report/run-summary';
import { readEnvelopes, readStrictEnvelopes, removeDir, startCucumber, stepsStarted, tempReportsDir, waitUntil, type CucumberRun, type RunOptions } from './cucumber-run';
import { findAll, parseXml } from './xml';

export interface InterruptedRunOptions extends Partial<RunOptions> {
  feature: string;
  /** Signal once this holds; polled. */
  ready: (run: CucumberRun, reportsDir: string) => Promise<boolean>;
  readyWhat: string;
  /** The whole process group, as Ctrl-C in a terminal, or the main process alone. */
  target?: 'group' | 'main';
  /** Runs right after the signal was sent, e.g. to release a fixture that holds the run. */
  afterSignal?: () => Promise<void> | void;
}

/** Starts a run, waits until it is ready, then sends SIGINT; the reports directory is the caller's to remove. */
export async function interruptedRun(options: InterruptedRunOptions) {
  const reportsDir = await tempReportsDir('sigint');
  const run = startCucumber({ timeoutMs: 120_000, ...options, features: [options.feature], reportsDir });
  try {
    // Parallel workers each compile the steps before their first scenario: on a loaded machine that alone
    // has taken over 20 s, so the bound is generous.
    await waitUntil(() => options.ready(run, reportsDir), 60_000, options.readyWhat);
    const startedAt = Date.now();
    if (options.target === 'main') run.signalMain('SIGINT');
    else run.kill('SIGINT');
    await options.afterSignal?.();
    const result = await run.done;
    return { reportsDir, result, stopMs: Date.now() - startedAt };
  } catch (error) {
    run.kill('SIGKILL');
    await removeDir(reportsDir);
    throw error;
  }
}

/** Ready once every step with one of these texts has started. */
export function whenStepsStarted(stepTexts: string[]) {
  return {
    ready: async (_run: CucumberRun, reportsDir: string) => stepsStarted(await readEnvelopes(reportsDir), stepTexts),
    readyWhat: `${stepTexts.join(', ')} to start`,
  };
}

/** Every report file is whole and parseable, with the interrupted scenarios failed and the rest skipped. */
export async function checkReports(reportsDir: string, counts: { tests: number; interrupted: number }) {
  const suite = parseXml(await readFile(join(reportsDir, 'junit.xml'), 'utf8'));
  assert.equal(suite.attributes.tests, String(counts.tests));
  assert.equal(suite.attributes.failures, String(counts.interrupted));
  assert.equal(suite.attributes.skipped, String(counts.tests - counts.interrupted));
  const failures = findAll(suite, 'failure');
  assert.equal(failures.length, counts.interrupted);
  for (const failure of failures) assert.match(failure.attributes.message ?? '', /interrupted/);
  const strict = await readStrictEnvelopes(reportsDir);
  assert.ok(strict.some((envelope) => 'testRunFinished' in envelope), 'messages end with testRunFinished');
  JSON.parse(await readFile(join(reportsDir, 'report.json'), 'utf8'));
  const html = await readFile(join(reportsDir, 'report.html'), 'utf8');
  assert.match(html, /<\/html>\s*$/);
  const summary = JSON.parse(await readFile(join(reportsDir, 'summary.json'), 'utf8')) as RunSummary;
  assert.equal(summary.interrupted, true);
  assert.equal(summary.scenarios.total, counts.tests);
  assert.equal(summary.scenarios.failed, counts.interrupted);
  assert.equal(summary.scenarios.notRun, counts.tests - counts.interrupted);
  const envelopes = await readEnvelopes(reportsDir);
  const notRun = envelopes.filter((envelope) => envelope.attachment?.fileName === ATTACHMENT.notRun.fileName);
  assert.equal(notRun.length, counts.tests - counts.interrupted);
  return envelopes;
}
