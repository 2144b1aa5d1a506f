import assert from 'node:assert/strict';
import * as net from 'node:net';
import { test } from 'node:test';
import { WebSocketServer } from 'ws';
import { WebSocketClient } from '../../src/client/client';
import type { ClientError } from '../../src/client/errors';
import { collectErrors } from '../fixtures/client-events';
import { startMisbehavingServer } from '../fixtures/misbehaving-server';
import { startStalledListener } from '../fixtures/stalled-listener';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function assertFailure(error: ClientError | undefined, kind: string, code: string): void {
  assert.ok(error, 'expected an error');
  assert.deepEqual([error.kind, error.code], [kind, code], error.message);
}

test('nobody listening: kind connect, code ECONNREFUSED, reported by the result and the error event', async () => {
  const client = new WebSocketClient({ url: `ws://127.0.0.1:${await freePort()}/` });
  const errors = collectErrors(client);
  const result = await client.connect();
  assert.ok(!result.ok);
  assertFailure(result.error, 'connect', 'ECONNREFUSED');
  assert.deepEqual(errors, [result.error]);
  assert.equal(client.state, 'closed');
});

test('a URL that is not ws:// or wss:// is a usage/invalid-url error', async () => {
  const client = new WebSocketClient({ url: 'http://127.0.0.1/' });
  const errors = collectErrors(client);
  const result = await client.connect();
  assert.ok(!result.ok);
  assertFailure(result.error, 'usage', 'invalid-url');
  assert.equal(errors.length, 1);
});

test('connect timeout: a TCP connect that never completes within connectTimeoutMs', async () => {
  const listener = await startStalledListener();
  try {
    const client = new WebSocketClient({ url: `ws://127.0.0.1:${listener.port}/`, connectTimeoutMs: 150 });
    let tcpConnected = false;
    client.on('tcpConnect', () => (tcpConnected = true));
    collectErrors(client);
    const result = await client.connect();
    assert.ok(!result.ok);
    assertFailure(result.error, 'timeout', 'connect-timeout');
    assert.match(result.error.message, /TCP connect/);
    assert.equal(tcpConnected, false);
  } finally {
    listener.close();
  }
});

test('connect timeout: TLS that never completes within connectTimeoutMs', async () => {
  // The server accepts TCP but never says a word, so the TLS handshake (part of connecting) stalls.
  const server = await startMisbehavingServer(() => undefined);
  try {
    const client = new WebSocketClient({ url: `wss://127.0.0.1:${server.port}/`, connectTimeoutMs: 150 });
    collectErrors(client);
    const started = Date.now();
    const result = await client.connect();
    assert.ok(!result.ok);
    assertFailure(result.error, 'timeout', 'connect-timeout');
    assert.match(result.error.message, /TLS handshake/);
    assert.ok(Date.now() - started >= 140);
  } finally {
    await server.close();
  }
});

test('handshake timeout: a server that accepts TCP but never answers the request', async () => {
  const server = await startMisbehavingServer(async (connection) => {
    await connection.request();
  });
  try {
    const client = new WebSocketClient({ url: server.url, handshakeTimeoutMs: 150 });
    let tcpConnected = false;
    client.on('tcpConnect', () => (tcpConnected = true));
    collectErrors(client);
    const result = await client.connect();
    assert.ok(!result.ok);
    assertFailure(result.error, 'timeout', 'handshake-timeout');
    assert.equal(tcpConnected, true);
    assert.match(client.request?.head ?? '', /^GET \/ HTTP\/1\.1\r\n/);
    await server.connections[0].closed();
  } finally {
    await server.close();
  }
});

test('handshake timeout with half an answer says so', async () => {
  const server = await startMisbehavingServer(async (connection) => {
    await connection.request();
    connection.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n');
  });
  try {
    const client = new WebSocketClient({ url: server.url, handshakeTimeoutMs: 150 });
    collectErrors(client);
    const result = await client.connect();
    assert.ok(!result.ok);
    assertFailure(result.error, 'timeout', 'handshake-timeout');
    assert.match(result.error.message, /incomplete/);
  } finally {
    await server.close();
  }
});

test('close() while connecting abandons the attempt without an error event', async () => {
  const server = await startMisbehavingServer(() => undefined);
  try {
    const client = new WebSocketClient({ url: `wss://127.0.0.1:${server.port}/`, connectTimeoutMs: 2000 });
    const errors = collectErrors(client);
    const pending = client.connect();
    assert.equal(client.state, 'connecting');
    const closed = await client.close();
    const result = await pending;
    assert.ok(!result.ok);
    assertFailure(result.error, 'usage', 'aborted');
    assert.equal(closed.closeFrameSent, false);
    assert.deepEqual(errors, []);
    assert.equal(client.state, 'closed');
  } finally {
    await server.close();
  }
});

test('IPv6 loopback: ws://[::1]:port with a bracketed Host header', async (t) => {
  const wss = new WebSocketServer({ host: '::1', port: 0 });
  const listening = await new Promise<boolean>((resolve) => {
    wss.once('listening', () => resolve(true));
    wss.once('error', () => resolve(false));
  });
  if (!listening) {
    t.skip('no IPv6 loopback on this machine');
    return;
  }
  try {
    const port = (wss.address() as net.AddressInfo).port;
    const host = new Promise<string | undefined>((resolve) => wss.once('connection', (_socket, request) => resolve(request.headers.host)));
    const client = new WebSocketClient({ url: `ws://[::1]:${port}/v6` });
    const result = await client.connect();
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.equal(await host, `[::1]:${port}`);
    client.terminate();
  } finally {
    for (const socket of wss.clients) socket.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }
});
