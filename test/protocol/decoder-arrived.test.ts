import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameDecoder } from '../../src/protocol/decoder';
import { clientBytes, serverBytes } from './helpers';

/** A sink that skips every frame and keeps what the decoder says had arrived of each. */
function skippingSink() {
  const arrived: string[] = [];
  const decoder: FrameDecoder = new FrameDecoder({
    frameStart: () => {
      arrived.push(decoder.arrivedPayload().toString());
      return false;
    },
    payload: () => true,
    frameEnd: () => undefined,
  });
  return { decoder, arrived };
}

test('arrivedPayload: the skipped frame\'s bytes from the same read, no further than its own end', () => {
  const { decoder, arrived } = skippingSink();
  decoder.push(Buffer.concat([serverBytes({ opcode: 1, payload: Buffer.from('one') }), serverBytes({ opcode: 1, payload: Buffer.from('two') })]));
  assert.deepEqual(arrived, ['one', 'two']);
});

test('arrivedPayload: only what came so far when the payload continues in a later read', () => {
  const { decoder, arrived } = skippingSink();
  const bytes = serverBytes({ opcode: 2, payload: Buffer.from('0123456789') });
  decoder.push(bytes.subarray(0, 5));
  decoder.push(bytes.subarray(5));
  assert.deepEqual(arrived, ['012']);
});

test('arrivedPayload: unmasked, after a header split across reads, leaving the read as it was', () => {
  const { decoder, arrived } = skippingSink();
  const bytes = clientBytes({ opcode: 1, payload: Buffer.from('masked') });
  const second = Buffer.from(bytes.subarray(3, 9)); // the rest of the header and 3 payload bytes
  const before = Buffer.from(second);
  decoder.push(Buffer.from(bytes.subarray(0, 3)));
  decoder.push(second);
  assert.deepEqual(arrived, ['mas']);
  assert.deepEqual(second, before);
  assert.equal(decoder.state, 'payload');
});

test('payloadSoFar: every byte read of the frame during payload(), the latest piece included', () => {
  const seen: string[] = [];
  const decoder: FrameDecoder = new FrameDecoder({
    frameStart: () => true,
    payload: (piece: Buffer) => {
      seen.push(`${piece}|${decoder.payloadSoFar()}`);
      return true;
    },
    frameEnd: () => undefined,
  });
  const bytes = clientBytes({ opcode: 1, payload: Buffer.from('abcdefgh') });
  decoder.push(bytes.subarray(0, 9));
  decoder.push(bytes.subarray(9, 12));
  decoder.push(bytes.subarray(12));
  decoder.push(serverBytes({ opcode: 1, payload: Buffer.from('whole') }));
  assert.deepEqual(seen, ['abc|abc', 'def|abcdef', 'gh|abcdefgh', 'whole|whole']);
});
