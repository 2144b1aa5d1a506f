import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { removeDir } from './cucumber-run';
import { checkReports, interruptedRun } from './interrupted-run';

describe('a wsbdd run stopped with SIGINT before its first scenario', () => {
  it('reports every scenario as not run when the workers were still loading their steps', async () => {
    const { reportsDir, result } = await interruptedRun({
      feature: 'interrupted-parallel.feature',
      command: 'wsbdd',
      args: ['--parallel', '2'],
      env: { WSBDD_TEST_SLOW_WORKER_START: '5000' },
      ready: async (run) => run.stderr().match(/wsbdd-test: worker \d is loading/g)?.length === 2,
      readyWhat: 'both workers to load their support code',
    });
    try {
      assert.equal(result.signal, null, result.stderr);
      assert.equal(result.code, 130, result.stderr);
      await checkReports(reportsDir, { tests: 4, interrupted: 0 });
    } finally {
      await removeDir(reportsDir);
    }
  });

  it('says so and exits 130 when cucumber had not started', async () => {
    const { reportsDir, result } = await interruptedRun({
      feature: 'interrupted.feature',
      command: 'wsbdd',
      config: 'cucumber-slow-start.js',
      ready: async (run) => run.stderr().includes('wsbdd-test: loading the configuration'),
      readyWhat: 'the configuration to load',
    });
    try {
      assert.equal(result.signal, null, 'wsbdd was not killed by the signal');
      assert.equal(result.code, 130, result.stderr);
      assert.match(result.stderr, /wsbdd: interrupted before any scenario ran; no reports written/);
      assert.deepEqual(await readdir(reportsDir), []);
    } finally {
      await removeDir(reportsDir);
    }
  });
});
