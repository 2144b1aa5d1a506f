import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocketClient } from '../../src/client/client';
import { nextEvent } from '../fixtures/client-events';
import { startMisbehavingServer, type ScriptedConnection } from '../fixtures/misbehaving-server';

test('a server that stops reading shows in bufferedAmount, and drain says when the backlog is sent', async () => {
  let serverSide: ScriptedConnection | undefined;
  const server = await startMisbehavingServer(async (connection) => {
    await connection.accept();
    connection.socket.pause();
    serverSide = connection;
  });
  const client = new WebSocketClient({ url: server.url, closeTimeoutMs: 500 });
  try {
    assert.equal(client.bufferedAmount, 0, 'nothing is buffered before a connection exists');
    assert.ok((await client.connect()).ok);
    const megabyte = Buffer.alloc(1024 * 1024, 0x61);
    // Loopback buffers take a few MiB before a paused reader holds writes back; 64 MiB bounds the loop.
    for (let sent = 0; sent < 64 && client.bufferedAmount === 0; sent++) client.send(megabyte, { binary: true });
    assert.ok(client.bufferedAmount > 0, 'the socket holds what the server has not read');
    const drained = nextEvent(client, 'drain', 10_000);
    (serverSide as ScriptedConnection).socket.resume();
    await drained;
    assert.equal(client.bufferedAmount, 0);
  } finally {
    client.terminate();
    await server.close();
  }
});
