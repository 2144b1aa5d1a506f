import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT, runFeatures, type ScenarioOutcome } from './harness';

// features/self is wsbdd tested by itself; features/examples is what `npm run demo` shows. Both run against
// the embedded mock server and must pass: this is how `npm test` covers them.
function describeFailures(scenarios: ScenarioOutcome[]): string {
  return scenarios
    .filter((s) => s.status !== 'PASSED')
    .map((s) => `${s.name} [${s.status}] at "${s.failedStep}": ${s.message.split('\n    at ')[0]}`)
    .join('\n\n');
}

for (const dir of ['self', 'examples']) {
  test(`features/${dir} passes against the mock server`, async () => {
    const run = await runFeatures([join(REPO_ROOT, 'features', dir)]);
    assert.ok(run.scenarios.length >= 4, `features/${dir} has scenarios`);
    assert.equal(describeFailures(run.scenarios), '');
    assert.equal(run.success, true);
  });
}
