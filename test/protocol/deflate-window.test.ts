import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { constants, deflateRawSync } from 'node:zlib';
import { MessageInflater } from '../../src/protocol/inflate';
import { WebSocketProtocol } from '../../src/protocol/protocol';
import { errorOf, messagesOf, serverBytes } from './helpers';

function compress(data: Buffer, options: { dictionary?: Buffer; windowBits?: number } = {}): Buffer {
  const flushed = deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH, ...options });
  return flushed.subarray(0, -4);
}

/** A peer that negotiated a narrow window and then refers 1000 bytes back, into its previous message. */
function reachingBack(windowBits: number) {
  const first = randomBytes(1000);
  const second = first.subarray(0, 200);
  return {
    first,
    second,
    bytes: serverBytes(
      { opcode: 2, rsv1: true, payload: compress(first) },
      { opcode: 2, rsv1: true, payload: compress(second, { dictionary: first, windowBits }) },
    ),
  };
}

test('a back-reference further than the negotiated window is a broken message, not silently read', () => {
  const wide = reachingBack(15);
  const narrow = new WebSocketProtocol({ role: 'client', perMessageDeflate: { windowBits: 8 } });
  const events = narrow.receive(wide.bytes);
  assert.equal(messagesOf(events).length, 1);
  assert.equal(errorOf(events).code, 'WSBDD_ERR_INFLATE');
  assert.match(errorOf(events).message, /too far back/);
  // The same bytes under the window they were made for read back exactly.
  const fitting = new WebSocketProtocol({ role: 'client', perMessageDeflate: { windowBits: 10 } });
  assert.deepEqual(messagesOf(fitting.receive(wide.bytes)).map((m) => m.data.length), [1000, 200]);
  assert.equal(fitting.failure, undefined);
});

test('a 9-bit zlib window is read under a negotiated 8-bit one: zlib reaches back at most 250 bytes', () => {
  const data = Buffer.from(randomBytes(300).toString('hex').repeat(4));
  const inflater = new MessageInflater({ windowBits: 8 });
  for (let i = 0; i < 3; i++) {
    const dictionary = i === 0 ? undefined : data.subarray(-256);
    assert.deepEqual(inflater.inflate(compress(data, { windowBits: 9, ...(dictionary ? { dictionary } : {}) }), 1 << 20), data);
  }
});

test('a deflate bomb (1 GiB of zeros in 1 MiB) ends in 1009 at the limit, without inflating it all', () => {
  // Pieces ended by a full flush do not depend on each other: repeating one is a valid longer stream.
  const piece = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const bomb = Buffer.concat(Array(1024).fill(piece)).subarray(0, -4);
  const protocol = new WebSocketProtocol({ role: 'client', maxMessageSize: 16 << 20, perMessageDeflate: {} });
  const before = process.memoryUsage().arrayBuffers;
  const events = protocol.receive(serverBytes({ opcode: 2, rsv1: true, payload: bomb }));
  const grown = process.memoryUsage().arrayBuffers - before;
  assert.deepEqual([errorOf(events).code, errorOf(events).closeCode], ['WSBDD_ERR_MESSAGE_TOO_BIG', 1009]);
  assert.ok(grown < 256 << 20, `external memory grew by ${grown} bytes`);
});
