import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT, runFeatures, type ScenarioOutcome } from './harness';

const FEATURE = join(REPO_ROOT, 'test', 'fixtures', 'failure-messages', 'misses.feature');

describe('the failure message of a wait', () => {
  let scenarios: ScenarioOutcome[] = [];
  const messageOf = (name: string): string => {
    const found = scenarios.find((scenario) => scenario.name === name);
    assert.ok(found, `scenario ${name} ran`);
    assert.equal(found.status, 'FAILED');
    return found.message;
  };

  before(async () => {
    ({ scenarios } = await runFeatures([FEATURE]));
  });

  it('has no stack into wsbdd and no expected/actual diff', () => {
    for (const scenario of scenarios) {
      assert.doesNotMatch(scenario.message, /^\s+at /m, `${scenario.name}: no stack trace`);
      assert.doesNotMatch(scenario.message, /\+ expected - actual|^\s*[-+]\s+"(received|state|unmatched|kind|within)"/m, `${scenario.name}: no diff`);
    }
  });

  it('says where a text differs', () => {
    const message = messageOf('a text that differs in one letter');
    assert.match(message, /why it is not it: text "hello <b>world<\/b> & 'you'"/);
    assert.match(message, /it differs from character 10: expected "World<\/b> & 'you'", got "world<\/b> & 'you'"/);
  });

  it('names the closest of several misses', () => {
    const message = messageOf('the closest of several texts');
    assert.match(message, /closest miss: text "hello wordl"\n\s+it differs from character 10: expected "ld", got "dl"/);
  });

  it('shows a JSON message once, as JSON, and why it differs', () => {
    const message = messageOf('a JSON message with another id');
    assert.match(message, /1\. text \{"type":"pong","id":1\}/);
    assert.equal(message.split('{"type":"pong","id":1}').length - 1, 1, `the message appears once in:\n${message}`);
    assert.doesNotMatch(message, /\\"/, 'no escaped quotes');
    assert.match(message, /message 1: at \$\.id, expected 2, got 1/);
  });
});
