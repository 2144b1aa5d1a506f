import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { WebSocket } from 'ws';
import { WebSocketClient } from '../../src/client/client';
import type { CloseEvent, ReconnectEvent } from '../../src/client/types';
import { collectErrors, delay, nextEvent } from '../fixtures/client-events';
import { startMisbehavingServer } from '../fixtures/misbehaving-server';
import { startReferencePeer, type ReferencePeer } from '../fixtures/ws-peer';

let peer: ReferencePeer;
const keys: string[] = [];
const serverSockets: WebSocket[] = [];

before(async () => {
  peer = await startReferencePeer();
  peer.wss.on('connection', (socket, request) => {
    keys.push(String(request.headers['sec-websocket-key']));
    serverSockets.push(socket);
  });
});
after(() => peer.close());

function record(client: WebSocketClient): { reconnects: ReconnectEvent[]; closes: CloseEvent[]; opens: number } {
  const log = { reconnects: [] as ReconnectEvent[], closes: [] as CloseEvent[], opens: 0 };
  client.on('reconnect', (event) => log.reconnects.push(event));
  client.on('close', (event) => log.closes.push(event));
  client.on('open', () => log.opens++);
  return log;
}

test('reconnect(1000) drops the connection, waits a second, and opens again with a fresh key', async () => {
  const client = new WebSocketClient({ url: peer.url, headers: [['Cookie', 'session=1']] });
  collectErrors(client);
  const log = record(client);
  assert.ok((await client.connect()).ok);
  const firstKey = client.request?.headers.find(([name]) => name === 'Sec-WebSocket-Key')?.[1];
  const started = Date.now();
  const result = await client.reconnect(1000);
  const waited = Date.now() - started;
  try {
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.ok(waited >= 990 && waited < 2500, `waited ${waited} ms`);
    assert.deepEqual(log.reconnects, [{ attempt: 1, delayMs: 1000 }]);
    assert.deepEqual(log.closes.map((event) => [event.code, event.initiatedBy]), [[1006, 'client']]);
    assert.equal(log.opens, 2);
    const secondKey = client.request?.headers.find(([name]) => name === 'Sec-WebSocket-Key')?.[1];
    assert.notEqual(secondKey, firstKey);
    assert.deepEqual(keys.slice(-2), [firstKey, secondKey]);
    assert.ok(client.request?.headers.some(([name, value]) => name === 'Cookie' && value === 'session=1'));
  } finally {
    client.terminate();
  }
});

test('cancelReconnect() and close() stop a pending reconnect', async () => {
  const client = new WebSocketClient({ url: peer.url });
  collectErrors(client);
  const log = record(client);
  assert.ok((await client.connect()).ok);
  const pending = client.reconnect(5000);
  await delay(30);
  client.cancelReconnect();
  const cancelled = await pending;
  assert.ok(!cancelled.ok);
  assert.equal(cancelled.error.code, 'reconnect-cancelled');
  assert.equal(client.state, 'closed');

  const again = client.reconnect(5000);
  await delay(30);
  await client.close();
  assert.equal((await again).ok, false);
  await delay(50);
  assert.deepEqual(log.reconnects, []);
  assert.equal(log.opens, 1);
});

test('the policy reconnects after an unexpected close, not after close()', async () => {
  const client = new WebSocketClient({ url: peer.url, reconnect: { delayMs: 30 } });
  collectErrors(client);
  const log = record(client);
  assert.ok((await client.connect()).ok);
  const reopened = nextEvent(client, 'open');
  serverSockets[serverSockets.length - 1].terminate();
  await reopened;
  assert.deepEqual(log.reconnects, [{ attempt: 1, delayMs: 30 }]);
  assert.equal(log.closes[0]?.initiatedBy, 'transport');

  const reopenedAgain = nextEvent(client, 'open');
  serverSockets[serverSockets.length - 1].close(1001, 'restarting');
  await reopenedAgain;
  assert.deepEqual(log.reconnects.map((event) => event.attempt), [1, 1], 'attempts count from the last open');

  await client.close();
  await delay(100);
  assert.equal(log.opens, 3);
  assert.equal(client.state, 'closed');
});

