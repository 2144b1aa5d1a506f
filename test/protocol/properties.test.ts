import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { constants, deflateRawSync } from 'node:zlib';
import { decodeFrames } from '../../src/protocol/decode-frames';
import { encodeFrame } from '../../src/protocol/encoder';
import { ProtocolError } from '../../src/protocol/errors';
import type { FrameSpec } from '../../src/protocol/frame';
import type { FrameRules } from '../../src/protocol/frame-rules';
import { WebSocketProtocol, type ProtocolEvent, type Role } from '../../src/protocol/protocol';
import { randomMaskKey } from '../../src/protocol/mask-key';
import { cutAt, messagesOf, plainFrame, wire } from './helpers';

const payloadArb = fc.oneof(
  { weight: 8, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.integer({ min: 126, max: 70_000 }).map((n) => new Uint8Array(n).fill(n & 0xff)) },
);

const frameSpecArb: fc.Arbitrary<FrameSpec> = fc.record({
  opcode: fc.integer({ min: 0, max: 15 }),
  fin: fc.boolean(),
  rsv1: fc.boolean(),
  rsv2: fc.boolean(),
  rsv3: fc.boolean(),
  mask: fc.boolean(),
  maskKey: fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 }).map((k) => Buffer.from(k)), { nil: undefined }),
  payload: payloadArb.map((p) => Buffer.from(p)),
  lengthWidth: fc.constantFrom<FrameSpec['lengthWidth']>('minimal', 64),
});

const cutsArb = fc.array(fc.nat(), { maxLength: 12 });

test('property: encode then decode returns the same frames, for any chunking', () => {
  fc.assert(
    fc.property(fc.array(frameSpecArb, { minLength: 1, maxLength: 6 }), cutsArb, (specs, cuts) => {
      const encoded = specs.map((spec) => encodeFrame(spec, { mask: false, maskKeySource: randomMaskKey }));
      const bytes = Buffer.concat(encoded.flatMap((e) => e.chunks));
      const decoded = decodeFrames(cutAt(bytes, cuts.map((c) => c % (bytes.length + 1))));
      assert.deepEqual(decoded.map(plainFrame), encoded.map((e) => plainFrame(e.frame)));
    }),
    { numRuns: 300 },
  );
});

/** A valid message stream as a peer would send it, with control frames between fragments. */
const messageArb = fc.record({
  data: fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  ),
  fragments: fc.integer({ min: 1, max: 5 }),
  pings: fc.integer({ min: 0, max: 4 }),
});

test('property: messages sent by one role arrive intact at the other, for any chunking', () => {
  fc.assert(
    fc.property(fc.constantFrom<Role>('client', 'server'), fc.array(messageArb, { minLength: 1, maxLength: 5 }), cutsArb, (role, messages, cuts) => {
      const sender = new WebSocketProtocol({ role: role === 'client' ? 'server' : 'client' });
      for (const m of messages) {
        const between = Array.from({ length: Math.min(m.pings, m.fragments - 1) }, () => ({ opcode: 9 }));
        sender.sendMessage(m.data, { fragments: m.fragments, between });
      }
      const bytes = wire(sender.takeOutgoing());
      const receiver = new WebSocketProtocol({ role });
      const events = cutAt(bytes, cuts.map((c) => c % (bytes.length + 1))).flatMap((chunk) => receiver.receive(chunk));
      assert.equal(events.some((e) => e.type === 'error'), false);
      assert.deepEqual(
        messagesOf(events).map((e) => [e.binary, e.data.toString('hex')]),
        messages.map((m) => [typeof m.data !== 'string', Buffer.from(m.data).toString('hex')]),
      );
    }),
    { numRuns: 300 },
  );
});

function assertOnlyTypedErrors(events: ProtocolEvent[]): void {
  for (const event of events) {
    if (event.type !== 'error') continue;
    assert.ok(event.error instanceof ProtocolError);
    assert.match(event.error.code, /^WSBDD_ERR_[A-Z0-9_]+$/);
    assert.ok([1002, 1007, 1009].includes(event.error.closeCode), `close code ${event.error.closeCode}`);
    assert.notEqual(event.error.code, 'WSBDD_ERR_INTERNAL');
  }
  assertCulpritBeforeEachError(events);
}

/** A transcript built from frame events must show the frame that broke a rule, right before the error it caused. */
function assertCulpritBeforeEachError(events: ProtocolEvent[]): void {
  events.forEach((event, index) => {
    if (event.type !== 'error') return;
    const before = events[index - 1];
    assert.equal(before?.type, 'frame', `event before ${event.error.code}`);
    assert.equal(before.type === 'frame' && before.rejected, event.error.code);
  });
}

const optionsArb = fc.record({
  role: fc.constantFrom<Role>('client', 'server'),
  strictLengths: fc.boolean(),
  maxMessageSize: fc.constantFrom(64, 1024, 64 * 1024 * 1024),
  perMessageDeflate: fc.constantFrom(undefined, {}, { noContextTakeover: true }),
});

