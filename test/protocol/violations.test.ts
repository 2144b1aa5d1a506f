import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtocolError } from '../../src/protocol/errors';
import type { FrameSpec } from '../../src/protocol/frame';
import { WebSocketProtocol, type ProtocolOptions } from '../../src/protocol/protocol';
import { clientBytes, errorOf, eventTypes, serverBytes } from './helpers';

interface Case {
  name: string;
  bytes: Buffer;
  code: string;
  closeCode: number;
  rfcSection: string;
  options?: Partial<ProtocolOptions>;
}

const text = (payload: string | Buffer, extra: Partial<FrameSpec> = {}): FrameSpec => ({
  opcode: 1,
  payload: typeof payload === 'string' ? Buffer.from(payload) : payload,
  ...extra,
});
const closeWith = (code: number, reason: Buffer = Buffer.alloc(0)): FrameSpec => {
  const payload = Buffer.alloc(2 + reason.length);
  payload.writeUInt16BE(code, 0);
  reason.copy(payload, 2);
  return { opcode: 8, payload };
};

const cases: Case[] = [
  { name: 'masked frame from the server', bytes: clientBytes(text('hi')), code: 'WSBDD_ERR_MASKED_FRAME', closeCode: 1002, rfcSection: '5.1' },
  {
    name: 'unmasked frame from a client (server role)',
    bytes: serverBytes(text('hi')),
    code: 'WSBDD_ERR_UNMASKED_FRAME',
    closeCode: 1002,
    rfcSection: '5.1',
    options: { role: 'server' },
  },
  ...(['rsv1', 'rsv2', 'rsv3'] as const).map((bit) => ({
    name: `${bit} set without a negotiated extension`,
    bytes: serverBytes(text('hi', { [bit]: true })),
    code: 'WSBDD_ERR_RSV_BITS',
    closeCode: 1002,
    rfcSection: '5.2',
  })),
  ...[3, 4, 5, 6, 7, 11, 12, 13, 14, 15].map((opcode) => ({
    name: `reserved opcode ${opcode}`,
    bytes: serverBytes({ opcode }),
    code: 'WSBDD_ERR_RESERVED_OPCODE',
    closeCode: 1002,
    rfcSection: '5.2',
  })),
  {
    name: 'ping over 125 bytes',
    bytes: serverBytes({ opcode: 9, payload: Buffer.alloc(126) }),
    code: 'WSBDD_ERR_CONTROL_TOO_LONG',
    closeCode: 1002,
    rfcSection: '5.5',
  },
  {
    name: 'close over 125 bytes',
    bytes: serverBytes({ opcode: 8, payload: Buffer.alloc(200, 0x41) }),
    code: 'WSBDD_ERR_CONTROL_TOO_LONG',
    closeCode: 1002,
    rfcSection: '5.5',
  },
  {
    name: 'fragmented ping (FIN=0)',
    bytes: serverBytes({ opcode: 9, fin: false }),
    code: 'WSBDD_ERR_FRAGMENTED_CONTROL',
    closeCode: 1002,
    rfcSection: '5.5',
  },
  {
    name: 'continuation with no message started',
    bytes: serverBytes({ opcode: 0, payload: Buffer.from('x') }),
    code: 'WSBDD_ERR_UNEXPECTED_CONTINUATION',
    closeCode: 1002,
    rfcSection: '5.4',
  },
  {
    name: 'new data frame inside a fragmented message',
    bytes: serverBytes(text('a', { fin: false }), { opcode: 2, payload: Buffer.from('b') }),
    code: 'WSBDD_ERR_EXPECTED_CONTINUATION',
    closeCode: 1002,
    rfcSection: '5.4',
  },
  {
    name: 'invalid UTF-8 in a text message',
    bytes: serverBytes(text(Buffer.from([0x61, 0xff, 0x62]))),
    code: 'WSBDD_ERR_INVALID_UTF8',
    closeCode: 1007,
    rfcSection: '8.1',
  },
  {
    name: 'text message ending inside a multi-byte sequence',
    bytes: serverBytes(text(Buffer.from([0x61, 0xe2, 0x82]))),
    code: 'WSBDD_ERR_INVALID_UTF8',
    closeCode: 1007,
    rfcSection: '8.1',
  },
  {
    name: 'close payload of 1 byte',
    bytes: serverBytes({ opcode: 8, payload: Buffer.from([0x03]) }),
    code: 'WSBDD_ERR_CLOSE_PAYLOAD',
    closeCode: 1002,
    rfcSection: '5.5.1',
  },
  ...[0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535].map((closeCode) => ({
    name: `close code ${closeCode}`,
    bytes: serverBytes(closeWith(closeCode)),
    code: 'WSBDD_ERR_CLOSE_CODE',
    closeCode: 1002,
    rfcSection: '7.4',
  })),
  {
    name: 'close reason that is not UTF-8',
    bytes: serverBytes(closeWith(1000, Buffer.from([0xc0, 0xaf]))),
    code: 'WSBDD_ERR_CLOSE_REASON',
    closeCode: 1007,
    rfcSection: '5.5.1',
  },
  {
    name: '64-bit length with the top bit set',
    bytes: serverBytes({ opcode: 2, declaredLength: (1n << 63n) + 5n }),
    code: 'WSBDD_ERR_LENGTH_TOP_BIT',
    closeCode: 1002,
    rfcSection: '5.2',
  },
  {
    name: '16-bit length for a 7-bit size',
    bytes: serverBytes(text('short', { lengthWidth: 16 })),
    code: 'WSBDD_ERR_NON_MINIMAL_LENGTH',
    closeCode: 1002,
    rfcSection: '5.2',
  },
  {
    name: '64-bit length for a 16-bit size',
    bytes: serverBytes({ opcode: 2, payload: Buffer.alloc(300), lengthWidth: 64 }),
    code: 'WSBDD_ERR_NON_MINIMAL_LENGTH',
    closeCode: 1002,
    rfcSection: '5.2',
  },
  {
    name: 'message over the limit (header alone, no payload sent)',
    bytes: serverBytes({ opcode: 2, declaredLength: 11 }),
    code: 'WSBDD_ERR_MESSAGE_TOO_BIG',
    closeCode: 1009,
    rfcSection: '10.4',
    options: { maxMessageSize: 10 },
  },
  {
    name: 'message over the limit across fragments',
    bytes: serverBytes({ opcode: 2, fin: false, payload: Buffer.alloc(6) }, { opcode: 0, payload: Buffer.alloc(6) }),
    code: 'WSBDD_ERR_MESSAGE_TOO_BIG',
    closeCode: 1009,
    rfcSection: '10.4',
    options: { maxMessageSize: 10 },
  },
];

