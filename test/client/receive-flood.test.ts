import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocketClient } from '../../src/client/client';
import { startFloodServer } from '../fixtures/flood-server';

const FLOOD_MS = 2000;
const TICK_MS = 10;

// Measured: a 10 ms timer came 43-133 ms late under this flood, with or without reading yielding the
// event loop (each read of 64 KiB is handled in a few ms); this guards against reading that starves it.
test('a flood of empty fragments leaves the event loop free for timers', async () => {
  const server = await startFloodServer();
  const client = new WebSocketClient({ url: `${server.url}fragments`, closeTimeoutMs: 200 });
  let frames = 0;
  // A listener per frame, as the World has: every frame costs some work.
  client.on('frame', () => frames++);
  let worstLateness = 0;
  try {
    assert.ok((await client.connect()).ok);
    const deadline = Date.now() + FLOOD_MS;
    while (Date.now() < deadline) {
      const asked = performance.now();
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
      worstLateness = Math.max(worstLateness, performance.now() - asked - TICK_MS);
    }
    assert.ok(frames > 50_000, `the server flooded (${frames} frames)`);
    assert.ok(worstLateness < 400, `a ${TICK_MS} ms timer came up to ${Math.round(worstLateness)} ms late`);
  } finally {
    const closed = new Promise((resolve) => client.once('close', resolve));
    client.terminate();
    await closed;
    await server.close();
  }
});
