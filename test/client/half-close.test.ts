import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocketClient } from '../../src/client/client';
import type { CloseEvent } from '../../src/client/types';
import { delay, nextEvent } from '../fixtures/client-events';
import { startMisbehavingServer } from '../fixtures/misbehaving-server';
import { closePayload, serverFrame } from '../fixtures/raw-frames';

const CLOSE = 0x8;
const CLOSE_TIMEOUT_MS = 1000;

/**
 * A server that answers the client's close frame at once, then keeps TCP open until the client's FIN
 * arrives or `lingerMs` pass, and only then ends its side. `finFirst` says which came first.
 */
async function lingeringServer(lingerMs: number) {
  const seen = { finFirst: undefined as boolean | undefined };
  const server = await startMisbehavingServer(async (connection) => {
    const fin = new Promise<boolean>((resolve) => connection.socket.once('end', () => resolve(true)));
    await connection.accept();
    await connection.frame((frame) => frame.opcode === CLOSE, "the client's close frame");
    connection.write(serverFrame(CLOSE, closePayload(1000)));
    seen.finFirst = await Promise.race([fin, delay(lingerMs).then(() => false)]);
    connection.socket.end();
  });
  return { server, seen };
}

test('close() with waitForServerTcpClose false half-closes TCP once the close frames are exchanged', async () => {
  // The server would hold TCP far longer than the client waits: only a client FIN ends it sooner.
  const { server, seen } = await lingeringServer(CLOSE_TIMEOUT_MS * 2);
  try {
    const client = new WebSocketClient({ url: server.url, closeTimeoutMs: CLOSE_TIMEOUT_MS });
    assert.ok((await client.connect()).ok);
    const closed = nextEvent(client, 'close');
    const event = await client.close(1000, 'bye', { waitForServerTcpClose: false });
    assert.deepEqual(event, {
      code: 1000,
      reason: '',
      initiatedBy: 'client',
      clean: true,
      closeFrameReceived: true,
      closeFrameSent: true,
      sentCode: 1000,
    } satisfies CloseEvent);
    assert.equal(client.lastClose, undefined, 'close() settled before TCP was gone');
    const [tcpGone] = await closed;
    assert.equal(tcpGone.clean, true);
    await server.connections[0].closed();
    assert.equal(seen.finFirst, true, 'the client sent its FIN before the server closed TCP');
  } finally {
    await server.close();
  }
});

test('close() by default leaves closing TCP to the server (RFC 6455 7.1.1)', async () => {
  const { server, seen } = await lingeringServer(150);
  try {
    const client = new WebSocketClient({ url: server.url, closeTimeoutMs: CLOSE_TIMEOUT_MS });
    assert.ok((await client.connect()).ok);
    const event = await client.close(1000, 'bye');
    assert.equal(event.clean, true);
    await server.connections[0].closed();
    assert.equal(seen.finFirst, false, 'the client waited for the server to close TCP');
  } finally {
    await server.close();
  }
});
