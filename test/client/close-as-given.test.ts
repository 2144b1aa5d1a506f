import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocketClient } from '../../src/client/client';
import { collectErrors } from '../fixtures/client-events';
import { startMisbehavingServer } from '../fixtures/misbehaving-server';
import type { ClientFrame } from '../fixtures/raw-frames';

const CLOSE = 0x8;

/** The close frame the client sent for close(code, reason), as a raw server read it. */
async function sentClose(code: number, reason: string): Promise<{ frame: ClientFrame; errors: string[] }> {
  const server = await startMisbehavingServer(async (connection) => {
    await connection.accept();
    await connection.frame((frame) => frame.opcode === CLOSE, "the client's close frame");
    connection.socket.end();
  });
  try {
    const client = new WebSocketClient({ url: server.url, closeTimeoutMs: 500 });
    const errors = collectErrors(client);
    assert.ok((await client.connect()).ok);
    await client.close(code, reason);
    assert.deepEqual(server.scriptErrors, []);
    const frame = server.connections[0].frames.find((f) => f.opcode === CLOSE);
    assert.ok(frame, 'a close frame was sent');
    return { frame, errors: errors.map((e) => `${e.kind}/${e.code}`) };
  } finally {
    await server.close();
  }
}

test('close() sends a code that may not be sent, and a reason too long for a control frame, as given', async () => {
  const reason = 'r'.repeat(200);
  const { frame, errors } = await sentClose(1005, reason);
  assert.equal(frame.payload.readUInt16BE(0), 1005);
  assert.equal(frame.payload.subarray(2).toString(), reason);
  assert.equal(frame.payload.length, 202);
  assert.deepEqual(errors, []);
});
