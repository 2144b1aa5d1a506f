import { test } from 'node:test';
import assert from 'node:assert/strict';
import { supportLibrary } from './harness';

interface Library {
  stepDefinitions: Array<{ pattern: string | RegExp }>;
  beforeTestCaseHookDefinitions: Array<{ name?: string }>;
  afterTestCaseHookDefinitions: Array<{ name?: string }>;
}

// The order the step library registers in is behaviour: hooks run in it (After hooks in reverse), and
// cucumber scans the step definitions in it at every step.

test("wsbdd's hooks run in their order: the connections of a scenario close before its reports are written", async () => {
  const library = (await supportLibrary()) as unknown as Library;
  assert.deepEqual(
    library.beforeTestCaseHookDefinitions.map((h) => h.name).filter((name) => name?.startsWith('wsbdd')),
    ['wsbdd: contract', 'wsbdd: stop after an interrupt', 'wsbdd: prepare the scenario'],
  );
  // Cucumber runs After hooks last-defined first: closing, then the reports, the contract report, the pack's note.
  assert.deepEqual(
    library.afterTestCaseHookDefinitions.map((h) => h.name).filter((name) => name?.startsWith('wsbdd')),
    ['wsbdd conformance: note clients that never reached the server', 'wsbdd: contract report', 'wsbdd reports', 'wsbdd: close every connection'],
  );
});

test('the phrases most scenarios use come first among the step definitions', async () => {
  const library = (await supportLibrary()) as unknown as Library;
  const at = (pattern: string) => library.stepDefinitions.findIndex((d) => d.pattern === pattern);
  for (const pattern of ['{string} is connected', '{string} sends {string}', '{string} should receive {string}']) {
    assert.ok(at(pattern) >= 0 && at(pattern) < 50, `${pattern} is definition ${at(pattern)} of ${library.stepDefinitions.length}`);
  }
});
