import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration, formatDuration, DURATION_PATTERN, positiveInterval } from '../../src/world/duration';
import { parseHex, formatHex } from '../../src/world/hex';
import { parseJsonPath, selectJsonPath } from '../../src/world/jsonpath';
import { matchJsonSubset, jsonEqual } from '../../src/world/json-match';
import { Variables } from '../../src/world/variables';
import { StepError } from '../../src/world/errors';

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof StepError, `expected a StepError, got ${String(error)}`);
    return error.code;
  }
  assert.fail('expected an error');
};

test('durations in every documented form', () => {
  assert.equal(parseDuration('500 ms'), 500);
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('2 seconds'), 2000);
  assert.equal(parseDuration('1 second'), 1000);
  assert.equal(parseDuration('1.5 s'), 1500);
  assert.equal(parseDuration('2 minutes'), 120_000);
  assert.equal(parseDuration('250 milliseconds'), 250);
  assert.equal(code(() => parseDuration('soon')), 'WSBDD_BAD_ARGUMENT');
  assert.equal(code(() => parseDuration('5 parsecs')), 'WSBDD_BAD_ARGUMENT');
  // Longer than a timer holds: node would fire it at once, and "no message within" would pass.
  assert.equal(parseDuration('35791 minutes'), 2_147_460_000);
  assert.throws(() => parseDuration('40000 minutes'), /"40000 minutes" is longer than a wait can last \(2147483647 ms/);
  assert.equal(formatDuration(1500), '1.5 s');
  assert.equal(formatDuration(250), '250 ms');
});

test('the duration pattern matches whole durations only', () => {
  const whole = new RegExp(`^${DURATION_PATTERN.source}$`);
  for (const ok of ['500 ms', '2 seconds', '1 second', '1.5 s', '3 mins']) assert.ok(whole.test(ok), ok);
  for (const bad of ['ms', '1.5', 'two seconds']) assert.ok(!whole.test(bad), bad);
  // Any word is taken, so that a wrong unit is refused naming the units rather than leaving the step undefined.
  assert.ok(whole.test('5 parsecs'));
  assert.throws(() => parseDuration('5 parsecs'), /"parsecs" is not a unit of time \(use ms, millisecond\(s\), s, sec\(s\), second\(s\), min\(s\), minute\(s\)\)/);
  for (const anyCase of ['2 Seconds', '500 MS', '1 Minute', '3 mIns']) assert.ok(whole.test(anyCase), anyCase);
  assert.equal(parseDuration('2 Seconds'), 2000);
});

test('a repeat interval must be above 0', () => {
  assert.equal(positiveInterval(500, 'pinging'), 500);
  assert.equal(code(() => positiveInterval(0, '"alice" pinging')), 'WSBDD_BAD_ARGUMENT');
  assert.throws(() => positiveInterval(0, '"alice" pinging'), /"alice" pinging every 0 ms cannot work/);
});

test('hex bytes with and without separators', () => {
  assert.deepEqual(parseHex('01 02 ff'), Buffer.from([1, 2, 255]));
  assert.deepEqual(parseHex('0102FF'), Buffer.from([1, 2, 255]));
  assert.deepEqual(parseHex('0x01, 0x02:ff'), Buffer.from([1, 2, 255]));
  assert.deepEqual(parseHex(''), Buffer.alloc(0));
  assert.equal(code(() => parseHex('01 2')), 'WSBDD_BAD_ARGUMENT');
  assert.equal(code(() => parseHex('zz')), 'WSBDD_BAD_ARGUMENT');
  assert.equal(formatHex(Buffer.from([0, 171])), '00 ab');
  assert.match(formatHex(Buffer.alloc(40), 4), /\(40 bytes\)$/);
});

test('JSONPath subset: members, indexes, quoted names, wildcards', () => {
  const doc = { user: { name: 'bob', 'x y': 1 }, items: [{ id: 1 }, { id: 2 }], 'a.b': true };
  const select = (path: string) => selectJsonPath(doc, parseJsonPath(path));
  assert.deepEqual(select('$'), [doc]);
  assert.deepEqual(select('$.user.name'), ['bob']);
  assert.deepEqual(select('user.name'), ['bob']);
  assert.deepEqual(select("$.user['x y']"), [1]);
  assert.deepEqual(select('$["a.b"]'), [true]);
  assert.deepEqual(select('$.items[1].id'), [2]);
  assert.deepEqual(select('$.items[-1].id'), [2]);
  assert.deepEqual(select('$.items[*].id'), [1, 2]);
  assert.deepEqual(select('$.items.*.id'), [1, 2]);
  assert.deepEqual(select('$.items[5]'), []);
  assert.deepEqual(select('$.user.missing'), []);
  assert.deepEqual(select('$.user.name.length'), [], 'no members of strings');
  assert.equal(parseJsonPath('$.items[*]').definite, false);
  assert.equal(parseJsonPath('$.items[0]').definite, true);
  assert.equal(code(() => parseJsonPath('$..id')), 'WSBDD_BAD_ARGUMENT');
  assert.equal(code(() => parseJsonPath('$.items[')), 'WSBDD_BAD_ARGUMENT');
  assert.equal(code(() => parseJsonPath('$.')), 'WSBDD_BAD_ARGUMENT');
});

