import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocketClient } from '../../src/client/client';
import type { CloseEvent } from '../../src/client/types';
import { collectErrors, delay, nextEvent } from '../fixtures/client-events';
import { startMisbehavingServer, type ScriptedConnection } from '../fixtures/misbehaving-server';
import { closePayload, serverFrame } from '../fixtures/raw-frames';

const CLOSE = 0x8;
const CLOSE_TIMEOUT_MS = 400;
/** How long the server keeps reading after its close, for a second close frame to show up if one comes. */
const LINGER_MS = 150;

/** Close frames the client put on the wire, as the raw server read them. */
function closeFramesOf(connection: ScriptedConnection): number[] {
  return connection.frames.filter((f) => f.opcode === CLOSE).map((f) => (f.payload.length >= 2 ? f.payload.readUInt16BE(0) : -1));
}

/**
 * A server that answers the client's first close frame with `answer` (after `answerAfterMs`), keeps
 * reading for a while, then closes TCP, as RFC 6455 7.1.1 has a server do. `answer` undefined: never.
 */
async function closingServer(answer: number | undefined, answerAfterMs = 0) {
  return startMisbehavingServer(async (connection) => {
    await connection.accept();
    await connection.frame((frame) => frame.opcode === CLOSE, "the client's close frame");
    if (answer === undefined) return;
    await delay(answerAfterMs);
    connection.write(serverFrame(CLOSE, closePayload(answer)));
    await delay(LINGER_MS);
    connection.socket.end();
  });
}

async function connected(url: string): Promise<WebSocketClient> {
  const client = new WebSocketClient({ url, closeTimeoutMs: CLOSE_TIMEOUT_MS });
  const result = await client.connect();
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return client;
}

test('a close frame from sendFrame, echoed by the server: one close frame on the wire, a clean close started by the client', async () => {
  const server = await closingServer(4000);
  try {
    const client = await connected(server.url);
    const errors = collectErrors(client);
    const closed = nextEvent(client, 'close');
    assert.equal(client.sendFrame({ opcode: CLOSE, payload: closePayload(4000, 'raw') }), true);
    assert.equal(client.state, 'closing');
    const [event] = await closed;
    await server.connections[0].closed();
    assert.deepEqual(server.scriptErrors, []);
    assert.deepEqual(closeFramesOf(server.connections[0]), [4000]);
    assert.deepEqual(event, {
      code: 4000,
      reason: '',
      initiatedBy: 'client',
      clean: true,
      closeFrameReceived: true,
      closeFrameSent: true,
      sentCode: 4000,
    } satisfies CloseEvent);
    assert.deepEqual(errors, []);
  } finally {
    await server.close();
  }
});

test('a close frame with a code that may not be sent: the server\'s 1002 is not answered, and the close says what was sent', async () => {
  const server = await closingServer(1002);
  try {
    const client = await connected(server.url);
    const closed = nextEvent(client, 'close');
    client.sendFrame({ opcode: CLOSE, payload: closePayload(1005) });
    const [event] = await closed;
    await server.connections[0].closed();
    assert.deepEqual(closeFramesOf(server.connections[0]), [1005]);
    assert.deepEqual([event.code, event.sentCode, event.initiatedBy, event.clean], [1002, 1005, 'client', true]);
  } finally {
    await server.close();
  }
});

test('close() after a close frame from sendFrame sends nothing more and waits for the server\'s close', async () => {
  const server = await closingServer(1000, 100);
  try {
    const client = await connected(server.url);
    const errors = collectErrors(client);
    client.sendFrame({ opcode: CLOSE, payload: closePayload(3000) });
    const event = await client.close(1000, 'not sent');
    assert.equal(event.closeFrameReceived, true, 'close() waited for the server, it did not drop TCP');
    assert.deepEqual([event.code, event.sentCode, event.clean], [1000, 3000, true]);
    await server.connections[0].closed();
    assert.deepEqual(closeFramesOf(server.connections[0]), [3000]);
    assert.deepEqual(errors, []);
  } finally {
    await server.close();
  }
});

test('close() after a close frame from sendFrame, with a server that never answers: close-timeout, still one close frame', async () => {
  const server = await closingServer(undefined);
  try {
    const client = await connected(server.url);
    const errors = collectErrors(client);
    const started = performance.now();
    client.sendFrame({ opcode: CLOSE, payload: closePayload(1000) });
    const event = await client.close();
    const waited = performance.now() - started;
    assert.ok(waited >= CLOSE_TIMEOUT_MS - 20 && waited < CLOSE_TIMEOUT_MS + 1500, `waited ${Math.round(waited)} ms`);
    assert.deepEqual([event.code, event.closeFrameSent, event.sentCode, event.initiatedBy], [1006, true, 1000, 'client']);
    assert.deepEqual(errors.map((e) => `${e.kind}/${e.code}`), ['timeout/close-timeout']);
    await server.connections[0].closed();
    assert.deepEqual(closeFramesOf(server.connections[0]), [1000]);
  } finally {
    await server.close();
  }
});

test('bytes from sendRaw are opaque: a close frame written raw is not our close, so the server\'s close is answered', async () => {
  const server = await closingServer(1000);
  try {
    const client = await connected(server.url);
    const closed = nextEvent(client, 'close');
    const masked = Buffer.from([0x88, 0x82, 0, 0, 0, 0, 0x03, 0xe8]);
    client.sendRaw(masked);
    assert.equal(client.state, 'open');
    const [event] = await closed;
    await server.connections[0].closed();
    assert.deepEqual(closeFramesOf(server.connections[0]), [1000, 1000], 'the raw frame, then the echo');
    assert.deepEqual([event.initiatedBy, event.sentCode], ['server', 1000]);
  } finally {
    await server.close();
  }
});
