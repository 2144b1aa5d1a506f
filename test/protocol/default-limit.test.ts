import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MAX_MESSAGE_SIZE } from '../../src/protocol/constants';
import { WebSocketProtocol } from '../../src/protocol/protocol';
import { errorOf, eventTypes } from './helpers';

const MIB_64 = 64 * 1024 * 1024;

/** A binary frame header with a 64-bit length and no payload: judging it must not need the payload. */
function header(declared: number, opcode = 0x2, fin = true): Buffer {
  const bytes = Buffer.alloc(10);
  bytes[0] = (fin ? 0x80 : 0) | opcode;
  bytes[1] = 127;
  bytes.writeBigUInt64BE(BigInt(declared), 2);
  return bytes;
}

test('the default limit is 64 MiB', () => {
  assert.equal(DEFAULT_MAX_MESSAGE_SIZE, MIB_64);
});

test('a frame declaring 64 MiB + 1 is refused from its header, with 1009, before any payload came', () => {
  const protocol = new WebSocketProtocol({ role: 'client' });
  const events = protocol.receive(Buffer.concat([header(MIB_64 + 1), Buffer.from('first bytes')]));
  assert.deepEqual(eventTypes(events), ['frame', 'error']);
  const error = errorOf(events);
  assert.deepEqual([error.code, error.closeCode], ['WSBDD_ERR_MESSAGE_TOO_BIG', 1009]);
  const frame = events[0].type === 'frame' ? events[0].frame : undefined;
  assert.deepEqual([frame?.declaredLength, frame?.payload.toString()], [MIB_64 + 1, 'first bytes']);
  assert.equal(protocol.takeOutgoing()[0].frame?.payload.readUInt16BE(0), 1009);
});

test('a frame declaring exactly 64 MiB is accepted as a start: no event until its payload is in', () => {
  const protocol = new WebSocketProtocol({ role: 'client' });
  assert.deepEqual(protocol.receive(header(MIB_64)), []);
  assert.equal(protocol.failure, undefined);
  assert.equal(protocol.state, 'open');
  assert.deepEqual(protocol.takeOutgoing(), []);
});

test('fragments adding up to 64 MiB + 1 are refused at the header of the one that crosses the limit', () => {
  const protocol = new WebSocketProtocol({ role: 'client' });
  // One byte in the first fragment, then a second declaring the whole limit: over by one, judged unbuffered.
  const first = Buffer.from([0x02, 0x01, 0x61]);
  assert.deepEqual(eventTypes(protocol.receive(first)), ['frame']);
  const events = protocol.receive(header(MIB_64, 0x0));
  assert.equal(errorOf(events).code, 'WSBDD_ERR_MESSAGE_TOO_BIG');
});
