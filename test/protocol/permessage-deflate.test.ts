import assert from 'node:assert/strict';
import { test } from 'node:test';
import { constants, deflateRawSync } from 'node:zlib';
import type { FrameSpec } from '../../src/protocol/frame';
import { MessageInflater } from '../../src/protocol/inflate';
import { WebSocketProtocol, type ProtocolOptions } from '../../src/protocol/protocol';
import { errorOf, eventTypes, framesOf, messagesOf, oneByteAtATime, serverBytes } from './helpers';

/**
 * A message as a permessage-deflate sender puts it on the wire (RFC 7692 7.2.1): deflated, flushed, and
 * without the trailing 00 00 ff ff. `history` is what a sender with context takeover may refer back to.
 */
function compress(data: string | Buffer, history?: Buffer): Buffer {
  const flushed = deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH, ...(history ? { dictionary: history } : {}) });
  assert.deepEqual([...flushed.subarray(-4)], [0x00, 0x00, 0xff, 0xff]);
  return flushed.subarray(0, -4);
}

const compressed = (opcode: number, payload: Buffer, extra: Partial<FrameSpec> = {}): FrameSpec => ({ opcode, payload, rsv1: true, ...extra });

function deflating(options: Partial<ProtocolOptions> = {}): WebSocketProtocol {
  return new WebSocketProtocol({ role: 'client', perMessageDeflate: {}, ...options });
}

test('compressed text and binary messages arrive decompressed; frame events keep the wire bytes', () => {
  const protocol = deflating();
  const text = 'permessage-deflate, permessage-deflate, permessage-deflate';
  const wireText = compress(text);
  const events = protocol.receive(serverBytes(compressed(1, wireText), compressed(2, compress(Buffer.from([1, 2, 3, 1, 2, 3])))));
  const messages = messagesOf(events);
  assert.deepEqual(messages.map((m) => [m.binary, m.data.toString('hex')]), [
    [false, Buffer.from(text).toString('hex')],
    [true, '010203010203'],
  ]);
  const frames = framesOf(events);
  assert.equal(frames[0].rsv1, true);
  assert.deepEqual(frames[0].payload, wireText);
  assert.equal(protocol.failure, undefined);
});

test('an uncompressed message (RSV1 clear) passes through as it is', () => {
  const protocol = deflating();
  const messages = messagesOf(protocol.receive(serverBytes({ opcode: 1, payload: Buffer.from('plain') })));
  assert.deepEqual(messages.map((m) => m.data.toString()), ['plain']);
});

test('an uncompressed message in a takeover context stays out of the inflate window', () => {
  // The server's context holds only what it compressed: the third message refers back into the first.
  const first = Buffer.from('context carried over, context carried over; ');
  const plain = Buffer.from('sent as it is, RSV1 clear, and not part of any window');
  const bytes = serverBytes(compressed(1, compress(first)), { opcode: 1, payload: plain }, compressed(1, compress(first, first)));
  const protocol = deflating();
  const events = protocol.receive(bytes);
  assert.equal(protocol.failure, undefined);
  assert.deepEqual(messagesOf(events).map((m) => [m.data.toString(), m.compressedLength !== undefined]), [
    [first.toString(), true],
    [plain.toString(), false],
    [first.toString(), true],
  ]);
});

test('context takeover: a message may refer back to earlier ones, beyond a single message', () => {
  const first = Buffer.from('the quick brown fox jumps over the lazy dog; ');
  const second = Buffer.from('0123456789 abcdefghij ');
  const third = Buffer.concat([first, second, first]);
  const bytes = serverBytes(
    compressed(1, compress(first)),
    compressed(1, compress(second, first)),
    compressed(1, compress(third, Buffer.concat([first, second]))),
  );
  const events = deflating().receive(bytes);
  assert.deepEqual(messagesOf(events).map((m) => m.data.toString()), [first, second, third].map(String));
  // The same bytes under server_no_context_takeover cannot be read: the back-references have no target.
  const isolated = deflating({ perMessageDeflate: { noContextTakeover: true } }).receive(bytes);
  assert.equal(errorOf(isolated).code, 'WSBDD_ERR_INFLATE');
});

test('the carried window is the last 32 KiB of data, across a message longer than that', () => {
  const long = Buffer.alloc(40 * 1024);
  for (let i = 0; i < long.length; i++) long[i] = (i * 7919) % 251;
  const tail = long.subarray(-1000);
  const bytes = serverBytes(compressed(2, compress(long)), compressed(2, compress(tail, long.subarray(-32 * 1024))));
  const messages = messagesOf(deflating().receive(bytes));
  assert.equal(messages.length, 2);
  assert.deepEqual(messages[1].data, tail);
});

