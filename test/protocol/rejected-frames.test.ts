import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocketProtocol, type FrameReceived, type ProtocolEvent } from '../../src/protocol/protocol';
import { clientBytes, eventTypes, serverBytes } from './helpers';

/** The frame events' essentials, so a test reads like the transcript it protects. */
function frames(events: ProtocolEvent[]) {
  return events
    .filter((e): e is FrameReceived => e.type === 'frame')
    .map((e) => ({
      opcode: e.frame.opcode,
      declared: e.frame.declaredLength,
      payload: e.frame.payload.toString('latin1'),
      ...(e.rejected ? { rejected: e.rejected } : {}),
      ...(e.ignored ? { ignored: e.ignored } : {}),
    }));
}

const client = () => new WebSocketProtocol({ role: 'client' });

test('a masked server frame is shown with its header bits and its payload unmasked, then the error', () => {
  const events = client().receive(clientBytes({ opcode: 1, payload: Buffer.from('hi') }));
  assert.deepEqual(eventTypes(events), ['frame', 'error']);
  const [rejected] = events as FrameReceived[];
  assert.equal(rejected.frame.masked, true);
  assert.equal(rejected.frame.maskKey?.length, 4);
  assert.deepEqual(frames(events), [{ opcode: 1, declared: 2, payload: 'hi', rejected: 'WSBDD_ERR_MASKED_FRAME' }]);
});

test('a 126-byte ping keeps its declared length even when none of its payload has come yet', () => {
  const whole = serverBytes({ opcode: 9, payload: Buffer.alloc(126, 0x61) });
  const headerOnly = client().receive(whole.subarray(0, 4));
  assert.deepEqual(frames(headerOnly), [{ opcode: 9, declared: 126, payload: '', rejected: 'WSBDD_ERR_CONTROL_TOO_LONG' }]);
  const together = client().receive(whole);
  assert.deepEqual(frames(together), [{ opcode: 9, declared: 126, payload: 'a'.repeat(126), rejected: 'WSBDD_ERR_CONTROL_TOO_LONG' }]);
});

test('a reserved opcode, and the frames after it in the same read, which are ignored', () => {
  const protocol = client();
  const events = protocol.receive(
    serverBytes({ opcode: 3, payload: Buffer.from('what') }, { opcode: 1, payload: Buffer.from('next') }, { opcode: 8, payload: Buffer.from([0x03, 0xe8]) }),
  );
  assert.deepEqual(eventTypes(events), ['frame', 'error', 'frame', 'frame', 'close']);
  assert.deepEqual(frames(events), [
    { opcode: 3, declared: 4, payload: 'what', rejected: 'WSBDD_ERR_RESERVED_OPCODE' },
    { opcode: 1, declared: 4, payload: 'next', ignored: 'after-violation' },
    { opcode: 8, declared: 2, payload: '\x03\xe8' },
  ]);
});

test('a 64-bit length with its top bit set is shown with its header, though the stream ends there', () => {
  const events = client().receive(serverBytes({ opcode: 2, declaredLength: (1n << 63n) + 1n }));
  assert.deepEqual(eventTypes(events), ['frame', 'error']);
  const [rejected] = events as FrameReceived[];
  assert.equal(rejected.rejected, 'WSBDD_ERR_LENGTH_TOP_BIT');
  assert.equal(rejected.frame.opcode, 2);
  assert.ok(rejected.frame.declaredLength >= 2 ** 63);
  assert.equal(rejected.frame.payload.length, 0);
});

test('a text message found broken at its last fragment: that fragment is the rejected one', () => {
  const events = client().receive(
    serverBytes({ opcode: 1, fin: false, payload: Buffer.from('a') }, { opcode: 0, payload: Buffer.from([0xe2, 0x82]) }),
  );
  assert.deepEqual(eventTypes(events), ['frame', 'frame', 'error']);
  assert.deepEqual(frames(events), [
    { opcode: 1, declared: 1, payload: 'a' },
    { opcode: 0, declared: 2, payload: '\xe2\x82', rejected: 'WSBDD_ERR_INVALID_UTF8' },
  ]);
});

test('a close frame with a code that may not be sent: rejected, then the error, then the close', () => {
  const events = client().receive(serverBytes({ opcode: 8, payload: Buffer.from([0x03, 0xed]) }));
  assert.deepEqual(eventTypes(events), ['frame', 'error', 'close']);
  assert.equal((events[0] as FrameReceived).rejected, 'WSBDD_ERR_CLOSE_CODE');
});

test('a compressed message that does not inflate is rejected at its frame', () => {
  const protocol = new WebSocketProtocol({ role: 'client', perMessageDeflate: {} });
  const events = protocol.receive(serverBytes({ opcode: 2, rsv1: true, payload: Buffer.from([0xff, 0xff, 0xff, 0x01]) }));
  assert.deepEqual(eventTypes(events), ['frame', 'error']);
  assert.equal((events[0] as FrameReceived).rejected, 'WSBDD_ERR_INFLATE');
});

test('frames after the peer\'s close are ignored in later reads too, an unframeable header included', () => {
  const protocol = client();
  protocol.receive(serverBytes({ opcode: 8 }));
  const later = [
    ...protocol.receive(serverBytes({ opcode: 1, payload: Buffer.from('late') })),
    ...protocol.receive(serverBytes({ opcode: 2, declaredLength: 1n << 63n })),
  ];
  assert.deepEqual(eventTypes(later), ['frame', 'frame'], 'no error for what comes after the close');
  assert.deepEqual(later.map((e) => e.type === 'frame' && [e.frame.opcode, e.ignored]), [[1, 'after-close'], [2, 'after-close']]);
  assert.equal(protocol.failure, undefined);
});

test('accepted frames carry neither mark', () => {
  const events = client().receive(serverBytes({ opcode: 1, payload: Buffer.from('fine') }, { opcode: 9 }));
  assert.deepEqual(frames(events), [{ opcode: 1, declared: 4, payload: 'fine' }, { opcode: 9, declared: 0, payload: '' }]);
});
