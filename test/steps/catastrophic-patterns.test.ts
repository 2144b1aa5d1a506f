import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT, runFeatures, type ScenarioOutcome } from './harness';

// Every step that takes a regular expression, with one that backtracks catastrophically on what the server
// sends: a backtracking engine takes minutes on each (the header one about a minute, the others far more).
const FEATURE = join(REPO_ROOT, 'test', 'fixtures', 'steps-patterns', 'catastrophic.feature');
const TIMEOUT_MS = 1000;

let run: Promise<{ outcomes: ScenarioOutcome[]; elapsedMs: number }> | undefined;

function outcomes(): Promise<{ outcomes: ScenarioOutcome[]; elapsedMs: number }> {
  run ??= (async () => {
    const started = Date.now();
    const result = await runFeatures([FEATURE], { timeoutMs: TIMEOUT_MS });
    return { outcomes: result.scenarios, elapsedMs: Date.now() - started };
  })();
  return run;
}

async function scenario(name: string): Promise<ScenarioOutcome> {
  const outcome = (await outcomes()).outcomes.find((s) => s.name === name);
  assert.ok(outcome, `no scenario "${name}"`);
  return outcome;
}

const TOO_LONG = /the regular expression \/\^\(a\+\)\+\$\/u? took too long: it did not finish on a text of 33 characters within the \d+ ms its step had left, and was stopped/;

test('the five scenarios end in about their steps\' timeouts, not in minutes', { timeout: 120_000 }, async () => {
  const { outcomes: all, elapsedMs } = await outcomes();
  assert.equal(all.length, 5);
  // Five 1 s waits, connections and reports; generous for a loaded machine.
  assert.ok(elapsedMs < 25_000, `the run took ${elapsedMs} ms`);
});

test('a text message matching: the step fails naming the pattern and that it took too long', { timeout: 120_000 }, async () => {
  const outcome = await scenario('a text message matching');
  assert.equal(outcome.status, 'FAILED');
  assert.match(outcome.failedStep ?? '', /should receive a text message matching/);
  assert.match(outcome.message, TOO_LONG);
});

test('a JSON field matching: the same', { timeout: 120_000 }, async () => {
  const outcome = await scenario('a JSON field matching');
  assert.equal(outcome.status, 'FAILED');
  assert.match(outcome.message, TOO_LONG);
});

test('a JSON Schema pattern: the same', { timeout: 120_000 }, async () => {
  const outcome = await scenario('a JSON Schema pattern');
  assert.equal(outcome.status, 'FAILED');
  assert.match(outcome.message, TOO_LONG);
});

test('a handshake response header matching: the step gets its timeout', { timeout: 120_000 }, async () => {
  const outcome = await scenario('a handshake response header matching');
  assert.equal(outcome.status, 'FAILED');
  assert.match(outcome.message, /the regular expression \/\^\(\(\[A-Za-z0-9\+\/=\]\)\+\)\+!\$\/ took too long: it did not finish on a text of 28 characters within the \d+ ms its step had left/);
});

test('a header the mock server requires: the handshake is answered 500, not hung', { timeout: 120_000 }, async () => {
  const outcome = await scenario('a header the mock server requires');
  assert.equal(outcome.status, 'FAILED');
  assert.match(outcome.failedStep ?? '', /connects/);
  assert.match(outcome.message, /got 500 Internal Server Error/);
});

test('a contract schema pattern that runs out of time on a frame is a violation of that frame, not a crash', { timeout: 120_000 }, async () => {
  await outcomes();
  const run = await runFeatures([join(REPO_ROOT, 'test', 'fixtures', 'steps-patterns', 'contract-pattern.feature')], { timeoutMs: TIMEOUT_MS });
  const outcome = run.scenarios[0]!;
  assert.equal(outcome.status, 'FAILED');
  assert.match(outcome.failedStep ?? '', /sends the JSON/);
  assert.match(
    outcome.message,
    /"alice" sent .* on channel "\/", which could not be checked: the regular expression \/\^\(a\+\)\+\$\/u took too long: .* within the 250 ms a pattern may take outside a wait/,
  );
});