test('a fragmented compressed message, RSV1 on its first frame only, read one byte at a time', () => {
  const text = 'fragmented and compressed '.repeat(20);
  const wire = compress(text);
  const cut = Math.floor(wire.length / 2);
  const bytes = serverBytes(
    compressed(1, wire.subarray(0, cut), { fin: false }),
    { opcode: 9, payload: Buffer.from('between') },
    { opcode: 0, payload: wire.subarray(cut) },
  );
  const protocol = deflating();
  const events = oneByteAtATime(bytes).flatMap((chunk) => protocol.receive(chunk));
  assert.deepEqual(eventTypes(events), ['frame', 'frame', 'ping', 'frame', 'message']);
  assert.equal(messagesOf(events)[0].data.toString(), text);
});

const failures: Array<{ name: string; bytes: Buffer; code: string; closeCode: number; rfcSection: string; options?: Partial<ProtocolOptions> }> = [
  {
    name: 'RSV1 on a continuation frame',
    bytes: serverBytes({ opcode: 1, fin: false, payload: compress('ab') }, { opcode: 0, rsv1: true }),
    code: 'WSBDD_ERR_RSV_BITS',
    closeCode: 1002,
    rfcSection: 'RFC 7692 6',
  },
  { name: 'RSV1 on a ping', bytes: serverBytes({ opcode: 9, rsv1: true }), code: 'WSBDD_ERR_RSV_BITS', closeCode: 1002, rfcSection: 'RFC 7692 6' },
  {
    name: 'RSV2 still needs an extension of its own',
    bytes: serverBytes({ opcode: 2, rsv2: true }),
    code: 'WSBDD_ERR_RSV_BITS',
    closeCode: 1002,
    rfcSection: '5.2',
  },
  {
    name: 'bytes that are not a deflate stream',
    bytes: serverBytes(compressed(2, Buffer.from([0xff, 0xff, 0xff, 0x01]))),
    code: 'WSBDD_ERR_INFLATE',
    closeCode: 1007,
    rfcSection: 'RFC 7692 6.2',
  },
  {
    name: 'a small message that inflates past the limit',
    bytes: serverBytes(compressed(2, compress(Buffer.alloc(1024 * 1024)))),
    code: 'WSBDD_ERR_MESSAGE_TOO_BIG',
    closeCode: 1009,
    rfcSection: '10.4',
    options: { maxMessageSize: 64 * 1024 },
  },
  {
    name: 'compressed text that is not UTF-8 once inflated',
    bytes: serverBytes(compressed(1, compress(Buffer.from([0x61, 0xc3, 0x28, 0x62])))),
    code: 'WSBDD_ERR_INVALID_UTF8',
    closeCode: 1007,
    rfcSection: '8.1',
  },
];

for (const f of failures) {
  test(`permessage-deflate violation: ${f.name} -> ${f.code} (${f.closeCode})`, () => {
    const protocol = deflating(f.options);
    const error = errorOf(protocol.receive(f.bytes));
    assert.deepEqual([error.code, error.closeCode, error.rfcSection], [f.code, f.closeCode, f.rfcSection]);
    assert.equal(protocol.takeOutgoing()[0].frame?.payload.readUInt16BE(0), f.closeCode);
  });
}

test('without permessage-deflate, RSV1 is a reserved bit and nothing is inflated', () => {
  const events = new WebSocketProtocol({ role: 'client' }).receive(serverBytes(compressed(1, compress('x'))));
  assert.deepEqual([errorOf(events).code, errorOf(events).rfcSection], ['WSBDD_ERR_RSV_BITS', '5.2']);
});

test('MessageInflater reports corrupt data and oversize output instead of throwing', () => {
  const inflater = new MessageInflater();
  assert.deepEqual(inflater.inflate(compress('hello'), 100), Buffer.from('hello'));
  assert.deepEqual(inflater.inflate(compress('hello'), 4), { reason: 'too-big' });
  const corrupt = inflater.inflate(Buffer.from([0xff, 0xff, 0xff, 0x01]), 100);
  assert.ok(!Buffer.isBuffer(corrupt) && corrupt.reason === 'corrupt' && corrupt.detail.length > 0);
  assert.deepEqual(inflater.inflate(Buffer.alloc(0), 100), Buffer.alloc(0), 'an empty message is the tail alone');
  assert.deepEqual(inflater.inflate(compress('no limit'), Infinity), Buffer.from('no limit'), 'a limit beyond any Buffer is capped');
});
