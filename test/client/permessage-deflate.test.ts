import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocketClient } from '../../src/client/client';
import type { FrameEvent, MessageEvent } from '../../src/client/types';
import { collectErrors, nextEvent } from '../fixtures/client-events';
import { startReferencePeer, type ReferencePeer } from '../fixtures/ws-peer';

/** A ws server that compresses every message it sends (threshold 0) and echoes what it gets. */
async function compressingEchoPeer(): Promise<ReferencePeer> {
  const peer = await startReferencePeer({ perMessageDeflate: { threshold: 0 } });
  peer.wss.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
  return peer;
}

async function echoes(client: WebSocketClient, messages: Array<string | Buffer>): Promise<MessageEvent[]> {
  const replies: MessageEvent[] = [];
  for (const message of messages) {
    const reply = nextEvent(client, 'message');
    assert.equal(client.send(message), true);
    replies.push((await reply)[0]);
  }
  return replies;
}

for (const offer of ['permessage-deflate; client_max_window_bits', 'permessage-deflate; server_no_context_takeover']) {
  test(`against ws with compression (${offer}): replies arrive compressed on the wire and whole in messages`, async () => {
    const peer = await compressingEchoPeer();
    const client = new WebSocketClient({ url: peer.url, extensions: [offer] });
    const errors = collectErrors(client);
    const incoming: FrameEvent[] = [];
    client.on('frame', (event) => {
      if (event.direction === 'in') incoming.push(event);
    });
    try {
      const result = await client.connect();
      assert.ok(result.ok, result.ok ? '' : result.error.message);
      assert.match(result.open.extensions ?? '', /^permessage-deflate/);
      // Repeated content: with context takeover the later replies refer back into the earlier ones.
      const line = 'the same words, over and over; ';
      const sent = [line.repeat(4), line.repeat(4), `${line}héllo`, Buffer.from(line.repeat(50)), ''];
      const replies = await echoes(client, sent);
      assert.deepEqual(
        replies.map((reply) => [reply.binary, reply.data.toString()]),
        sent.map((message) => [Buffer.isBuffer(message), message.toString()]),
      );
      assert.ok(incoming.length >= sent.length);
      assert.ok(incoming.every((event) => event.frame?.rsv1 === true), 'every reply was compressed');
      assert.ok((incoming[1].frame?.payload.length ?? 0) < Buffer.byteLength(sent[1]), 'the wire payload is the compressed one');
      assert.deepEqual(errors, []);
    } finally {
      client.terminate();
      await peer.close();
    }
  });
}

test('a compressed message larger than maxMessageSize once inflated is WSBDD_ERR_MESSAGE_TOO_BIG (1009)', async () => {
  const peer = await compressingEchoPeer();
  const client = new WebSocketClient({ url: peer.url, extensions: ['permessage-deflate'], maxMessageSize: 10_000 });
  const errors = collectErrors(client);
  try {
    const result = await client.connect();
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    const closed = nextEvent(client, 'close');
    // Under the limit, the echo is accepted; then 20 000 bytes that compress to a few dozen are not.
    client.send(Buffer.alloc(9_000, 0x61));
    const [first] = await nextEvent(client, 'message');
    assert.equal(first.data.length, 9_000);
    peer.wss.clients.forEach((socket) => socket.send(Buffer.alloc(20_000, 0x62)));
    const [close] = await closed;
    assert.deepEqual(errors.map((e) => [e.code, e.closeCode]), [['WSBDD_ERR_MESSAGE_TOO_BIG', 1009]]);
    assert.equal(close.sentCode, 1009);
  } finally {
    client.terminate();
    await peer.close();
  }
});