test('JSON subset match: extra members fine, arrays element-wise, types strict', () => {
  assert.equal(matchJsonSubset({ a: 1 }, { a: 1, b: 2 }), undefined);
  assert.equal(matchJsonSubset({ u: { n: 'x' } }, { u: { n: 'x', m: 1 } }), undefined);
  assert.equal(matchJsonSubset([{ id: 1 }, { id: 2 }], [{ id: 1, x: 0 }, { id: 2 }]), undefined);
  assert.deepEqual(matchJsonSubset({ a: 1 }, { a: '1' }), { path: '$.a', reason: 'expected 1, got "1"' });
  assert.deepEqual(matchJsonSubset({ a: { b: 1 } }, { a: {} }), { path: '$.a.b', reason: 'missing' });
  assert.deepEqual(matchJsonSubset([1, 2], [1, 2, 3]), { path: '$', reason: 'expected an array of 2 elements, got 3' });
  assert.deepEqual(matchJsonSubset({ 'a b': null }, { 'a b': 0 }), { path: '$["a b"]', reason: 'expected null, got 0' });
  assert.ok(matchJsonSubset({ a: [] }, { a: {} }));
  assert.ok(matchJsonSubset({}, []));
  assert.ok(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }));
});

test('JSON subset match with arrays that include the expected elements', () => {
  const including = (e: unknown, a: unknown) => matchJsonSubset(e, a, '$', 'include');
  assert.equal(including({ users: ['bob'] }, { users: ['carol', 'bob'], n: 1 }), undefined);
  assert.equal(including([{ id: 2 }, { id: 1 }], [{ id: 1, x: 0 }, { id: 3 }, { id: 2 }]), undefined);
  assert.equal(including({ a: [[2]] }, { a: [[1, 2]] }), undefined, 'nested arrays include too');
  // The order of the expected elements must not decide: {a:1} could take either element, {a:1,b:2} only the first.
  assert.equal(including([{ a: 1 }, { a: 1, b: 2 }], [{ a: 1, b: 2 }, { a: 1 }]), undefined);
  assert.match(including([1, 1], [1])!.reason, /include 1, the element that matches it is taken/);
  assert.match(including([2], [1, 3])!.reason, /include 2, no element matches it \(got \[1,3\]\)/);
  assert.deepEqual(including({ a: [1] }, { a: 1 }), { path: '$.a', reason: 'expected an array, got 1' });
  assert.equal(including([], [1, 2]), undefined);
  // The default rule is unchanged: what "containing" asserts stays exact for arrays.
  assert.ok(matchJsonSubset({ users: ['bob'] }, { users: ['carol', 'bob'] }));
  assert.ok(!jsonEqual({ a: 1 }, { a: 1, b: 2 }));
  assert.ok(!jsonEqual([1], { 0: 1 }));
});

test('variables: remembered values, environment, escapes, unknown names', () => {
  const vars = new Variables({ SECRET: 's3' });
  vars.set('orderId', 42);
  vars.set('name', 'bob');
  assert.equal(vars.interpolate('id=${orderId} name=${name}'), 'id=42 name=bob');
  assert.equal(vars.interpolate('cookie=${env:SECRET}'), 'cookie=s3');
  assert.equal(vars.interpolate('literal $${orderId}'), 'literal ${orderId}');
  assert.equal(vars.interpolate('no variables'), 'no variables');
  assert.equal(code(() => vars.interpolate('${nope}')), 'WSBDD_UNKNOWN_VARIABLE');
  assert.equal(code(() => vars.interpolate('${env:WSBDD_SURELY_UNSET_VAR}')), 'WSBDD_UNKNOWN_VARIABLE');
  assert.throws(() => vars.interpolate('${nope}'), /known variables: orderId, name/);
  assert.equal(code(() => vars.set('bad name', 1)), 'WSBDD_BAD_ARGUMENT');
});

test('${env:NAME} reads only variables that are set, never inherited object members', () => {
  for (const env of [{ SECRET: 's3' }, process.env]) {
    const vars = new Variables(env);
    for (const inherited of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      assert.equal(code(() => vars.interpolate(`\${env:${inherited}}`)), 'WSBDD_UNKNOWN_VARIABLE', inherited);
    }
  }
});

test('counts of bytes read "1 byte", otherwise "N bytes", in failure messages too', async () => {
  const { byteCount } = await import('../../src/world/plural');
  const { describeMessage } = await import('../../src/world/describe');
  const { binaryOfLength } = await import('../../src/world/receiving');
  assert.equal(byteCount(1), '1 byte');
  assert.equal(byteCount(0), '0 bytes');
  assert.equal(describeMessage({ data: Buffer.from([1]), binary: true }), 'binary 1 byte: 01');
  assert.equal(binaryOfLength(1).describe, 'a binary message of 1 byte');
});
