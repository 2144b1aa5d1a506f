import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFrame, type EncoderDefaults } from '../../src/protocol/encoder';
import { ProtocolUsageError } from '../../src/protocol/errors';
import { fixedMaskKeySource, randomMaskKey } from '../../src/protocol/mask-key';
import { RFC_KEY } from './helpers';

const unmasked: EncoderDefaults = { mask: false, maskKeySource: fixedMaskKeySource(RFC_KEY) };
const masked: EncoderDefaults = { mask: true, maskKeySource: fixedMaskKeySource(RFC_KEY) };

test('FIN, RSV1-3 and any opcode 0-15 land in the first byte', () => {
  for (let opcode = 0; opcode <= 15; opcode++) {
    const { chunks, frame } = encodeFrame({ opcode, fin: false, rsv1: true, rsv2: false, rsv3: true }, unmasked);
    assert.equal(chunks[0][0], 0x40 | 0x10 | opcode);
    assert.equal(frame.opcode, opcode);
    assert.deepEqual([frame.fin, frame.rsv1, frame.rsv2, frame.rsv3], [false, true, false, true]);
  }
  assert.equal(encodeFrame({ opcode: 2, rsv2: true }, unmasked).chunks[0][0], 0x80 | 0x20 | 2);
});

test('an unmasked payload goes out as the caller\'s own buffer, header separate', () => {
  const payload = Buffer.from('abc');
  const { chunks, frame } = encodeFrame({ opcode: 1, payload }, unmasked);
  assert.equal(chunks.length, 2);
  assert.deepEqual(chunks[0], Buffer.from([0x81, 0x03]));
  assert.equal(chunks[1], payload);
  assert.equal(frame.payload, payload);
  assert.equal(frame.maskKey, undefined);
});

test('a masked payload is masked into new memory and the caller\'s buffer is left alone', () => {
  const payload = Buffer.from('Hello');
  const { chunks, frame } = encodeFrame({ opcode: 1, payload }, masked);
  // Short: the masked bytes follow the header in one chunk.
  assert.equal(chunks.length, 1);
  assert.deepEqual(chunks[0], Buffer.from([0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58]));
  assert.deepEqual(payload, Buffer.from('Hello'));
  const long = Buffer.alloc(32, 0x41);
  const split = encodeFrame({ opcode: 1, payload: long }, masked).chunks;
  assert.deepEqual(split.map((chunk) => chunk.length), [6, 32]);
  assert.deepEqual(split[1].subarray(0, 4), Buffer.from([0x41 ^ 0x37, 0x41 ^ 0xfa, 0x41 ^ 0x21, 0x41 ^ 0x3d]));
  assert.deepEqual(long, Buffer.alloc(32, 0x41));
  assert.deepEqual(frame.maskKey, RFC_KEY);
  assert.equal(frame.masked, true);
});

test('an empty payload sends the header alone', () => {
  assert.deepEqual(encodeFrame({ opcode: 9 }, unmasked).chunks, [Buffer.from([0x89, 0x00])]);
  assert.deepEqual(encodeFrame({ opcode: 9 }, masked).chunks, [Buffer.from([0x89, 0x80, 0x37, 0xfa, 0x21, 0x3d])]);
});

test('spec.mask and spec.maskKey override the role default', () => {
  const key = Buffer.from([1, 2, 3, 4]);
  const { chunks } = encodeFrame({ opcode: 2, payload: Buffer.from([0, 0, 0, 0, 0]), maskKey: key }, masked);
  assert.deepEqual(chunks[0], Buffer.from([0x82, 0x85, 1, 2, 3, 4, 1, 2, 3, 4, 1]));
  assert.equal(encodeFrame({ opcode: 2, mask: false }, masked).frame.masked, false);
  assert.equal(encodeFrame({ opcode: 2, mask: true }, unmasked).frame.masked, true);
});

test('lengths use the minimal width: 7 bits up to 125, 16 up to 65535, then 64', () => {
  const header = (n: number) => encodeFrame({ opcode: 2, payload: Buffer.alloc(n) }, unmasked).chunks[0];
  assert.deepEqual(header(125), Buffer.from([0x82, 125]));
  assert.deepEqual(header(126), Buffer.from([0x82, 126, 0, 126]));
  assert.deepEqual(header(65535), Buffer.from([0x82, 126, 0xff, 0xff]));
  assert.deepEqual(header(65536), Buffer.from([0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0]));
});

test('lengthWidth forces a non-minimal length field', () => {
  const payload = Buffer.from('hi');
  assert.deepEqual(encodeFrame({ opcode: 1, payload, lengthWidth: 16 }, unmasked).chunks[0], Buffer.from([0x81, 126, 0, 2]));
  assert.deepEqual(
    encodeFrame({ opcode: 1, payload, lengthWidth: 64 }, unmasked).chunks[0],
    Buffer.from([0x81, 127, 0, 0, 0, 0, 0, 0, 0, 2]),
  );
  assert.deepEqual(encodeFrame({ opcode: 1, payload, lengthWidth: 'minimal' }, unmasked).chunks[0], Buffer.from([0x81, 2]));
});

test('declaredLength puts a lying length on the wire, including a 64-bit one with the top bit set', () => {
  const payload = Buffer.from('abc');
  const lying = encodeFrame({ opcode: 2, payload, declaredLength: 10 }, unmasked);
  assert.deepEqual(lying.chunks[0], Buffer.from([0x82, 10]));
  assert.equal(lying.chunks[1], payload);
  assert.equal(lying.frame.declaredLength, 10);
  const huge = encodeFrame({ opcode: 2, payload, declaredLength: 1n << 63n }, unmasked);
  assert.deepEqual(huge.chunks[0], Buffer.from([0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 0]));
  const big = encodeFrame({ opcode: 2, declaredLength: 2 ** 40 + 5 }, unmasked);
  assert.deepEqual(big.chunks[0], Buffer.from([0x82, 127, 0, 0, 1, 0, 0, 0, 0, 5]));
  assert.equal(big.frame.declaredLength, 2 ** 40 + 5);
});

test('what cannot be encoded is refused with a typed usage error', () => {
  const refuses = (fn: () => unknown) =>
    assert.throws(fn, (e: unknown) => e instanceof ProtocolUsageError && e.code === 'WSBDD_ERR_INVALID_ARGUMENT');
  refuses(() => encodeFrame({ opcode: 16 }, unmasked));
  refuses(() => encodeFrame({ opcode: -1 }, unmasked));
  refuses(() => encodeFrame({ opcode: 1.5 }, unmasked));
  refuses(() => encodeFrame({ opcode: 1, maskKey: Buffer.from([1, 2, 3]) }, masked));
  refuses(() => encodeFrame({ opcode: 1, declaredLength: -1 }, unmasked));
  refuses(() => encodeFrame({ opcode: 1, declaredLength: 1n << 64n }, unmasked));
  refuses(() => encodeFrame({ opcode: 1, payload: Buffer.alloc(126), lengthWidth: 7 }, unmasked));
  refuses(() => encodeFrame({ opcode: 1, declaredLength: 70000, lengthWidth: 16 }, unmasked));
});

test('random keys are fresh per frame', () => {
  const defaults: EncoderDefaults = { mask: true, maskKeySource: randomMaskKey };
  const keys = new Set<string>();
  for (let i = 0; i < 64; i++) keys.add(encodeFrame({ opcode: 1 }, defaults).frame.maskKey!.toString('hex'));
  // 64 draws of 32 random bits: a repeat is astronomically unlikely.
  assert.equal(keys.size, 64);
});
