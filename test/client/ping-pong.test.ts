import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { WebSocket } from 'ws';
import { WebSocketClient } from '../../src/client/client';
import type { ClientOptions } from '../../src/client/types';
import { collectErrors, delay, nextEvent } from '../fixtures/client-events';
import { startReferencePeer, type ReferencePeer } from '../fixtures/ws-peer';

let peer: ReferencePeer;
/** A server that never answers pings, to test the client's pong timeout. */
let mutePeer: ReferencePeer;

before(async () => {
  peer = await startReferencePeer();
  mutePeer = await startReferencePeer({ autoPong: false });
});
after(async () => {
  await peer.close();
  await mutePeer.close();
});

async function connectedPair(options: Partial<ClientOptions> = {}, to = peer): Promise<{ client: WebSocketClient; server: WebSocket }> {
  const serverSide = new Promise<WebSocket>((resolve) => to.wss.once('connection', resolve));
  const client = new WebSocketClient({ url: to.url, ...options });
  const result = await client.connect();
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return { client, server: await serverSide };
}

function serverPong(server: WebSocket, timeoutMs = 2000): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    server.once('pong', (data) => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

test('a client ping with any payload is answered with a pong carrying it', async () => {
  const { client } = await connectedPair();
  try {
    const pong = nextEvent(client, 'pong');
    assert.equal(client.ping('are you there?'), true);
    assert.equal((await pong)[0].toString(), 'are you there?');
    const empty = nextEvent(client, 'pong');
    client.ping();
    assert.equal((await empty)[0].length, 0);
  } finally {
    client.terminate();
  }
});

test('a server ping is reported and answered automatically', async () => {
  const { client, server } = await connectedPair();
  try {
    const ping = nextEvent(client, 'ping');
    const pong = serverPong(server);
    server.ping(Buffer.from('srv'));
    assert.equal((await ping)[0].toString(), 'srv');
    assert.equal((await pong)?.toString(), 'srv');
  } finally {
    client.terminate();
  }
});

test('with autoPong false a server ping goes unanswered until pong() is called', async () => {
  const { client, server } = await connectedPair({ autoPong: false });
  try {
    const ping = nextEvent(client, 'ping');
    const noPong = serverPong(server, 300);
    server.ping(Buffer.from('hello?'));
    await ping;
    assert.equal(await noPong, undefined);
    const pong = serverPong(server);
    assert.equal(client.pong('late'), true);
    assert.equal((await pong)?.toString(), 'late');
  } finally {
    client.terminate();
  }
});

test('pingIntervalMs sends heartbeat pings while open and stops them on close', async () => {
  const { client, server } = await connectedPair({ pingIntervalMs: 40 });
  let pings = 0;
  server.on('ping', () => pings++);
  await delay(300);
  assert.ok(pings >= 3, `expected heartbeat pings, got ${pings}`);
  await client.close();
  const afterClose = pings;
  await delay(120);
  assert.equal(pings, afterClose);
});

test('pongTimeoutMs: a peer that stops answering gets a pong-timeout error and a 1001 close', async () => {
  const { client, server } = await connectedPair({ pingIntervalMs: 40, pongTimeoutMs: 80 }, mutePeer);
  const errors = collectErrors(client);
  const serverClose = new Promise<[number, string]>((resolve) => server.once('close', (code, reason) => resolve([code, reason.toString()])));
  const [event] = await nextEvent(client, 'close');
  assert.deepEqual([errors[0]?.kind, errors[0]?.code], ['timeout', 'pong-timeout']);
  assert.deepEqual(await serverClose, [1001, 'pong timeout']);
  assert.equal(event.initiatedBy, 'client');
  assert.equal(event.sentCode, 1001);
  assert.equal(event.clean, true);
});

test('answered heartbeats raise no pong timeout', async () => {
  const { client } = await connectedPair({ pingIntervalMs: 30, pongTimeoutMs: 100 });
  const errors = collectErrors(client);
  await delay(300);
  assert.deepEqual(errors, []);
  assert.equal(client.state, 'open');
  client.terminate();
});
