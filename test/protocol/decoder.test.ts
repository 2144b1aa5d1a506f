import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameDecoder, type DecoderState, type FrameSink } from '../../src/protocol/decoder';
import { decodeFrames } from '../../src/protocol/decode-frames';
import { ProtocolError } from '../../src/protocol/errors';
import type { Frame } from '../../src/protocol/frame';
import { RFC_KEY, clientBytes, oneByteAtATime, serverBytes } from './helpers';

function recordingSink(keep: (frame: Frame) => boolean = () => true) {
  const calls: string[] = [];
  const frames: Frame[] = [];
  const pieces: Buffer[] = [];
  const sink: FrameSink = {
    frameStart: (frame, width) => {
      calls.push(`start:${frame.opcode}:${frame.declaredLength}:${width}`);
      return keep(frame);
    },
    payload: (piece) => {
      calls.push(`payload:${piece.length}`);
      pieces.push(Buffer.from(piece));
      return true;
    },
    frameEnd: (frame) => {
      calls.push(`end:${frame.opcode}`);
      frames.push(frame);
    },
  };
  return { sink, calls, frames, pieces };
}

test('walks through named states one byte at a time', () => {
  const { sink, frames } = recordingSink();
  const decoder = new FrameDecoder(sink);
  const bytes = clientBytes({ opcode: 2, payload: Buffer.alloc(200, 7) });
  const states: DecoderState[] = [];
  for (const chunk of oneByteAtATime(bytes)) {
    decoder.push(chunk);
    if (states[states.length - 1] !== decoder.state) states.push(decoder.state);
  }
  assert.deepEqual(states, ['header', 'extended-length', 'mask-key', 'payload', 'header']);
  assert.equal(frames.length, 1);
  assert.deepEqual(frames[0].payload, Buffer.alloc(200, 7));
  assert.deepEqual(frames[0].maskKey, RFC_KEY);
});

test('any chunking yields the same frames, one byte at a time included', () => {
  const bytes = Buffer.concat([
    serverBytes({ opcode: 1, payload: Buffer.from('first') }),
    serverBytes({ opcode: 9 }),
    serverBytes({ opcode: 2, payload: Buffer.alloc(70000, 1) }),
    serverBytes({ opcode: 1, fin: false, payload: Buffer.from('a'), lengthWidth: 64 }),
  ]);
  const whole = decodeFrames(Buffer.from(bytes));
  const byByte = decodeFrames(oneByteAtATime(bytes));
  assert.equal(whole.length, 4);
  assert.deepEqual(byByte, whole);
});

test('a payload inside one chunk is a view of that chunk; masked bytes are unmasked in place', () => {
  const bytes = clientBytes({ opcode: 2, payload: Buffer.from('payload') });
  const frames = decodeFrames(bytes);
  assert.equal(frames[0].payload.buffer, bytes.buffer);
  assert.equal(frames[0].payload.byteOffset, bytes.byteOffset + 6);
  assert.equal(bytes.subarray(6).toString(), 'payload');
});

test('a payload spread over chunks is handed over piece by piece, then copied once', () => {
  const { sink, calls, frames, pieces } = recordingSink();
  const decoder = new FrameDecoder(sink);
  const bytes = clientBytes({ opcode: 1, payload: Buffer.from('0123456789') });
  decoder.push(bytes.subarray(0, 9)); // header (6) + 3 payload bytes
  decoder.push(bytes.subarray(9, 13));
  decoder.push(bytes.subarray(13));
  assert.deepEqual(calls, ['start:1:10:7', 'payload:3', 'payload:4', 'payload:3', 'end:1']);
  assert.deepEqual(pieces.map(String), ['012', '3456', '789']);
  assert.equal(frames[0].payload.toString(), '0123456789');
});

