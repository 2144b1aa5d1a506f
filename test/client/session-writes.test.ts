import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClientError } from '../../src/client/errors';
import { Session } from '../../src/client/session';
import type { CloseEvent } from '../../src/client/types';
import { fixedMaskKeySource } from '../../src/protocol/mask-key';
import { WebSocketProtocol } from '../../src/protocol/protocol';
import { FakeSocket } from '../fixtures/fake-socket';

const KEY = Buffer.from([1, 2, 3, 4]);

function openSession(socket: FakeSocket) {
  const errors: ClientError[] = [];
  let closed: CloseEvent | undefined;
  const protocol = new WebSocketProtocol({ role: 'client', maskKeySource: fixedMaskKeySource(KEY) });
  const session = new Session(socket.asSocket(), protocol, { closeTimeoutMs: 500, pingIntervalMs: 0 }, {
    emit: (event, ...args) => {
      if (event === 'error') errors.push(args[0] as ClientError);
    },
    wantsFrames: () => true,
    closing: () => undefined,
    closed: (event) => (closed = event),
  });
  session.start(Buffer.alloc(0));
  return { session, errors, closed: () => closed };
}

test('a frame goes to the socket as its header and its payload, two writes, never joined; a short masked one in one', () => {
  const socket = new FakeSocket();
  const { session } = openSession(socket);
  const payload = Buffer.from('unmasked payload');
  assert.equal(session.sendFrame({ opcode: 0x2, payload, mask: false }), true);
  assert.equal(socket.written.length, 2);
  assert.deepEqual(socket.written[0], Buffer.from([0x82, payload.length]));
  assert.strictEqual(socket.written[1], payload, 'the caller\'s buffer itself, not a copy');
  assert.equal(session.sendMessage('x'.repeat(40), {}), true);
  assert.deepEqual(socket.written.slice(2).map((chunk) => chunk.length), [6, 40], 'masked: header with key, then the masked payload');
  // A short masked payload is copied anyway: it follows its header in the same buffer, one write.
  assert.equal(session.sendMessage('hi', {}), true);
  assert.deepEqual(socket.written.slice(4).map((chunk) => chunk.length), [8]);
  socket.destroy();
});

test('a write the socket fails after accepting it: send/write-failed on the error event, then close 1006', async () => {
  const socket = new FakeSocket();
  const { session, errors, closed } = openSession(socket);
  socket.failWith = 'EPIPE';
  // Accepted locally: the failure only shows once the socket reports it.
  assert.equal(session.sendMessage('lost', {}), true);
  const event = await session.closed;
  assert.deepEqual(errors.map((e) => [e.kind, e.code]), [['send', 'write-failed']]);
  assert.match(errors[0].message, /EPIPE/);
  assert.equal((errors[0].cause as NodeJS.ErrnoException).code, 'EPIPE');
  assert.deepEqual([event.code, event.initiatedBy, event.closeFrameSent], [1006, 'transport', false]);
  assert.equal(closed(), event);
});

test('a reset of the open connection is kind transport, not a failed connect', async () => {
  const socket = new FakeSocket();
  const { session, errors } = openSession(socket);
  socket.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
  const event = await session.closed;
  assert.deepEqual(errors.map((e) => [e.kind, e.code]), [['transport', 'ECONNRESET']]);
  assert.equal(event.code, 1006);
});
