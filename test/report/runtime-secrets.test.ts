import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readEnvelopes, removeDir, runCucumber, scenarioStatuses, tempReportsDir } from './cucumber-run';
import { assertNowhere } from './secrets-nowhere';

/**
 * Secrets only a running scenario knows (a header named secret in the world parameters only, with its value
 * from the environment; a password in a world parameter), quoted by a failing step of the project's own:
 * the formatters, which run in the main process and never see world parameters, learn them from the
 * scenario through the run's secret channel, in one process and across parallel workers.
 */
describe('secrets learnt while running, quoted by a project\'s own failing step', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await removeDir(dir);
  });

  const runs = [
    { label: 'cucumber-js', command: 'cucumber-js' as const, args: [] as string[], moreFiles: [] as string[] },
    { label: 'cucumber-js --parallel 2', command: 'cucumber-js' as const, args: ['--parallel', '2'], moreFiles: [] },
    { label: 'wsbdd --parallel 2', command: 'wsbdd' as const, args: ['--parallel', '2'], moreFiles: [] },
    // Cucumber's own formatters named plainly: the command puts wsbdd's masked twins in their place.
    { label: 'wsbdd --format summary --format json:plain.json', command: 'wsbdd' as const, args: ['--format', 'summary', '--format', 'json:{reports}/plain.json'], moreFiles: ['plain.json'] },
  ];
  for (const { label, command, args, moreFiles } of runs) {
    it(`${label}: masked in every report file and the console; cucumber's result objects are left alone`, async () => {
      const tag = `${process.pid}x${Date.now().toString(36)}`;
      const token = `session-token-${tag}`;
      const password = `backup-pw-${tag}`;
      const reportsDir = await tempReportsDir('runtime-secrets');
      // The run's own temporary directory, to see that the secret channel is removed at the end.
      const runTmp = await mkdtemp(join(tmpdir(), 'wsbdd-runtime-tmp-'));
      dirs.push(reportsDir, runTmp);
      const record = join(runTmp, 'results-as-reported.ndjson');
      const result = await runCucumber({
        command,
        features: ['runtime-secret.feature'],
        reportsDir,
        args: [
          ...args.map((arg) => arg.replace('{reports}', reportsDir)),
          '--world-parameters',
          JSON.stringify({ secretHeaders: ['X-Session-Token'], backup: `ws://backup-user:${password}@127.0.0.1:9/` }),
        ],
        env: {
          WSBDD_TEST_PROJECT_STEPS: '1',
          WSBDD_TEST_RUNTIME_TOKEN: token,
          WSBDD_TEST_RUNTIME_PASSWORD: password,
          WSBDD_TEST_RESULT_RECORD: record,
          TMPDIR: runTmp,
        },
      });

      const envelopes = await readEnvelopes(reportsDir);
      const statuses = scenarioStatuses(envelopes);
      assert.equal(statuses.get("a project's own step fails quoting the session token"), 'FAILED', result.stdout + result.stderr);
      assert.equal(statuses.get('the same in another scenario, which a second worker may run'), 'FAILED');
      const failures = envelopes.filter((envelope) => envelope.testStepFinished?.testStepResult.status === 'FAILED');
      assert.equal(failures.length, 2);
      for (const failure of failures) {
        assert.match(failure.testStepFinished?.testStepResult.message ?? '', /session token \[redacted\] \(backup password \[redacted\]\)/);
      }
      await assertNowhere(reportsDir, [tag], result, moreFiles);

      // The project's hook, which runs after wsbdd's, saw the messages unmasked: no hook rewrote them.
      const recorded = (await readFile(record, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as string);
      assert.equal(recorded.length, 2);
      for (const message of recorded) assert.ok(message.includes(token) && message.includes(password), `cucumber's result was rewritten: ${message}`);

      assert.deepEqual((await readdir(runTmp)).filter((name) => name.startsWith('wsbdd-secrets-')), [], 'the secret channel is removed at the end');
    });
  }
});
