import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { removeDir, scenarioStatuses } from './cucumber-run';
import { checkReports, interruptedRun, whenStepsStarted } from './interrupted-run';

const PARALLEL_WAITS = ['"alice" should receive "never sent" within 30 seconds', '"bob" should receive "never sent" within 30 seconds'];

describe('a run stopped with SIGINT', () => {
  it('finishes the running scenario as failed, reports the rest as not run, and writes valid reports', async () => {
    const waiting = '"alice" should receive "never sent" within 30 seconds';
    const { reportsDir, result, stopMs } = await interruptedRun({ feature: 'interrupted.feature', ...whenStepsStarted([waiting]) });
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
    const { reportsDir, result } = await interruptedRun({ feature: 'interrupted-parallel.feature', args: ['--parallel', '2'], ...whenStepsStarted(PARALLEL_WAITS) });
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

  for (const command of ['wsbdd', 'cucumber-js'] as const) {
    it(`reaches the workers of a parallel ${command} run when only the main process is signalled`, async () => {
      const { reportsDir, result } = await interruptedRun({
        feature: 'interrupted-parallel.feature',
        command,
        args: ['--parallel', '2'],
        target: 'main',
        ...whenStepsStarted(PARALLEL_WAITS),
      });
      try {
        assert.equal(result.signal, null, result.stderr);
        // The wsbdd command says the run was interrupted; cucumber-js only knows that scenarios failed.
        assert.equal(result.code, command === 'wsbdd' ? 130 : 1, result.stderr);
        await checkReports(reportsDir, { tests: 4, interrupted: 2 });
      } finally {
        await removeDir(reportsDir);
      }
    });
  }
});
