import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocketClient } from '../../src/client/client';
import type { PongsHeldEvent } from '../../src/client/types';
import { startFloodServer } from '../fixtures/flood-server';

const FLOOD_MS = 3000;
/** What a held pong backlog may reach: the socket's high-water mark plus the pongs of one read. */
const MAX_BUFFERED = 1024 * 1024;

test('a ping flood from a server that never reads does not grow the send buffer: pongs are held, the latest answered', async () => {
  const server = await startFloodServer();
  const client = new WebSocketClient({ url: `${server.url}pings`, closeTimeoutMs: 200 });
  const held: PongsHeldEvent[] = [];
  client.on('pongsHeld', (event) => held.push(event));
  let pings = 0;
  client.on('ping', () => pings++);
  let maxBuffered = 0;
  try {
    assert.ok((await client.connect()).ok);
    const deadline = Date.now() + FLOOD_MS;
    while (Date.now() < deadline) {
      maxBuffered = Math.max(maxBuffered, client.bufferedAmount);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(pings > 10_000, `the server flooded (${pings} pings)`);
    assert.ok(maxBuffered < MAX_BUFFERED, `the send buffer reached ${maxBuffered} bytes`);
    assert.equal(held[0]?.held, true, 'the client said it holds its pongs');
  } finally {
    const closed = new Promise((resolve) => client.once('close', resolve));
    client.terminate();
    await closed;
    await server.close();
  }
  const end = held[held.length - 1];
  assert.ok(end && !end.held && end.answered === false && end.pings > 0, `the close ends the hold: ${JSON.stringify(end)}`);
});
