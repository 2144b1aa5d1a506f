import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StepErrorCode } from '../../src/world/errors';
import { PatternTimeoutError, UserPattern, withPatternDeadline, PATTERN_TIME_LIMIT_MS } from '../../src/patterns';

const HOSTILE = `${'a'.repeat(33)}b`;

test('a catastrophic pattern is stopped when its wait runs out, and says so', () => {
  const pattern = new UserPattern('^(a+)+$');
  const started = Date.now();
  assert.throws(
    () => withPatternDeadline(Date.now() + 300, () => pattern.test(HOSTILE)),
    (error: unknown) => {
      assert.ok(error instanceof PatternTimeoutError);
      assert.equal(error.code, StepErrorCode.PatternTimeout);
      assert.match(error.message, /^the regular expression \/\^\(a\+\)\+\$\/ took too long: it did not finish on a text of 34 characters within the \d+ ms its step had left/);
      return true;
    },
  );
  // A backtracking engine would take many minutes; the thread start-up is not counted, so allow for it.
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
});

test('outside a wait a pattern gets the fixed limit', () => {
  const started = Date.now();
  assert.throws(() => new UserPattern('^(a|a)*$').test(HOSTILE), new RegExp(`within the ${PATTERN_TIME_LIMIT_MS} ms a pattern may take outside a wait`));
  assert.ok(Date.now() - started < 5000);
});

test('after a pattern was stopped, the next ones still run (on a new thread)', () => {
  assert.throws(() => withPatternDeadline(Date.now() + 100, () => new UserPattern('^(a+)+$').test(HOSTILE)), PatternTimeoutError);
  assert.equal(new UserPattern('^(a+)+$').test('aaaa'), true);
  assert.equal(new UserPattern('^(a+)+$').test('aaab'), false);
});

test('answers are those of the RegExp, on the spot or on the thread', () => {
  const cases: Array<[string, string, string]> = [
    ['^he.*o$', '', 'hello'],
    ['^he.*o$', '', 'help'],
    ['(a|b)+c', '', 'xxababcx'],
    ['(a|b)+c', '', 'ababab'],
    ['^(\\w+)-\\1$', '', 'ab-ab'],
    ['^(\\w+)-\\1$', '', 'ab-ba'],
    ['\\p{Lu}+', 'u', 'abcD'],
    ['^[a-z]+$', '', 'x'.repeat(100_000)],
    ['^[a-z]+$', '', `${'x'.repeat(100_000)}1`],
    ['(?<=a)b', '', 'ab'],
    ['^(?:ab)?c', '', 'c'],
  ];
  for (const [source, flags, text] of cases) {
    assert.equal(new UserPattern(source, flags).test(text), new RegExp(source, flags).test(text), `/${source}/${flags} on ${text.slice(0, 20)}`);
  }
});

test('a pattern the RegExp refuses is refused the same way', () => {
  assert.throws(() => new UserPattern('(a'), SyntaxError);
});
