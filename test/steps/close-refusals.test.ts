import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientError } from '../../src/client/errors';
import { WsWorld } from '../../src/world';
import { closeClient } from '../../src/world/closing';
import { connectOrFail } from '../../src/world/connecting';
import { StepError } from '../../src/world/errors';
import { sendOrFail } from '../../src/world/sending';
import { delay } from '../fixtures/client-events';
import { startMisbehavingServer, type MisbehavingServer, type ScriptedConnection } from '../fixtures/misbehaving-server';
import { closePayload, serverFrame } from '../fixtures/raw-frames';

// These tests choose their own target: a developer's WSBDD_TARGET must not redirect them.
delete process.env.WSBDD_TARGET;

const CLOSE = 0x8;

function newWorld(target: string): WsWorld {
  const noop = () => undefined;
  return new WsWorld({ attach: noop as never, log: noop, link: noop, parameters: { target, timeoutMs: 1000 } });
}

/** A raw server that records every frame and answers the client's first close frame after `answerAfterMs`. */
function answeringServer(answerAfterMs = 0): Promise<MisbehavingServer> {
  return startMisbehavingServer(async (connection) => {
    await connection.accept();
    const close = await connection.frame((frame) => frame.opcode === CLOSE, "the client's close frame");
    await delay(answerAfterMs);
    connection.write(serverFrame(CLOSE, close.payload.subarray(0, 2)));
    // Reads on for a moment, so that a second close frame from the client would be seen.
    await delay(100);
    connection.socket.end();
  });
}

function closeFrames(connection: ScriptedConnection): Buffer[] {
  return connection.frames.filter((f) => f.opcode === CLOSE).map((f) => f.payload);
}

async function connectedAlice(server: MisbehavingServer) {
  const world = newWorld(server.url);
  await world.begin([]);
  const alice = world.defineClient('alice');
  await connectOrFail(world, alice);
  return { world, alice };
}

const usageError = (message: RegExp) => (error: unknown) => {
  assert.ok(error instanceof StepError, String(error));
  assert.equal(error.code, 'WSBDD_USAGE');
  assert.match(error.message, message);
  return true;
};

test('"closes with code 70000" and a reason over 123 bytes fail as usage errors before anything is sent', async () => {
  const server = await answeringServer();
  const { world, alice } = await connectedAlice(server);
  try {
    await assert.rejects(closeClient(world, alice, 70000), usageError(/"alice" cannot close with code 70000: a close code is 2 bytes on the wire, 0-65535.*nothing was sent/));
    await assert.rejects(closeClient(world, alice, -1), usageError(/cannot close with code -1/));
    await assert.rejects(
      closeClient(world, alice, 1000, 'r'.repeat(124)),
      usageError(
        /cannot close with a reason of 124 bytes: a close frame carries at most 125 bytes \(RFC 6455 5\.5\), 2 for the code and 123 for the reason; nothing was sent\. To send an oversized close frame on purpose: When "alice" sends a close frame with code 1000 and a reason of 124 bytes/,
      ),
    );
    // The limit is in bytes: 62 two-byte characters do not fit.
    await assert.rejects(closeClient(world, alice, 4000, 'é'.repeat(62)), usageError(/a reason of 124 bytes/));
    await delay(50);
    assert.equal(alice.client!.state, 'open', 'the connection is as it was');
    assert.deepEqual(server.connections[0].frames, [], 'nothing was sent');
    assert.deepEqual(alice.errors, []);

    // What fits goes out as given: 123 bytes of reason make a full 125-byte close frame.
    const reason = `${'é'.repeat(61)}x`;
    await closeClient(world, alice, 1005, reason);
    await server.connections[0].closed();
    assert.deepEqual(closeFrames(server.connections[0]), [Buffer.concat([Buffer.from([0x03, 0xed]), Buffer.from(reason)])]);
  } finally {
    await world.end();
    await server.close();
  }
});

test('a send the client refuses fails the step with the client\'s own kind and code, not a generic "could not send"', async () => {
  const server = await answeringServer();
  const { world, alice } = await connectedAlice(server);
  try {
    assert.throws(
      () => sendOrFail(alice, 'the frame', (client) => client.sendFrame({ opcode: 0x1, maskKey: Buffer.alloc(3) })),
      (error: unknown) => {
        assert.ok(error instanceof StepError);
        assert.equal(error.code, 'WSBDD_USAGE');
        assert.match(error.message, /^"alice" could not send the frame: usage\/invalid-send: cannot send: a mask key has 4 bytes, got 3\n/);
        assert.ok(error.cause instanceof ClientError);
        assert.deepEqual([error.cause.kind, error.cause.code], ['usage', 'invalid-send']);
        return true;
      },
    );
    assert.equal(alice.client!.state, 'open');
  } finally {
    await world.end();
    await server.close();
  }
});

test('the end of a scenario after a close frame from "sends the frame:" sends no second close frame and lets the server answer', async () => {
  const server = await answeringServer(100);
  const { world, alice } = await connectedAlice(server);
  try {
    sendOrFail(alice, 'the frame', (client) => client.sendFrame({ opcode: CLOSE, payload: closePayload(4000) }));
    assert.equal(alice.client!.state, 'closing');
  } finally {
    await world.end();
  }
  try {
    await server.connections[0].closed();
    assert.deepEqual(server.scriptErrors, []);
    assert.deepEqual(closeFrames(server.connections[0]).map((p) => p.readUInt16BE(0)), [4000]);
    const close = alice.client!.lastClose!;
    assert.deepEqual([close.clean, close.initiatedBy, close.code, close.sentCode], [true, 'client', 4000, 4000]);
  } finally {
    await server.close();
  }
});
