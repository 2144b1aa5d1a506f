import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFrames } from '../../src/protocol/decode-frames';
import { fixedMaskKeySource } from '../../src/protocol/mask-key';
import { WebSocketProtocol } from '../../src/protocol/protocol';
import { RFC_KEY, eventTypes, messagesOf, serverBytes, wire } from './helpers';

const client = () => new WebSocketProtocol({ role: 'client', maskKeySource: fixedMaskKeySource(RFC_KEY) });
const closeFrame = (code: number, reason = '') => {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code, 0);
  payload.write(reason, 2);
  return serverBytes({ opcode: 8, payload });
};

test('a frame event for every frame, before its meaning, in order', () => {
  const events = client().receive(
    serverBytes(
      { opcode: 1, payload: Buffer.from('one') },
      { opcode: 2, payload: Buffer.from([1, 2]) },
      { opcode: 10, payload: Buffer.from('pong') },
    ),
  );
  assert.deepEqual(eventTypes(events), ['frame', 'message', 'frame', 'message', 'frame', 'pong']);
  assert.deepEqual(
    messagesOf(events).map((m) => [m.data.toString('hex'), m.binary]),
    [[Buffer.from('one').toString('hex'), false], ['0102', true]],
  );
});

test('a fragmented message with control frames between its fragments', () => {
  const protocol = client();
  const events = protocol.receive(
    serverBytes(
      { opcode: 2, fin: false, payload: Buffer.from([1]) },
      { opcode: 9, payload: Buffer.from('mid') },
      { opcode: 0, fin: false, payload: Buffer.alloc(0) },
      { opcode: 10 },
      { opcode: 0, payload: Buffer.from([2, 3]) },
    ),
  );
  assert.deepEqual(eventTypes(events), ['frame', 'frame', 'ping', 'frame', 'frame', 'pong', 'frame', 'message']);
  assert.deepEqual(messagesOf(events)[0].data, Buffer.from([1, 2, 3]));
  const pong = protocol.takeOutgoing();
  assert.equal(pong.length, 1);
  assert.equal(pong[0].frame!.opcode, 10);
  assert.equal(pong[0].frame!.payload.toString(), 'mid');
});

test('autoPong answers a ping with the same payload; autoPong=false does not', () => {
  const protocol = client();
  protocol.receive(serverBytes({ opcode: 9, payload: Buffer.from('abc') }));
  const out = protocol.takeOutgoing();
  assert.deepEqual(wire(out), Buffer.from([0x8a, 0x83, ...RFC_KEY, 0x61 ^ 0x37, 0x62 ^ 0xfa, 0x63 ^ 0x21]));
  const quiet = new WebSocketProtocol({ role: 'client', autoPong: false });
  assert.deepEqual(eventTypes(quiet.receive(serverBytes({ opcode: 9 }))), ['frame', 'ping']);
  assert.deepEqual(quiet.takeOutgoing(), []);
});

test('a peer close while open is reported, echoed with its code, and ends the connection', () => {
  const protocol = client();
  const events = protocol.receive(closeFrame(1001, 'going'));
  assert.deepEqual(eventTypes(events), ['frame', 'close']);
  assert.deepEqual(events[1], { type: 'close', code: 1001, reason: 'going', payload: Buffer.from([0x03, 0xe9, ...Buffer.from('going')]) });
  const echo = protocol.takeOutgoing();
  assert.equal(echo.length, 1);
  assert.deepEqual(echo[0].frame!.payload, Buffer.from([0x03, 0xe9]));
  assert.equal(protocol.state, 'closed');
  assert.equal(protocol.closeReceived && protocol.closeSent, true);
});

test('an empty peer close is reported with no code and answered with an empty close', () => {
  const protocol = client();
  const events = protocol.receive(serverBytes({ opcode: 8 }));
  assert.deepEqual(events[1], { type: 'close', code: undefined, reason: '', payload: Buffer.alloc(0) });
  assert.equal(protocol.takeOutgoing()[0].frame!.payload.length, 0);
});

test('frames after the peer\'s close are ignored, also in the same chunk, and shown as ignored', () => {
  const protocol = client();
  const events = protocol.receive(Buffer.concat([closeFrame(1000), serverBytes({ opcode: 1, payload: Buffer.from('late') })]));
  assert.deepEqual(eventTypes(events), ['frame', 'close', 'frame']);
  const late = events[2];
  assert.equal(late.type === 'frame' && late.ignored, 'after-close');
  assert.equal(late.type === 'frame' && late.frame.payload.toString(), 'late');
  const ping = protocol.receive(serverBytes({ opcode: 9, payload: Buffer.from('p') }));
  assert.deepEqual(ping.map((e) => e.type === 'frame' && [e.frame.opcode, e.ignored, e.rejected]), [[9, 'after-close', undefined]]);
  assert.deepEqual(protocol.takeOutgoing().map((o) => o.frame!.opcode), [8], 'the echo of the close, and no pong');
});

test('our close: closing until the peer\'s close arrives, which is not answered again', () => {
  const protocol = client();
  protocol.close(1000, 'done');
  assert.equal(protocol.state, 'closing');
  const sent = protocol.takeOutgoing();
  assert.deepEqual(sent[0].frame!.payload, Buffer.from([0x03, 0xe8, ...Buffer.from('done')]));
  // Data still in flight from the peer is delivered; pings are no longer answered.
  const inFlight = protocol.receive(serverBytes({ opcode: 1, payload: Buffer.from('x') }, { opcode: 9 }));
  assert.deepEqual(eventTypes(inFlight), ['frame', 'message', 'frame', 'ping']);
  const events = protocol.receive(closeFrame(1000));
  assert.deepEqual(eventTypes(events), ['frame', 'close']);
  assert.equal(protocol.state, 'closed');
  assert.deepEqual(protocol.takeOutgoing(), []);
});

