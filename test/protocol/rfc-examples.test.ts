import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFrames } from '../../src/protocol/decode-frames';
import { encodeFrame } from '../../src/protocol/encoder';
import { fixedMaskKeySource } from '../../src/protocol/mask-key';
import { WebSocketProtocol } from '../../src/protocol/protocol';
import { Opcode } from '../../src/protocol/constants';
import type { FrameSpec } from '../../src/protocol/frame';
import { RFC_KEY, eventTypes, messagesOf, oneByteAtATime } from './helpers';

// RFC 6455 section 5.7, byte for byte.
const hello = Buffer.from('Hello');
const bytes256 = Buffer.alloc(256, 0xab);
const bytes64k = Buffer.alloc(65536, 0xcd);

const examples: Array<{ name: string; spec: FrameSpec; masked: boolean; wire: Buffer }> = [
  {
    name: 'single-frame unmasked text',
    spec: { opcode: Opcode.Text, payload: hello },
    masked: false,
    wire: Buffer.from([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]),
  },
  {
    name: 'single-frame masked text',
    spec: { opcode: Opcode.Text, payload: hello },
    masked: true,
    wire: Buffer.from([0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58]),
  },
  {
    name: 'first fragment of an unmasked text message',
    spec: { opcode: Opcode.Text, fin: false, payload: Buffer.from('Hel') },
    masked: false,
    wire: Buffer.from([0x01, 0x03, 0x48, 0x65, 0x6c]),
  },
  {
    name: 'last fragment of an unmasked text message',
    spec: { opcode: Opcode.Continuation, payload: Buffer.from('lo') },
    masked: false,
    wire: Buffer.from([0x80, 0x02, 0x6c, 0x6f]),
  },
  {
    name: 'unmasked ping',
    spec: { opcode: Opcode.Ping, payload: hello },
    masked: false,
    wire: Buffer.from([0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]),
  },
  {
    name: 'masked pong',
    spec: { opcode: Opcode.Pong, payload: hello },
    masked: true,
    wire: Buffer.from([0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58]),
  },
  {
    name: '256 bytes binary in a single unmasked frame',
    spec: { opcode: Opcode.Binary, payload: bytes256 },
    masked: false,
    wire: Buffer.concat([Buffer.from([0x82, 0x7e, 0x01, 0x00]), bytes256]),
  },
  {
    name: '64 KiB binary in a single unmasked frame',
    spec: { opcode: Opcode.Binary, payload: bytes64k },
    masked: false,
    wire: Buffer.concat([Buffer.from([0x82, 0x7f, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00]), bytes64k]),
  },
];

for (const example of examples) {
  test(`RFC 6455 5.7 encodes: ${example.name}`, () => {
    const { chunks, frame } = encodeFrame(example.spec, {
      mask: example.masked,
      maskKeySource: fixedMaskKeySource(RFC_KEY),
    });
    assert.deepEqual(Buffer.concat(chunks), example.wire);
    assert.equal(frame.masked, example.masked);
    assert.deepEqual(frame.payload, example.spec.payload);
  });

  test(`RFC 6455 5.7 decodes: ${example.name}`, () => {
    // A masked frame comes from a client, so it is judged by the server's rules, and the other way round.
    const rules = { role: example.masked ? 'server' : 'client', allowRsv1: false, allowRsv2: false, allowRsv3: false, strictLengths: true } as const;
    const frames = decodeFrames(Buffer.from(example.wire), { rules });
    assert.equal(frames.length, 1);
    assert.equal(frames[0].opcode, example.spec.opcode);
    assert.equal(frames[0].fin, example.spec.fin ?? true);
    assert.equal(frames[0].declaredLength, example.spec.payload?.length);
    assert.deepEqual(frames[0].payload, example.spec.payload);
    assert.deepEqual(frames[0].maskKey, example.masked ? RFC_KEY : undefined);
  });
}

test('RFC 6455 5.7: the fragmented "Hello" reassembles into one message, also one byte at a time', () => {
  const protocol = new WebSocketProtocol({ role: 'client' });
  const stream = Buffer.concat([examples[2].wire, examples[3].wire]);
  const events = oneByteAtATime(stream).flatMap((chunk) => protocol.receive(chunk));
  assert.deepEqual(eventTypes(events), ['frame', 'frame', 'message']);
  assert.deepEqual(messagesOf(events).map((m) => m.data.toString()), ['Hello']);
  assert.equal(messagesOf(events)[0].binary, false);
});