for (const c of cases) {
  test(`violation: ${c.name} -> ${c.code} (${c.closeCode})`, () => {
    const protocol = new WebSocketProtocol({ role: 'client', ...c.options });
    const events = protocol.receive(c.bytes);
    const error = errorOf(events);
    assert.ok(error instanceof ProtocolError);
    assert.equal(error.code, c.code);
    assert.equal(error.closeCode, c.closeCode);
    assert.equal(error.rfcSection, c.rfcSection);
    assert.equal(protocol.failure, error);
    const culprit = events[events.findIndex((e) => e.type === 'error') - 1];
    assert.equal(culprit?.type === 'frame' && culprit.rejected, c.code, 'the offending frame is reported, just before the error');
    // Answered with a close frame carrying the close code and a short reason.
    const out = protocol.takeOutgoing();
    assert.equal(out.length, 1);
    const answer = out[0].frame!;
    assert.equal(answer.opcode, 8);
    assert.equal(answer.payload.readUInt16BE(0), c.closeCode);
    assert.ok(answer.payload.length > 2 && answer.payload.length <= 125);
    assert.equal(protocol.closeSent, true);
    const peerClosed = events.some((e) => e.type === 'close');
    assert.equal(protocol.state, peerClosed ? 'closed' : 'closing');
  });
}

test('allowedRsv lets a negotiated extension use its bit', () => {
  const protocol = new WebSocketProtocol({ role: 'client', allowedRsv: { rsv1: true } });
  assert.deepEqual(eventTypes(protocol.receive(serverBytes(text('hi', { rsv1: true })))), ['frame', 'message']);
  assert.equal(errorOf(protocol.receive(serverBytes(text('hi', { rsv2: true })))).code, 'WSBDD_ERR_RSV_BITS');
});

test('strictLengths=false accepts non-minimal lengths', () => {
  const protocol = new WebSocketProtocol({ role: 'client', strictLengths: false });
  const events = protocol.receive(serverBytes(text('short', { lengthWidth: 64 }), { opcode: 9, lengthWidth: 16 }));
  assert.deepEqual(eventTypes(events), ['frame', 'message', 'frame', 'ping']);
});

test('every close code that may be sent is accepted', () => {
  for (const code of [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4000, 4999]) {
    const protocol = new WebSocketProtocol({ role: 'client' });
    const events = protocol.receive(serverBytes(closeWith(code, Buffer.from('bye'))));
    assert.deepEqual(eventTypes(events), ['frame', 'close'], String(code));
  }
});