test('a frame with an empty payload completes with its header, also at the end of a chunk', () => {
  const { sink, calls } = recordingSink();
  const decoder = new FrameDecoder(sink);
  decoder.push(serverBytes({ opcode: 10 }));
  assert.deepEqual(calls, ['start:10:0:7', 'end:10']);
  assert.equal(decoder.state, 'header');
});

test('reports the width of the length field, so non-minimal encodings can be judged', () => {
  const { sink, calls } = recordingSink();
  new FrameDecoder(sink).push(serverBytes({ opcode: 2, payload: Buffer.from('x'), lengthWidth: 16 }));
  assert.equal(calls[0], 'start:2:1:16');
});

test('skips a payload the sink does not want, without buffering it, and resumes at the next frame', () => {
  const { sink, calls, frames } = recordingSink((frame) => frame.opcode !== 2);
  const decoder = new FrameDecoder(sink);
  const bytes = Buffer.concat([
    serverBytes({ opcode: 2, payload: Buffer.alloc(1000) }),
    serverBytes({ opcode: 1, payload: Buffer.from('after') }),
  ]);
  for (let at = 0; at < bytes.length; at += 97) decoder.push(bytes.subarray(at, at + 97));
  assert.deepEqual(calls, ['start:2:1000:16', 'start:1:5:7', 'payload:5', 'end:1']);
  assert.equal(frames[0].payload.toString(), 'after');
});

test('a 64-bit length with its top bit set breaks the stream: ProtocolError, then all input ignored', () => {
  const { sink, calls } = recordingSink();
  const decoder = new FrameDecoder(sink);
  const bad = serverBytes({ opcode: 2, declaredLength: 1n << 63n });
  assert.throws(
    () => decoder.push(bad),
    (e: unknown) => e instanceof ProtocolError && e.code === 'WSBDD_ERR_LENGTH_TOP_BIT' && e.closeCode === 1002,
  );
  assert.equal(decoder.state, 'broken');
  decoder.push(serverBytes({ opcode: 1, payload: Buffer.from('ignored') }));
  assert.deepEqual(calls, []);
});

test('a header split across chunks keeps a copy of the mask key, not a view of reused scratch space', () => {
  const first = clientBytes({ opcode: 1, payload: Buffer.from('a') });
  const secondKey = Buffer.from([9, 9, 9, 9]);
  const second = clientBytes({ opcode: 1, payload: Buffer.from('b'), maskKey: secondKey });
  const frames = decodeFrames(oneByteAtATime(Buffer.concat([first, second])));
  assert.deepEqual(frames[0].maskKey, RFC_KEY);
  assert.deepEqual(frames[1].maskKey, secondKey);
});

test('a kept frame longer than maxPayloadLength breaks the stream; a skipped one does not', () => {
  const long = serverBytes({ opcode: 2, payload: Buffer.alloc(100) });
  assert.throws(
    () => decodeFrames(Buffer.from(long), { maxPayloadLength: 99 }),
    (e: unknown) => e instanceof ProtocolError && e.code === 'WSBDD_ERR_MESSAGE_TOO_BIG' && e.closeCode === 1009,
  );
  const { sink, calls } = recordingSink((frame) => frame.opcode !== 2);
  const decoder = new FrameDecoder(sink, { maxPayloadLength: 99 });
  decoder.push(Buffer.concat([long, serverBytes({ opcode: 9 })]));
  assert.deepEqual(calls, ['start:2:100:7', 'start:9:0:7', 'end:9']);
});

test('a masked payload spread over chunks is unmasked while it is gathered, leaving the chunks as they were', () => {
  const bytes = clientBytes({ opcode: 2, payload: Buffer.from('spread over chunks') });
  const chunks = [bytes.subarray(0, 10), bytes.subarray(10)].map((c) => Buffer.from(c));
  const before = chunks.map((c) => Buffer.from(c));
  const frames = decodeFrames(chunks);
  assert.equal(frames[0].payload.toString(), 'spread over chunks');
  assert.deepEqual(chunks, before);
});
