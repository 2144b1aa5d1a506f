import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { maskInto, xorMask } from '../../src/protocol/mask';
import { createRandomMaskKeySource, fixedMaskKeySource } from '../../src/protocol/mask-key';

function naiveMask(data: Uint8Array, key: Uint8Array, phase: number): Buffer {
  return Buffer.from(data.map((b, i) => b ^ key[(i + phase) & 3]));
}

test('xorMask matches the byte-wise definition for any alignment, phase and length', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 0, maxLength: 300 }),
      fc.uint8Array({ minLength: 4, maxLength: 4 }),
      fc.integer({ min: 0, max: 7 }),
      fc.integer({ min: 0, max: 3 }),
      (data, key, offset, phase) => {
        // Place the data at an arbitrary offset so that every alignment of the word loop is exercised.
        const backing = Buffer.alloc(data.length + offset);
        backing.set(data, offset);
        const view = backing.subarray(offset);
        xorMask(view, key, phase);
        assert.deepEqual(Buffer.from(view), naiveMask(data, key, phase));
        assert.equal(backing.subarray(0, offset).every((b) => b === 0), true);
      },
    ),
    { numRuns: 300 },
  );
});

test('maskInto writes the masked bytes elsewhere and leaves the source alone', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 0, maxLength: 200 }),
      fc.uint8Array({ minLength: 4, maxLength: 4 }),
      fc.integer({ min: 0, max: 3 }),
      (data, key, phase) => {
        const source = Buffer.from(data);
        const target = Buffer.alloc(data.length);
        maskInto(source, target, key, phase);
        assert.deepEqual(target, naiveMask(data, key, phase));
        assert.deepEqual(source, Buffer.from(data));
      },
    ),
    { numRuns: 200 },
  );
});

test('masking twice restores the data, and pieces masked with running phase equal the whole', () => {
  const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff));
  const key = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const whole = Buffer.from(data);
  xorMask(whole, key);
  const pieces = Buffer.from(data);
  for (const [start, end] of [[0, 3], [3, 100], [100, 101], [101, 1000]]) xorMask(pieces.subarray(start, end), key, start);
  assert.deepEqual(pieces, whole);
  xorMask(whole, key);
  assert.deepEqual(whole, data);
});

test('the pooled key source hands out distinct 4-byte keys and never overwrites one it gave out', () => {
  const source = createRandomMaskKeySource(8); // two keys per pool: forces refills
  const keys = Array.from({ length: 20 }, () => source());
  const snapshot = keys.map((k) => k.toString('hex'));
  for (let i = 0; i < 20; i++) source();
  assert.deepEqual(keys.map((k) => k.toString('hex')), snapshot);
  assert.equal(keys.every((k) => k.length === 4), true);
  assert.equal(new Set(snapshot).size, 20);
});

test('the fixed key source cycles through its keys, unaffected by later changes to them', () => {
  const a = Buffer.from([1, 1, 1, 1]);
  const b = Buffer.from([2, 2, 2, 2]);
  const source = fixedMaskKeySource(a, b);
  a[0] = 9;
  assert.deepEqual([source(), source(), source()].map((k) => k[0]), [1, 2, 1]);
  assert.throws(() => fixedMaskKeySource(Buffer.from([1, 2])), { code: 'WSBDD_ERR_INVALID_ARGUMENT' });
  assert.throws(() => createRandomMaskKeySource(6), { code: 'WSBDD_ERR_INVALID_ARGUMENT' });
});