test('property: random bytes never make receive() throw; every error is a typed ProtocolError', () => {
  fc.assert(
    fc.property(optionsArb, fc.uint8Array({ maxLength: 400 }), cutsArb, (options, bytes, cuts) => {
      const protocol = new WebSocketProtocol(options);
      const chunks = cutAt(Buffer.from(bytes), cuts.map((c) => c % (bytes.length + 1)));
      const events = chunks.flatMap((chunk) => protocol.receive(chunk));
      assertOnlyTypedErrors(events);
      assert.ok(events.filter((e) => e.type === 'error').length <= 1, 'one violation is reported, then input is ignored');
    }),
    { numRuns: 500 },
  );
});

test('property: the bare decoder throws nothing but ProtocolError on random bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), cutsArb, (bytes, cuts) => {
      try {
        decodeFrames(cutAt(Buffer.from(bytes), cuts.map((c) => c % (bytes.length + 1))));
      } catch (error) {
        assert.ok(error instanceof ProtocolError, String(error));
      }
    }),
    { numRuns: 300 },
  );
});

test('property: mutated valid streams never raise anything but typed errors', () => {
  const mutationArb = fc.array(fc.record({ at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 4 });
  fc.assert(
    fc.property(optionsArb, fc.array(messageArb, { minLength: 1, maxLength: 4 }), mutationArb, cutsArb, (options, messages, mutations, cuts) => {
      const sender = new WebSocketProtocol({ role: options.role === 'client' ? 'server' : 'client' });
      for (const m of messages) sender.sendMessage(m.data, { fragments: m.fragments });
      sender.ping(Buffer.from('ping'));
      sender.close(1000, 'bye');
      const bytes = wire(sender.takeOutgoing());
      for (const { at, xor } of mutations) bytes[at % bytes.length] ^= xor;
      const chunks = cutAt(bytes, cuts.map((c) => c % (bytes.length + 1)));

      const protocol = new WebSocketProtocol(options);
      assertOnlyTypedErrors(chunks.flatMap((chunk) => protocol.receive(Buffer.from(chunk))));

      // The bare decoder with the frame rules throws nothing but ProtocolError either.
      const rules: FrameRules = { role: options.role, allowRsv1: false, allowRsv2: false, allowRsv3: false, strictLengths: options.strictLengths };
      try {
        decodeFrames(chunks, { rules });
      } catch (error) {
        assert.ok(error instanceof ProtocolError, String(error));
      }
    }),
    { numRuns: 300 },
  );
});

/** Frames of messages compressed as a permessage-deflate server with context takeover sends them. */
function compressedStream(messages: Array<string | Buffer>, fragments: number[]): Buffer {
  const sender = new WebSocketProtocol({ role: 'server' });
  let history = Buffer.alloc(0);
  messages.forEach((message, i) => {
    const data = Buffer.from(message);
    const flushed = deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH, ...(history.length ? { dictionary: history.subarray(-32768) } : {}) });
    const payload = flushed.subarray(0, -4);
    const count = Math.min(fragments[i % fragments.length], payload.length + 1);
    const size = Math.ceil(payload.length / count);
    for (let k = 0; k < count; k++) {
      sender.sendFrame({
        opcode: k === 0 ? (typeof message === 'string' ? 1 : 2) : 0,
        rsv1: k === 0,
        fin: k === count - 1,
        payload: payload.subarray(k * size, (k + 1) * size),
      });
    }
    history = Buffer.concat([history, data]);
  });
  return wire(sender.takeOutgoing());
}

test('property: compressed messages (context takeover) inflate intact for any chunking; mutated ones fail typed', () => {
  const mutationArb = fc.array(fc.record({ at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }), { maxLength: 3 });
  fc.assert(
    fc.property(
      fc.array(messageArb.map((m) => m.data), { minLength: 1, maxLength: 4 }),
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
      cutsArb,
      mutationArb,
      (messages, fragments, cuts, mutations) => {
        const bytes = compressedStream(messages, fragments);
        const chunks = (stream: Buffer) => cutAt(stream, cuts.map((c) => c % (stream.length + 1)));
        const receiver = new WebSocketProtocol({ role: 'client', perMessageDeflate: {} });
        const events = chunks(bytes).flatMap((chunk) => receiver.receive(chunk));
        assert.equal(events.some((e) => e.type === 'error'), false);
        assert.deepEqual(
          messagesOf(events).map((e) => e.data.toString('hex')),
          messages.map((m) => Buffer.from(m).toString('hex')),
        );
        for (const { at, xor } of mutations) bytes[at % bytes.length] ^= xor;
        const mutated = new WebSocketProtocol({ role: 'client', perMessageDeflate: {} });
        assertOnlyTypedErrors(chunks(bytes).flatMap((chunk) => mutated.receive(chunk)));
      },
    ),
    { numRuns: 200 },
  );
});