test('invalid UTF-8 fails fast: before the frame is complete', () => {
  const protocol = new WebSocketProtocol({ role: 'client' });
  const bytes = serverBytes(text(Buffer.concat([Buffer.from('ok '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.alloc(50, 0x61)])));
  const events = protocol.receive(bytes.subarray(0, 2 + 5)); // header, "ok " and the first two bytes of a surrogate
  assert.deepEqual(eventTypes(events), ['frame', 'error']);
  assert.equal(errorOf(events).code, 'WSBDD_ERR_INVALID_UTF8');
  const [rejected] = events;
  assert.equal(rejected.type === 'frame' && rejected.rejected, 'WSBDD_ERR_INVALID_UTF8');
  assert.deepEqual(rejected.type === 'frame' && [rejected.frame.declaredLength, rejected.frame.payload], [56, Buffer.from([0x6f, 0x6b, 0x20, 0xed, 0xa0])]);
});

test('invalid UTF-8 fails fast across fragments, at the first fragment that makes it impossible', () => {
  const protocol = new WebSocketProtocol({ role: 'client' });
  const first = protocol.receive(serverBytes(text(Buffer.from([0x61, 0xf0]), { fin: false })));
  assert.deepEqual(eventTypes(first), ['frame'], 'F0 may still begin a valid code point');
  const second = protocol.receive(serverBytes({ opcode: 0, fin: false, payload: Buffer.from([0x8f, 0x80]) }));
  assert.deepEqual(eventTypes(second), ['frame', 'error']);
  assert.equal(second[0].type === 'frame' && second[0].rejected, 'WSBDD_ERR_INVALID_UTF8');
});

test('a code point split across fragments is valid', () => {
  const protocol = new WebSocketProtocol({ role: 'client' });
  const euro = Buffer.from('€');
  const events = protocol.receive(
    serverBytes(text(euro.subarray(0, 1), { fin: false }), { opcode: 0, fin: false, payload: euro.subarray(1, 2) }, { opcode: 0, payload: euro.subarray(2) }),
  );
  assert.deepEqual(eventTypes(events), ['frame', 'frame', 'frame', 'message']);
});

test('after a violation further input is ignored except a close frame', () => {
  const protocol = new WebSocketProtocol({ role: 'client' });
  protocol.receive(serverBytes({ opcode: 3 }));
  protocol.takeOutgoing();
  const later = protocol.receive(serverBytes(text('ignored'), { opcode: 9, payload: Buffer.from('p') }, { opcode: 0 }));
  assert.deepEqual(
    later.map((e) => e.type === 'frame' && [e.frame.opcode, e.frame.payload.toString(), e.ignored, e.rejected]),
    [[1, 'ignored', 'after-violation', undefined], [9, 'p', 'after-violation', undefined], [0, '', 'after-violation', undefined]],
  );
  assert.deepEqual(protocol.takeOutgoing(), [], 'no pong after a violation');
  // Even an invalid close code is taken as the peer's close here: the connection is already failing.
  const close = protocol.receive(serverBytes(closeWith(1005)));
  assert.deepEqual(eventTypes(close), ['frame', 'close']);
  assert.equal(protocol.state, 'closed');
  assert.deepEqual(protocol.takeOutgoing(), [], 'our close frame was already sent');
});

test('after a violation mid-payload, the rest of that frame is skipped and a later close is seen', () => {
  const protocol = new WebSocketProtocol({ role: 'client', maxMessageSize: 100 });
  const bytes = serverBytes({ opcode: 2, payload: Buffer.alloc(1000, 8) }, closeWith(1000));
  const events = [bytes.subarray(0, 10), bytes.subarray(10, 600), bytes.subarray(600)].flatMap((c) => protocol.receive(c));
  assert.deepEqual(eventTypes(events), ['frame', 'error', 'frame', 'close']);
  // Turned away at its 4-byte header: only the 6 payload bytes of that first read are shown.
  assert.deepEqual(events[0].type === 'frame' && [events[0].rejected, events[0].frame.declaredLength, events[0].frame.payload.length], ['WSBDD_ERR_MESSAGE_TOO_BIG', 1000, 6]);
  assert.equal(events[2].type === 'frame' && (events[2].rejected ?? events[2].ignored), undefined, 'the close is taken in');
});

test('a violation inside the peer\'s close frame: frame, error, close; answered with the error\'s code', () => {
  const protocol = new WebSocketProtocol({ role: 'client' });
  const events = protocol.receive(serverBytes(closeWith(1005)));
  assert.deepEqual(eventTypes(events), ['frame', 'error', 'close']);
  const close = events[2];
  assert.equal(close.type === 'close' && close.code, 1005);
  assert.equal(protocol.takeOutgoing()[0].frame!.payload.readUInt16BE(0), 1002);
  assert.equal(protocol.state, 'closed');
});

test('a failing mask key source is reported as an internal error, receive() does not throw', () => {
  const protocol = new WebSocketProtocol({
    role: 'client',
    maskKeySource: () => {
      throw new Error('no entropy');
    },
  });
  const events = protocol.receive(serverBytes({ opcode: 9 })); // the automatic pong needs a key
  assert.equal(errorOf(events).code, 'WSBDD_ERR_INTERNAL');
  assert.equal(errorOf(events).closeCode, 1011);
});
