import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadSupport } from '@cucumber/cucumber/api';
import { REPO_ROOT } from './harness';

test('loading the step library twice, even as two copies, registers everything once', async () => {
  const support = join(__dirname, '..', 'fixtures', 'steps-double-load', 'support.js');
  const library = (await loadSupport(
    {
      sources: { paths: [], defaultDialect: 'en', names: [], tagExpression: '', order: 'defined' },
      support: { requirePaths: [support] },
    },
    { cwd: REPO_ROOT },
  )) as unknown as {
    stepDefinitions: Array<{ pattern: string | RegExp }>;
    beforeTestCaseHookDefinitions: Array<{ name?: string }>;
  };
  const patterns = library.stepDefinitions.map((d) => String(d.pattern));
  const duplicates = patterns.filter((p, i) => patterns.indexOf(p) !== i);
  assert.deepEqual(duplicates, []);
  assert.ok(patterns.includes('{string} should receive {string}'));
  const prepareHooks = library.beforeTestCaseHookDefinitions.filter((h) => h.name === 'wsbdd: prepare the scenario');
  assert.equal(prepareHooks.length, 1);
});
