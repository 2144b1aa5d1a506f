import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WebSocketClient } from '../../src/client/client';
import type { ClientOptions, FrameEvent, MessageEvent } from '../../src/client/types';
import { collectErrors, nextEvent } from '../fixtures/client-events';
import { startReferencePeer, type ReferencePeer } from '../fixtures/ws-peer';

let peer: ReferencePeer;

before(async () => {
  peer = await startReferencePeer();
  peer.wss.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
});
after(() => peer.close());

async function connected(options: Partial<ClientOptions> = {}): Promise<WebSocketClient> {
  const client = new WebSocketClient({ url: peer.url, ...options });
  const result = await client.connect();
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  assert.equal(client.state, 'open');
  return client;
}

async function echoOf(client: WebSocketClient, send: () => boolean): Promise<MessageEvent> {
  const reply = nextEvent(client, 'message');
  assert.equal(send(), true);
  return (await reply)[0];
}

test('text and binary messages come back as sent', async () => {
  const client = await connected();
  try {
    const text = await echoOf(client, () => client.sendText('héllo wörld'));
    assert.equal(text.binary, false);
    assert.equal(text.data.toString('utf8'), 'héllo wörld');
    const bytes = Buffer.from([0, 1, 2, 0xfe, 0xff]);
    const binary = await echoOf(client, () => client.sendBinary(bytes));
    assert.equal(binary.binary, true);
    assert.deepEqual(binary.data, bytes);
    const big = Buffer.alloc(70_000, 7);
    assert.deepEqual((await echoOf(client, () => client.send(big))).data, big);
  } finally {
    client.terminate();
  }
});

test('send() uses the default frame type for strings; Buffers are binary unless binary:false', async () => {
  const client = await connected({ defaultType: 'binary' });
  try {
    const asBinary = await echoOf(client, () => client.send('as bytes'));
    assert.equal(asBinary.binary, true);
    assert.equal(asBinary.data.toString(), 'as bytes');
    assert.equal((await echoOf(client, () => client.send('forced text', { binary: false }))).binary, false);
    assert.equal((await echoOf(client, () => client.send(Buffer.from('text bytes'), { binary: false }))).binary, false);
  } finally {
    client.terminate();
  }
  const textClient = await connected();
  try {
    assert.equal((await echoOf(textClient, () => textClient.send('plain'))).binary, false);
    assert.equal((await echoOf(textClient, () => textClient.send(Buffer.from('b')))).binary, true);
  } finally {
    textClient.terminate();
  }
});

test('a fragmented message with a ping between fragments is reassembled by the server', async () => {
  const client = await connected();
  const frames: FrameEvent[] = [];
  client.on('frame', (event) => frames.push(event));
  try {
    const pong = nextEvent(client, 'pong');
    const reply = await echoOf(client, () =>
      client.sendText('abcdefghij', { fragments: [3, 3, 4], between: [{ opcode: 0x9, payload: Buffer.from('mid') }] }),
    );
    assert.equal(reply.data.toString(), 'abcdefghij');
    assert.deepEqual((await pong)[0], Buffer.from('mid'));
    const out = frames.filter((event) => event.direction === 'out').map((event) => [event.frame?.opcode, event.frame?.fin, event.frame?.masked]);
    assert.deepEqual(out, [[1, false, true], [9, true, true], [0, false, true], [0, true, true]]);
    const firstIn = frames.find((event) => event.direction === 'in');
    assert.ok(firstIn && firstIn.time >= frames[0].time, 'frame times are monotonic performance.now() values');
    assert.equal(firstIn.frame?.masked, false);
  } finally {
    client.terminate();
  }
});

test('sendFrame and sendRaw put exactly those bytes on the wire and record them', async () => {
  const client = await connected();
  const frames: FrameEvent[] = [];
  client.on('frame', (event) => frames.push(event));
  try {
    const viaFrame = await echoOf(client, () => client.sendFrame({ opcode: 0x2, payload: Buffer.from('framed'), maskKey: Buffer.from([1, 2, 3, 4]) }));
    assert.equal(viaFrame.data.toString(), 'framed');
    // A masked text frame "Hi" with key 0x01020304, written by hand.
    const raw = Buffer.from([0x81, 0x82, 1, 2, 3, 4, 'H'.charCodeAt(0) ^ 1, 'i'.charCodeAt(0) ^ 2]);
    const viaRaw = await echoOf(client, () => client.sendRaw(raw));
    assert.equal(viaRaw.data.toString(), 'Hi');
    const rawEvent = frames.find((event) => event.direction === 'out' && event.raw);
    assert.deepEqual(rawEvent?.raw, raw);
    assert.deepEqual(frames.find((event) => event.direction === 'out')?.frame?.maskKey, Buffer.from([1, 2, 3, 4]));
  } finally {
    client.terminate();
  }
});

test('sending before open fails clearly: false and a send/not-open error', async () => {
  const client = new WebSocketClient({ url: peer.url });
  const errors = collectErrors(client);
  assert.equal(client.send('too early'), false);
  assert.equal(client.ping(), false);
  assert.equal(client.sendRaw(Buffer.from('x')), false);
  assert.equal(errors.length, 3);
  for (const error of errors) assert.deepEqual([error.kind, error.code], ['send', 'not-open']);
});

test('with no error listener a failure is kept in lastError and nothing throws', () => {
  const client = new WebSocketClient({ url: peer.url });
  assert.equal(client.sendText('x'), false);
  assert.equal((client.lastError as { code?: string } | undefined)?.code, 'not-open');
});

test('an exception thrown by a listener becomes a usage/listener-error instead of escaping', async () => {
  const client = await connected();
  const errors = collectErrors(client);
  try {
    client.once('message', () => {
      throw new Error('listener bug');
    });
    const next = nextEvent(client, 'error');
    client.sendText('boom');
    const [error] = await next;
    assert.deepEqual([error.kind, error.code], ['usage', 'listener-error']);
    assert.equal(errors.length, 1);
    assert.equal((await echoOf(client, () => client.sendText('still fine'))).data.toString(), 'still fine');
  } finally {
    client.terminate();
  }
});
