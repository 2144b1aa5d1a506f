import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { WebSocket } from 'ws';
import { WebSocketClient } from '../../src/client/client';
import { collectErrors, nextEvent } from '../fixtures/client-events';
import { startReferencePeer, type ReferencePeer } from '../fixtures/ws-peer';

let peer: ReferencePeer;

before(async () => {
  peer = await startReferencePeer();
});
after(() => peer.close());

async function connectedPair(): Promise<{ client: WebSocketClient; server: WebSocket; serverClose: Promise<[number, string]> }> {
  const serverSide = new Promise<WebSocket>((resolve) => peer.wss.once('connection', resolve));
  const client = new WebSocketClient({ url: peer.url });
  const result = await client.connect();
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  const server = await serverSide;
  const serverClose = new Promise<[number, string]>((resolve) => server.once('close', (code, reason) => resolve([code, reason.toString()])));
  return { client, server, serverClose };
}

test('close(code, reason) runs the closing handshake: the server sees both, the client gets the echo', async () => {
  const { client, serverClose } = await connectedPair();
  const errors = collectErrors(client);
  const closeEvent = nextEvent(client, 'close');
  const event = await client.close(4001, 'bye now');
  assert.deepEqual(await serverClose, [4001, 'bye now']);
  assert.deepEqual(event, {
    code: 4001,
    reason: 'bye now',
    initiatedBy: 'client',
    clean: true,
    closeFrameReceived: true,
    closeFrameSent: true,
    sentCode: 4001,
  });
  assert.deepEqual((await closeEvent)[0], event);
  assert.equal(client.state, 'closed');
  assert.deepEqual(client.lastClose, event);
  assert.deepEqual(errors, []);
});

test('close() with no arguments sends 1000', async () => {
  const { client, serverClose } = await connectedPair();
  const event = await client.close();
  assert.deepEqual(await serverClose, [1000, '']);
  assert.equal(event.code, 1000);
});

test('a server-started close is echoed and reported with its code and reason', async () => {
  const { client, server, serverClose } = await connectedPair();
  const closing = nextEvent(client, 'close');
  server.close(4002, 'server says bye');
  const [event] = await closing;
  // The echo carries the server's code (RFC 6455 section 5.5.1), not its reason.
  assert.deepEqual(await serverClose, [4002, '']);
  assert.equal(event.code, 4002);
  assert.equal(event.reason, 'server says bye');
  assert.equal(event.initiatedBy, 'server');
  assert.equal(event.clean, true);
  assert.equal(event.sentCode, 4002);
});

test('close() when not open resolves at once with the last close', async () => {
  const { client } = await connectedPair();
  const first = await client.close(1000, 'done');
  assert.strictEqual(await client.close(4999, 'again'), first);
  const never = new WebSocketClient({ url: peer.url });
  const nothing = await never.close();
  assert.equal(nothing.code, 1006);
  assert.equal(nothing.closeFrameSent, false);
});

test('terminate() drops TCP without a close frame: 1006 on both sides', async () => {
  const { client, serverClose } = await connectedPair();
  const closing = nextEvent(client, 'close');
  client.terminate();
  const [event] = await closing;
  assert.equal(event.code, 1006);
  assert.equal(event.initiatedBy, 'client');
  assert.equal(event.clean, false);
  assert.equal(event.closeFrameSent, false);
  assert.equal((await serverClose)[0], 1006);
});

test('a server dropping TCP gives 1006 started by the transport', async () => {
  const { client, server } = await connectedPair();
  const closing = nextEvent(client, 'close');
  server.terminate();
  const [event] = await closing;
  assert.equal(event.code, 1006);
  assert.equal(event.initiatedBy, 'transport');
  assert.equal(event.closeFrameReceived, false);
});

test('sending while closing is refused; sendFrame still writes while TCP is writable', async () => {
  const { client, server } = await connectedPair();
  const errors = collectErrors(client);
  server.on('message', () => undefined);
  // Pause the server so the closing handshake stays half done while we try to send.
  (server as unknown as { _socket: import('node:net').Socket })._socket.pause();
  const closing = client.close(1000);
  assert.equal(client.state, 'closing');
  assert.equal(client.sendText('after close'), false);
  assert.deepEqual([errors[0]?.kind, errors[0]?.code], ['send', 'not-open']);
  assert.equal(client.sendFrame({ opcode: 0x1, payload: Buffer.from('data after close on purpose') }), true);
  (server as unknown as { _socket: import('node:net').Socket })._socket.resume();
  const event = await closing;
  assert.equal(event.closeFrameSent, true);
});
