import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocketClient } from '../../src/client/client';
import { collectErrors, nextEvent } from '../fixtures/client-events';
import { startMisbehavingServer } from '../fixtures/misbehaving-server';

test('a server that resets an open connection: kind transport (not connect), then close 1006 by the transport', async () => {
  const server = await startMisbehavingServer(async (connection) => {
    await connection.accept();
    // Only once the client has shown it is open, so the reset cannot overtake the 101.
    await connection.frame((frame) => frame.opcode === 0x1, "the client's first message");
    connection.socket.resetAndDestroy();
  });
  try {
    const client = new WebSocketClient({ url: server.url });
    const errors = collectErrors(client);
    const closed = nextEvent(client, 'close');
    assert.ok((await client.connect()).ok);
    assert.equal(client.sendText('ready'), true);
    const [close] = await closed;
    assert.deepEqual(server.scriptErrors, []);
    assert.deepEqual(errors.map((e) => [e.kind, e.code]), [['transport', 'ECONNRESET']]);
    assert.deepEqual([close.code, close.initiatedBy, close.clean], [1006, 'transport', false]);
    assert.equal(client.sendText('after the reset'), false, 'refused before any write is tried');
    assert.deepEqual(errors.slice(1).map((e) => [e.kind, e.code]), [['send', 'not-open']]);
  } finally {
    await server.close();
  }
});
