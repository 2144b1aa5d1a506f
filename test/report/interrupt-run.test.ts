import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ATTACHMENT } from '../../src/report/attachment-names';
import type { RunSummary } from '../../src/report/run-summary';
import { readEnvelopes, readStrictEnvelopes, removeDir, scenarioStatuses, startCucumber, stepsStarted, tempReportsDir, waitUntil } from './cucumber-run';
import { findAll, parseXml } from './xml';

/** Starts a run, waits until the given steps are waiting, then sends SIGINT as Ctrl-C would. */
async function interruptedRun(feature: string, args: string[], waitingSteps: string[]) {
  const reportsDir = await tempReportsDir('sigint');
  const run = startCucumber({ features: [feature], reportsDir, args, timeoutMs: 120_000 });
  try {
    // Parallel workers each compile the steps before their first scenario: on a loaded machine that alone
    // has taken over 20 s, so the bound is generous; the waiting steps wait 30 s once started.
    await waitUntil(async () => stepsStarted(await readEnvelopes(reportsDir), waitingSteps), 60_000, `${waitingSteps.join(', ')} to start`);
    const startedAt = Date.now();
    // A terminal sends Ctrl-C to the whole process group: cucumber and its parallel workers.
    run.kill('SIGINT');
    const result = await run.done;
    return { reportsDir, result, stopMs: Date.now() - startedAt };
  } catch (error) {
    run.kill('SIGKILL');
    await removeDir(reportsDir);
    throw error;
  }
}

/** Every report file is whole and parseable, with the interrupted scenarios failed and the rest skipped. */
async function checkReports(reportsDir: string, counts: { tests: number; interrupted: number }) {
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

describe('a run stopped with SIGINT', () => {
  it('finishes the running scenario as failed, reports the rest as not run, and writes valid reports', async () => {
    const waiting = '"alice" should receive "never sent" within 30 seconds';
    const { reportsDir, result, stopMs } = await interruptedRun('interrupted.feature', [], [waiting]);
    try {
      assert.equal(result.signal, null, 'cucumber was not killed by the signal');
      assert.equal(result.code, 1, result.stderr);
      assert.ok(stopMs < 15_000, `stopped in ${stopMs} ms, not after the 30 s wait`);
      assert.match(result.stderr, /wsbdd: SIGINT: stopping the running scenario/);
      const envelopes = await checkReports(reportsDir, { tests: 3, interrupted: 1 });
      assert.deepEqual(Object.fromEntries(scenarioStatuses(envelopes)), {
        'waits for a message that never comes': 'FAILED',
        'starts after the interrupt': 'SKIPPED',
        'starts after the interrupt too': 'SKIPPED',
      });
      // The interrupted scenario still has its transcript.
      assert.ok(envelopes.some((envelope) => envelope.attachment?.body.startsWith('Wire transcript: waits for a message that never comes')));
    } finally {
      await removeDir(reportsDir);
    }
  });

  it('does the same in every worker of a parallel run', async () => {
    const waiting = ['"alice" should receive "never sent" within 30 seconds', '"bob" should receive "never sent" within 30 seconds'];
    const { reportsDir, result } = await interruptedRun('interrupted-parallel.feature', ['--parallel', '2'], waiting);
    try {
      assert.equal(result.signal, null);
      assert.equal(result.code, 1, result.stderr);
      // One notice, from the main process; the workers stay quiet.
      assert.equal(result.stderr.match(/wsbdd: SIGINT/g)?.length, 1, result.stderr);
      const envelopes = await checkReports(reportsDir, { tests: 4, interrupted: 2 });
      assert.equal(scenarioStatuses(envelopes).get('waits for a free worker'), 'SKIPPED');
    } finally {
      await removeDir(reportsDir);
    }
  });
});