/** Accepts the first connection and drops it at once, then refuses every handshake with 503. */
async function startDroppingThenRefusingServer(): Promise<{ server: Awaited<ReturnType<typeof startMisbehavingServer>>; connections: () => number }> {
  let count = 0;
  const server = await startMisbehavingServer(async (connection) => {
    count++;
    if (count === 1) {
      await connection.accept();
      connection.socket.destroy();
    } else {
      await connection.request();
      connection.write('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n');
    }
  });
  return { server, connections: () => count };
}

test('the policy backs off between failed attempts and gives up after maxAttempts', async () => {
  const { server, connections } = await startDroppingThenRefusingServer();
  try {
    const client = new WebSocketClient({ url: server.url, reconnect: { delayMs: 20, factor: 2, maxDelayMs: 60, maxAttempts: 3 } });
    const errors = collectErrors(client);
    const log = record(client);
    const gaveUp = nextEvent(client, 'error', 3000, (error) => error.code === 'reconnect-gave-up');
    assert.ok((await client.connect()).ok);
    await gaveUp;
    assert.deepEqual(log.reconnects, [
      { attempt: 1, delayMs: 20 },
      { attempt: 2, delayMs: 40 },
      { attempt: 3, delayMs: 60 },
    ]);
    assert.deepEqual(errors.map((error) => error.code), ['bad-status', 'bad-status', 'bad-status', 'reconnect-gave-up']);
    assert.equal(connections(), 4);
    assert.equal(client.state, 'closed');
  } finally {
    await server.close();
  }
});

test('reconnectPending is true from reconnect() until it settles, and false once cancelled', async () => {
  const client = new WebSocketClient({ url: peer.url });
  collectErrors(client);
  assert.ok((await client.connect()).ok);
  assert.equal(client.reconnectPending, false);
  const pending = client.reconnect(5000);
  assert.equal(client.reconnectPending, true, 'at once, before the old connection is gone');
  await delay(30);
  assert.equal(client.state, 'closed');
  assert.equal(client.reconnectPending, true, 'closed, but coming back');
  client.cancelReconnect();
  await pending;
  assert.equal(client.reconnectPending, false);

  const done = await client.reconnect(10);
  assert.ok(done.ok);
  assert.equal(client.reconnectPending, false, 'settled: open again');
  client.terminate();
});

test('reconnectPending holds through every attempt of the policy, and ends when it gives up or close() stops it', async () => {
  const { server } = await startDroppingThenRefusingServer();
  try {
    const client = new WebSocketClient({ url: server.url, reconnect: { delayMs: 20, maxAttempts: 3 } });
    // Read in a microtask after each event, as a waiting step does.
    const seen: Array<[string, boolean]> = [];
    client.on('close', () => queueMicrotask(() => seen.push(['close', client.reconnectPending])));
    client.on('error', (error) => queueMicrotask(() => seen.push([error.code, client.reconnectPending])));
    const gaveUp = nextEvent(client, 'error', 3000, (error) => error.code === 'reconnect-gave-up');
    assert.ok((await client.connect()).ok);
    await gaveUp;
    await delay(10);
    assert.deepEqual(seen, [
      ['close', true],
      ['bad-status', true],
      ['bad-status', true],
      ['bad-status', true],
      ['reconnect-gave-up', false],
    ]);
    assert.equal(client.reconnectPending, false);
  } finally {
    await server.close();
  }

  const client = new WebSocketClient({ url: peer.url, reconnect: { delayMs: 5000 } });
  collectErrors(client);
  assert.ok((await client.connect()).ok);
  const closed = nextEvent(client, 'close');
  serverSockets[serverSockets.length - 1].terminate();
  await closed;
  assert.equal(client.reconnectPending, true, 'the policy waits its delay');
  await client.close();
  await delay(10);
  assert.equal(client.reconnectPending, false, 'close() stopped it');
});
