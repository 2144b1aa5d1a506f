import assert from 'node:assert/strict';
import { test } from 'node:test';
import { constants, deflateRawSync } from 'node:zlib';
import { WebSocketClient } from '../../src/client/client';
import { collectErrors, nextEvent } from '../fixtures/client-events';
import { startMisbehavingServer } from '../fixtures/misbehaving-server';
import { serverFrame } from '../fixtures/raw-frames';

/** 1 GiB of zeros in about 1 MiB: pieces ended by a full flush are independent, so one repeats. */
function deflateBomb(): Buffer {
  const piece = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat(Array(1024).fill(piece)).subarray(0, -4);
}

test('a server that accepts permessage-deflate and sends a deflate bomb gets 1009, memory staying bounded', async () => {
  const bomb = deflateBomb();
  const server = await startMisbehavingServer(async (connection) => {
    await connection.accept(['Sec-WebSocket-Extensions: permessage-deflate']);
    connection.write(serverFrame(0x2, bomb, { rsv1: true }));
    await connection.frame((frame) => frame.opcode === 0x8, 'the close frame');
    connection.socket.end();
  });
  const client = new WebSocketClient({ url: server.url, perMessageDeflate: true, closeTimeoutMs: 1000 });
  const errors = collectErrors(client);
  let delivered = 0;
  client.on('message', () => delivered++);
  try {
    const closed = nextEvent(client, 'close', 10_000);
    const before = process.memoryUsage().arrayBuffers;
    assert.ok((await client.connect()).ok);
    const [close] = await closed;
    const grown = process.memoryUsage().arrayBuffers - before;
    assert.deepEqual(errors.map((e) => [e.code, e.closeCode]), [['WSBDD_ERR_MESSAGE_TOO_BIG', 1009]]);
    assert.equal(close.sentCode, 1009);
    assert.equal(delivered, 0);
    // The default limit is 64 MiB: inflating stops there, far from the gigabyte the bomb holds.
    assert.ok(grown < 200 << 20, `external memory grew by ${grown} bytes`);
  } finally {
    client.terminate();
    await server.close();
  }
});
