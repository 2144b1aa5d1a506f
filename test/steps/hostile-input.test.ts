import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT, runFeatures, type ScenarioOutcome } from './harness';

// Bad input written in steps: each scenario fails in its step, saying what is wrong.
const FEATURE = join(REPO_ROOT, 'test', 'fixtures', 'steps-hostile', 'bad-input.feature');

async function scenario(name: string, parameters: Record<string, unknown> = {}): Promise<ScenarioOutcome> {
  const run = await runFeatures([`${FEATURE}`], { timeoutMs: 300, ...parameters });
  const outcome = run.scenarios.find((s) => s.name === name);
  assert.ok(outcome, `no scenario "${name}"`);
  return outcome;
}

test('a duration in an unknown unit fails naming the units, instead of an undefined step', async () => {
  const outcome = await scenario('a duration in a unit that does not exist');
  assert.equal(outcome.status, 'FAILED', outcome.message);
  assert.match(outcome.failedStep ?? '', /within 5 parsecs/);
  assert.match(outcome.message, /"parsecs" is not a unit of time \(use ms, millisecond\(s\), s, sec\(s\), second\(s\), min\(s\), minute\(s\)\)/);
});

test('a URL with CR/LF in a step is refused before anything connects', async () => {
  process.env.WSBDD_FIXTURE_CRLF_URL = 'ws://127.0.0.1:1/chat\r\nX-Injected: 1';
  const outcome = await scenario('a line break in a URL');
  assert.equal(outcome.status, 'FAILED', outcome.message);
  assert.match(outcome.message, /contains the control character CR \(\\r\)/);
  assert.doesNotMatch(outcome.message, /ECONNREFUSED/);
});

test('a target with CR/LF is a configuration error', async () => {
  const outcome = await scenario('a line break in a target', { target: 'ws://127.0.0.1:1/a\r\nb' });
  assert.equal(outcome.status, 'FAILED', outcome.message);
  assert.match(outcome.message, /bad configuration: target .* contains the control character CR/);
});

test('${env:constructor} is an unset variable, not Object', async () => {
  const outcome = await scenario('an inherited member is no environment variable');
  assert.equal(outcome.status, 'FAILED', outcome.message);
  assert.match(outcome.message, /environment variable constructor is not set/);
});
