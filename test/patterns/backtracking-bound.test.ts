import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backtrackingBits, backtrackingShape } from '../../src/patterns/backtracking-bound';

test('nested repetition and back-references have no polynomial bound', () => {
  for (const source of ['^(a+)+$', '(a|a)*', '(?:x*y)+', '(?<n>a)+', '^(\\w+)\\1$', '\\k<n>', '(ab){2,}', '(ab){3}', '(?=a)*']) {
    assert.equal(backtrackingShape(source).unbounded, true, source);
  }
});

test('quantifiers on atoms, optional groups and lookalikes of groups are bounded', () => {
  const expected: Array<[string, number]> = [
    ['^hello$', 0],
    ['^he.*o$', 1],
    ['[(]+x', 1],
    ['\\(a+\\)+', 2],
    ['(ab)?c', 1],
    ['(ab){0,1}c', 1],
    ['a{2,5}b*', 2],
    ['\\p{L}+', 1],
    ['(?<year>\\d{4})-(?<month>\\d{2})', 2],
    ['a{', 0],
  ];
  for (const [source, quantifiers] of expected) {
    const shape = backtrackingShape(source);
    assert.equal(shape.unbounded, false, source);
    assert.equal(shape.quantifiers, quantifiers, source);
  }
});

test('alternations add their branches to the bound', () => {
  assert.equal(backtrackingShape('a|b|c|d').branchBits, 2);
  assert.equal(backtrackingShape('(a|b)(c|d)').branchBits, 2);
});

test('the bound grows with the text and with each quantifier', () => {
  const one = backtrackingShape('^he.*o$');
  const three = backtrackingShape('a*a*a*b');
  assert.ok(backtrackingBits(one, 100) < backtrackingBits(one, 10_000));
  assert.ok(backtrackingBits(one, 100) < backtrackingBits(three, 100));
  assert.equal(backtrackingBits(backtrackingShape('(a+)+'), 1), Infinity);
});