test('close() sends exactly what it is given, invalid codes included; no code means an empty payload', () => {
  const protocol = client();
  protocol.close(1005, Buffer.from([0xff]));
  protocol.close();
  const [bad, empty] = protocol.takeOutgoing();
  assert.deepEqual(bad.frame!.payload, Buffer.from([0x03, 0xed, 0xff]));
  assert.equal(empty.frame!.payload.length, 0);
  assert.throws(() => protocol.close(70000), { code: 'WSBDD_ERR_INVALID_ARGUMENT' });
  assert.throws(() => protocol.close(undefined, 'reason without code'), { code: 'WSBDD_ERR_INVALID_ARGUMENT' });
});

test('sendMessage: strings go as UTF-8 text, buffers as binary, unless told otherwise', () => {
  const protocol = client();
  protocol.sendMessage('héllo');
  protocol.sendMessage(Buffer.from([1]));
  protocol.sendMessage('as binary', { binary: true });
  protocol.sendMessage(Buffer.from('as text'), { binary: false });
  const frames = protocol.takeOutgoing().map((o) => o.frame!);
  assert.deepEqual(frames.map((f) => f.opcode), [1, 2, 2, 1]);
  assert.deepEqual(frames[0].payload, Buffer.from('héllo', 'utf8'));
  assert.equal(frames.every((f) => f.masked && f.fin), true);
});

test('sendMessage cuts into N fragments or given sizes, with control frames between', () => {
  const protocol = client();
  protocol.sendMessage('abcdefg', { fragments: 3, between: [{ opcode: 9, payload: Buffer.from('p') }] });
  const frames = protocol.takeOutgoing().map((o) => o.frame!);
  assert.deepEqual(
    frames.map((f) => [f.opcode, f.fin, f.payload.toString()]),
    [[1, false, 'abc'], [9, true, 'p'], [0, false, 'de'], [0, true, 'fg']],
  );

  protocol.sendMessage(Buffer.from('abcdef'), { fragments: [1, 0, 2] });
  const sized = protocol.takeOutgoing().map((o) => o.frame!);
  assert.deepEqual(sized.map((f) => [f.opcode, f.fin, f.payload.toString()]), [[2, false, 'a'], [0, false, ''], [0, false, 'bc'], [0, true, 'def']]);

  assert.throws(() => protocol.sendMessage('ab', { fragments: [3] }), { code: 'WSBDD_ERR_INVALID_ARGUMENT' });
  assert.throws(() => protocol.sendMessage('ab', { fragments: 0 }), { code: 'WSBDD_ERR_INVALID_ARGUMENT' });
  assert.throws(() => protocol.sendMessage('ab', { fragments: 2, between: [{ opcode: 9 }, { opcode: 9 }, { opcode: 9 }] }), {
    code: 'WSBDD_ERR_INVALID_ARGUMENT',
  });
  assert.deepEqual(protocol.takeOutgoing(), [], 'a refused message queues nothing');
});

test('a fragmented send reassembles on the other side into the original message', () => {
  const sender = client();
  const text = 'fragments of ünïcödé, split inside code points';
  sender.sendMessage(text, { fragments: 7, between: [{ opcode: 9 }, { opcode: 10 }] });
  const receiver = new WebSocketProtocol({ role: 'server' });
  const events = receiver.receive(wire(sender.takeOutgoing()));
  assert.deepEqual(messagesOf(events).map((m) => m.data.toString()), [text]);
  assert.equal(events.some((e) => e.type === 'error'), false);
});

test('every queued frame carries its description; raw bytes do not', () => {
  const protocol = client();
  protocol.ping(Buffer.from('hb'));
  protocol.pong();
  protocol.sendFrame({ opcode: 5, rsv2: true, payload: Buffer.from('odd'), declaredLength: 9, lengthWidth: 16 });
  protocol.sendRaw(Buffer.from([0xde, 0xad]));
  const out = protocol.takeOutgoing();
  assert.deepEqual(out.map((o) => o.frame?.opcode), [9, 10, 5, undefined]);
  assert.deepEqual(out[2].frame!.maskKey, RFC_KEY);
  assert.equal(out[2].frame!.declaredLength, 9);
  assert.deepEqual(out[3].chunks, [Buffer.from([0xde, 0xad])]);
  const decoded = decodeFrames(wire(out.slice(0, 2)));
  assert.deepEqual(decoded.map((f) => f.payload.toString()), ['hb', '']);
  assert.deepEqual(protocol.takeOutgoing(), [], 'takeOutgoing empties the queue');
});

test('server role: reads masked frames, sends unmasked ones', () => {
  const server = new WebSocketProtocol({ role: 'server' });
  const browser = client();
  browser.sendMessage('hi');
  assert.deepEqual(messagesOf(server.receive(wire(browser.takeOutgoing())))[0].data.toString(), 'hi');
  server.sendMessage('back');
  const out = server.takeOutgoing();
  assert.equal(out[0].frame!.masked, false);
  assert.deepEqual(wire(out), Buffer.from([0x81, 0x04, ...Buffer.from('back')]));
});

test('messages up to the size limit are accepted exactly at the limit', () => {
  const protocol = new WebSocketProtocol({ role: 'client', maxMessageSize: 10 });
  const events = protocol.receive(serverBytes({ opcode: 2, fin: false, payload: Buffer.alloc(4) }, { opcode: 0, payload: Buffer.alloc(6) }));
  assert.equal(messagesOf(events)[0].data.length, 10);
});
