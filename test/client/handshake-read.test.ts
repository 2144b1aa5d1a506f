import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { test } from 'node:test';
import { ClientError } from '../../src/client/errors';
import { runHandshake } from '../../src/client/handshake';
import { buildHandshakeRequest, expectedAccept, type BuiltRequest } from '../../src/client/handshake-request';
import { parseWebSocketUrl } from '../../src/client/url';

/**
 * An in-memory socket: what the client writes is collected, and `arrive` hands it bytes as ONE read, so
 * the read boundaries that TCP leaves to chance are fixed here.
 */
class ScriptedSocket extends Duplex {
  readonly written: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.written.push(chunk);
    done();
  }
  override _read(): void {}
  arrive(bytes: Buffer): void {
    this.push(bytes);
  }
}

function built(): BuiltRequest {
  const target = parseWebSocketUrl('ws://127.0.0.1:9/');
  assert.ok(!(target instanceof ClientError));
  const request = buildHandshakeRequest(target, {});
  assert.ok(!(request instanceof ClientError));
  return request;
}

function answerFor(request: BuiltRequest): Buffer {
  return Buffer.from(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${expectedAccept(request.key)}\r\n\r\n`,
  );
}

test('frames in the same read as the 101 are handed on as `rest`, and the socket is left paused for them', async () => {
  const socket = new ScriptedSocket();
  const request = built();
  const attempt = runHandshake(socket as unknown as Socket, request, 1000);
  assert.equal(Buffer.concat(socket.written).toString('latin1'), request.request.head);
  const frames = Buffer.from([0x81, 0x02, 0x68, 0x69, 0x89, 0x00]);
  socket.arrive(Buffer.concat([answerFor(request), frames]));
  const outcome = await attempt.result;
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
  assert.deepEqual(outcome.rest, frames);
  assert.equal(socket.isPaused(), true, 'no byte after the head may be read before the session listens');
  assert.equal(socket.listenerCount('data'), 0);
  socket.destroy();
});

test('a 101 alone leaves nothing over', async () => {
  const socket = new ScriptedSocket();
  const request = built();
  const attempt = runHandshake(socket as unknown as Socket, request, 1000);
  socket.arrive(answerFor(request));
  const outcome = await attempt.result;
  assert.ok(outcome.ok);
  assert.equal(outcome.rest.length, 0);
  socket.destroy();
});
