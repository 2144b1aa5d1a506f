import assert from 'node:assert/strict';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { removeDir } from './cucumber-run';
import { checkReports, interruptedRun } from './interrupted-run';

/** A file the fixture waits for: created right after the signal, so the signal always lands in the hold. */
function releaseFile(): { path: string; release: () => Promise<void> } {
  const path = join(tmpdir(), `wsbdd-release-${process.pid}-${Math.random().toString(16).slice(2)}`);
  return { path, release: () => writeFile(path, 'go') };
}

describe('a wsbdd run stopped with SIGINT before its first scenario', () => {
  it('reports every scenario as not run when the workers were still loading their steps', async () => {
    const hold = releaseFile();
    const { reportsDir, result } = await interruptedRun({
      feature: 'interrupted-parallel.feature',
      command: 'wsbdd',
      args: ['--parallel', '2'],
      env: { WSBDD_TEST_HOLD_WORKERS: hold.path },
      afterSignal: hold.release,
      ready: async (run) => run.stderr().match(/wsbdd-test: worker \d is loading/g)?.length === 2,
      readyWhat: 'both workers to load their support code',
    });
    try {
      assert.equal(result.signal, null, result.stderr);
      assert.equal(result.code, 130, result.stderr);
      await checkReports(reportsDir, { tests: 4, interrupted: 0 });
    } finally {
      await removeDir(reportsDir);
      await rm(hold.path, { force: true });
    }
  });

  it('says so and exits 130 when cucumber had not started', async () => {
    const hold = releaseFile();
    const { reportsDir, result } = await interruptedRun({
      feature: 'interrupted.feature',
      command: 'wsbdd',
      config: 'cucumber-slow-start.js',
      env: { WSBDD_TEST_HOLD_CONFIG: hold.path },
      afterSignal: hold.release,
      ready: async (run) => run.stderr().includes('wsbdd-test: loading the configuration'),
      readyWhat: 'the configuration to load',
    });
    try {
      assert.equal(result.signal, null, 'wsbdd was not killed by the signal');
      assert.equal(result.code, 130, result.stderr);
      assert.match(result.stderr, /wsbdd: SIGINT: stopping before any scenario runs/);
      assert.doesNotMatch(result.stderr, /stopping the running scenario/);
      assert.match(result.stderr, /wsbdd: interrupted before any scenario ran; no reports written/);
      assert.deepEqual(await readdir(reportsDir), []);
    } finally {
      await removeDir(reportsDir);
      await rm(hold.path, { force: true });
    }
  });
});
