import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindPayload, PAYLOAD_KINDS } from '../../src/conformance/compression';
import { MessageInflater } from '../../src/protocol/inflate';
import { deflateWithWindow } from '../fixtures/conformance/wide-deflater';

// The deflate-window-8-used-as-9 fixture must send valid deflate that breaks only the window it agreed to.
test('the fixture deflater with a 512-byte window writes messages a 9-bit inflater reads exactly', () => {
  for (const kind of PAYLOAD_KINDS) {
    for (const size of [0, 1, 300, 1000, 4096]) {
      const { data } = kindPayload(kind, size, 7);
      const read = new MessageInflater({ windowBits: 9, noContextTakeover: true }).inflate(deflateWithWindow(data, 512), 1 << 20);
      assert.ok(Buffer.isBuffer(read), `${kind} of ${size} bytes: ${JSON.stringify(read)}`);
      assert.deepEqual(read, data, `${kind} of ${size} bytes`);
    }
  }
});

test('its matches reach past 256 bytes, which an 8-bit inflater refuses', () => {
  const { data } = kindPayload('random text', 1000, 7);
  const read = new MessageInflater({ windowBits: 8 }).inflate(deflateWithWindow(data, 512), 1 << 20);
  assert.deepEqual(read, { reason: 'corrupt', detail: 'invalid distance too far back' });
  // With a 256-byte window it stays within 8 bits.
  assert.deepEqual(new MessageInflater({ windowBits: 8 }).inflate(deflateWithWindow(data, 256), 1 << 20), data);
});
