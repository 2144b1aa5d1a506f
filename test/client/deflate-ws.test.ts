import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { PerMessageDeflateOptions } from 'ws';
import { WebSocketClient } from '../../src/client/client';
import type { DeflateOffer } from '../../src/client/deflate-negotiation';
import type { FrameEvent, MessageEvent } from '../../src/client/types';
import { collectErrors, nextEvent } from '../fixtures/client-events';
import { startReferencePeer } from '../fixtures/ws-peer';

interface Case {
  name: string;
  offer: DeflateOffer | DeflateOffer[];
  server?: PerMessageDeflateOptions;
  /** What the answer must say, parameter by parameter. */
  expect: { serverNoContextTakeover: boolean; clientNoContextTakeover: boolean; serverMaxWindowBits: number; clientMaxWindowBits: number };
}

const cases: Case[] = [
  { name: 'plain offer, takeover both ways', offer: {}, expect: { serverNoContextTakeover: false, clientNoContextTakeover: false, serverMaxWindowBits: 15, clientMaxWindowBits: 15 } },
  {
    name: 'windows of 10 bits both ways',
    offer: { clientMaxWindowBits: 10, serverMaxWindowBits: 10 },
    expect: { serverNoContextTakeover: false, clientNoContextTakeover: false, serverMaxWindowBits: 10, clientMaxWindowBits: 10 },
  },
  {
    name: 'windows of 8 bits both ways',
    offer: { clientMaxWindowBits: 8, serverMaxWindowBits: 8 },
    expect: { serverNoContextTakeover: false, clientNoContextTakeover: false, serverMaxWindowBits: 8, clientMaxWindowBits: 8 },
  },
  {
    name: 'no context takeover, asked by the client',
    offer: { clientNoContextTakeover: true, serverNoContextTakeover: true },
    expect: { serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 15, clientMaxWindowBits: 15 },
  },
  {
    name: 'no context takeover, asked by the server; the second offer accepted',
    offer: [{ serverMaxWindowBits: 9 }, { clientMaxWindowBits: true }],
    server: { serverNoContextTakeover: true, clientNoContextTakeover: true, clientMaxWindowBits: 11, serverMaxWindowBits: 12 },
    expect: { serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 12, clientMaxWindowBits: 11 },
  },
];

/** Kinds of payload, each at sizes from 0 bytes to 1 MiB, in an order where takeover has something to refer to. */
function payloads(): Array<string | Buffer> {
  const sizes = [0, 1, 125, 126, 1000, 65535, 65536, 300_000, 1 << 20];
  const words = 'permessage-deflate echoes every byte exactly; ';
  const out: Array<string | Buffer> = [];
  for (const size of sizes) {
    out.push(words.repeat(Math.ceil(size / words.length)).slice(0, size));
    out.push(randomBytes(size));
    if (size <= 65536) out.push(Buffer.from(randomBytes(Math.ceil(size / 2)).toString('hex').slice(0, size), 'latin1'));
  }
  out.push(words.repeat(3), 'héllo wörld ✓ '.repeat(20), words.repeat(3));
  return out;
}

for (const c of cases) {
  test(`against ws with perMessageDeflate (${c.name}): 0 B to 1 MiB echoed exactly, compressed both ways`, async () => {
    const peer = await startReferencePeer({ perMessageDeflate: { threshold: 0, ...c.server } });
    const received: Buffer[] = [];
    peer.wss.on('connection', (socket) =>
      socket.on('message', (data, isBinary) => {
        received.push(data as Buffer);
        socket.send(data, { binary: isBinary });
      }),
    );
    const client = new WebSocketClient({ url: peer.url, perMessageDeflate: c.offer });
    const errors = collectErrors(client);
    const frames: FrameEvent[] = [];
    client.on('frame', (event) => frames.push(event));
    try {
      const result = await client.connect();
      assert.ok(result.ok, result.ok ? '' : result.error.message);
      const terms = result.open.perMessageDeflate;
      assert.ok(terms, 'negotiated');
      assert.deepEqual({ ...terms, parameters: undefined }, { ...c.expect, parameters: undefined });
      const sent = payloads();
      const replies: MessageEvent[] = [];
      for (const [i, message] of sent.entries()) {
        const reply = nextEvent(client, 'message', 5000);
        // Every fifth message goes uncompressed: the contexts both ways must stay in step across it.
        assert.equal(client.send(message, { compress: i % 5 !== 4, fragments: i % 3 === 0 ? 2 : 1 }), true);
        replies.push((await reply)[0]);
      }
      assert.deepEqual(errors, []);
      assert.deepEqual(received.map((data) => data.toString('hex')), sent.map((m) => Buffer.from(m).toString('hex')));
      assert.deepEqual(
        replies.map((reply) => [reply.binary, reply.data.toString('hex')]),
        sent.map((m) => [Buffer.isBuffer(m), Buffer.from(m).toString('hex')]),
      );
      assert.ok(replies.every((reply) => reply.compressedLength !== undefined), 'ws compresses every reply (threshold 0)');
      const outFirst = frames.filter((f) => f.direction === 'out' && (f.frame?.opcode === 1 || f.frame?.opcode === 2));
      assert.deepEqual(outFirst.map((f) => f.frame?.rsv1), sent.map((_, i) => i % 5 !== 4));
      assert.ok(frames.filter((f) => f.direction === 'out' && f.frame?.opcode === 0).every((f) => !f.frame?.rsv1));
    } finally {
      client.terminate();
      await peer.close();
    }
  });
}

test('compressMessages: false negotiates and inflates but sends everything as it is', async () => {
  const peer = await startReferencePeer({ perMessageDeflate: { threshold: 0 } });
  peer.wss.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
  const client = new WebSocketClient({ url: peer.url, perMessageDeflate: true, compressMessages: false });
  const out: FrameEvent[] = [];
  client.on('frame', (event) => event.direction === 'out' && out.push(event));
  try {
    assert.ok((await client.connect()).ok);
    const reply = nextEvent(client, 'message');
    client.send('plain '.repeat(100));
    assert.equal((await reply)[0].compressedLength !== undefined, true);
    assert.equal(out[0].frame?.rsv1, false);
  } finally {
    client.terminate();
    await peer.close();
  }
});
