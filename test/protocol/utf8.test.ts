import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { UTF8_ACCEPT, UTF8_REJECT, Utf8Validator, isValidUtf8, scanUtf8 } from '../../src/protocol/utf8';

const fatal = new TextDecoder('utf-8', { fatal: true });

function referenceIsValid(bytes: Uint8Array): boolean {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Bytes that are mostly near valid UTF-8: random code points, with random bytes mixed in. */
const nearUtf8 = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }).map((s) => Buffer.from(s, 'utf8')),
      fc.uint8Array({ maxLength: 3 }).map((a) => Buffer.from(a)),
      fc.constantFrom(...[0xc0, 0xc1, 0xe0, 0xed, 0xf0, 0xf4, 0xf5, 0xff, 0x80, 0xbf].map((b) => Buffer.from([b]))),
    ),
    { maxLength: 40 },
  )
  .map((parts) => Buffer.concat(parts));

const anyBytes = fc.oneof(nearUtf8, fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)));

test('the DFA alone agrees with a fatal TextDecoder on random bytes', () => {
  fc.assert(
    fc.property(anyBytes, (bytes) => {
      assert.equal(scanUtf8(UTF8_ACCEPT, bytes) === UTF8_ACCEPT, referenceIsValid(bytes));
    }),
    { numRuns: 500 },
  );
});

test('the streaming validator agrees with a fatal TextDecoder for any cut into pieces', () => {
  const longText = fc.tuple(anyBytes, fc.string({ unit: 'grapheme', minLength: 40, maxLength: 120 })).map(
    ([noise, text]) => Buffer.concat([Buffer.from(text), noise, Buffer.from(text)]),
  );
  fc.assert(
    fc.property(fc.oneof(anyBytes, longText), fc.array(fc.nat(), { maxLength: 6 }), (bytes, cuts) => {
      const validator = new Utf8Validator();
      const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      let start = 0;
      let ok = true;
      for (const point of [...points, bytes.length]) {
        ok = validator.push(bytes.subarray(start, point)) && ok;
        start = point;
      }
      assert.equal(ok && validator.complete, referenceIsValid(bytes));
      assert.equal(isValidUtf8(bytes), referenceIsValid(bytes));
    }),
    { numRuns: 500 },
  );
});

test('rejects overlongs, surrogates, code points above U+10FFFF and bytes that never occur', () => {
  const invalid = [
    [0xc0, 0x80], // overlong NUL
    [0xc1, 0xbf],
    [0xe0, 0x80, 0x80], // overlong 3-byte
    [0xe0, 0x9f, 0xbf],
    [0xf0, 0x8f, 0xbf, 0xbf], // overlong 4-byte
    [0xed, 0xa0, 0x80], // U+D800
    [0xed, 0xbf, 0xbf], // U+DFFF
    [0xf4, 0x90, 0x80, 0x80], // U+110000
    [0xf5, 0x80, 0x80, 0x80],
    [0xff],
    [0x80],
    [0xc2, 0x41],
  ];
  for (const bytes of invalid) {
    assert.equal(scanUtf8(UTF8_ACCEPT, Buffer.from(bytes)), UTF8_REJECT, Buffer.from(bytes).toString('hex'));
  }
  const valid = ['\u0000', '\u007f', '\u0080', '\u07ff', '\u0800', '\ud7ff', '\ue000', '\uffff', '\u{10000}', '\u{10ffff}'];
  for (const text of valid) assert.equal(isValidUtf8(Buffer.from(text)), true, text);
});

test('fails at the first impossible byte, before the input ends', () => {
  const validator = new Utf8Validator();
  assert.equal(validator.push(Buffer.from([0xf0])), true); // could still become U+10000..
  assert.equal(validator.complete, false);
  assert.equal(validator.push(Buffer.from([0x8f])), false); // F0 8F is always an overlong
  assert.equal(validator.rejected, true);
  assert.equal(validator.push(Buffer.from('a')), false, 'stays rejected');
  validator.reset();
  assert.equal(validator.push(Buffer.from([0xed])), true);
  assert.equal(validator.push(Buffer.from([0xa0])), false, 'a surrogate is rejected at its second byte');
});

test('a code point split across pieces is accepted; one left open is not complete', () => {
  const euro = Buffer.from('€'); // e2 82 ac
  const validator = new Utf8Validator();
  assert.equal(validator.push(euro.subarray(0, 1)), true);
  assert.equal(validator.push(euro.subarray(1, 2)), true);
  assert.equal(validator.complete, false);
  assert.equal(validator.push(euro.subarray(2)), true);
  assert.equal(validator.complete, true);
  // The bulk path (long pieces) must also hand an open sequence on to the next piece.
  const long = Buffer.from('x'.repeat(100) + '€' + 'y'.repeat(100));
  validator.reset();
  assert.equal(validator.push(long.subarray(0, 101)), true);
  assert.equal(validator.complete, false);
  assert.equal(validator.push(long.subarray(101)), true);
  assert.equal(validator.complete, true);
});
