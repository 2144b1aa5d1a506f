import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocketClient } from '../../src/client/client';
import type { ClientError } from '../../src/client/errors';
import type { ClientOptions, CloseEvent, FrameEvent } from '../../src/client/types';
import { collectErrors, nextEvent } from '../fixtures/client-events';
import { startMisbehavingServer, type ScriptedConnection } from '../fixtures/misbehaving-server';
import { closePayload, serverFrame, type ClientFrame } from '../fixtures/raw-frames';

const CLOSE = 0x8;

interface Run {
  errors: ClientError[];
  close: CloseEvent;
  /** The client's frames as the server read them. */
  frames: ClientFrame[];
  /** The frames the client reported receiving. */
  received: FrameEvent[];
  /** Received frames and errors in the order the client emitted them: "frame:<opcode>[:mark]", "error:<code>". */
  order: string[];
}

/**
 * Open a connection, let the server misbehave with `script`, and collect what the client did until its
 * 'close' event. The server closes TCP once it has the client's close frame, as RFC 6455 asks.
 */
async function run(script: (connection: ScriptedConnection) => Promise<void>, options: Partial<ClientOptions> = {}): Promise<Run> {
  const server = await startMisbehavingServer(async (connection) => {
    await connection.accept();
    await script(connection);
  });
  try {
    const client = new WebSocketClient({ url: server.url, closeTimeoutMs: 500, ...options });
    const errors = collectErrors(client);
    const received: FrameEvent[] = [];
    const order: string[] = [];
    client.on('frame', (event) => {
      if (event.direction !== 'in') return;
      received.push(event);
      const mark = event.rejected ?? event.ignored;
      order.push(`frame:${event.frame?.opcode}${mark ? `:${mark}` : ''}`);
    });
    client.on('error', (error) => order.push(`error:${error.code}`));
    const closed = nextEvent(client, 'close', 4000);
    const result = await client.connect();
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    const [close] = await closed;
    assert.deepEqual(server.scriptErrors, []);
    assert.equal(client.state, 'closed');
    return { errors, close, frames: server.connections[0].frames, received, order };
  } finally {
    await server.close();
  }
}

/** Send bytes that break a rule, then behave: wait for the client's close and hang up. */
function violate(bytes: Buffer): (connection: ScriptedConnection) => Promise<void> {
  return async (connection) => {
    connection.write(bytes);
    await connection.frame((frame) => frame.opcode === CLOSE, "the client's close frame");
    connection.socket.end();
  };
}

async function assertViolation(bytes: Buffer, code: string, closeCode: number): Promise<Run> {
  const outcome = await run(violate(bytes));
  const error = outcome.errors.find((e) => e.kind === 'protocol');
  assert.ok(error, `expected a protocol error, got ${outcome.errors.map((e) => e.code).join(', ') || 'none'}`);
  assert.equal(error.code, code);
  assert.equal(error.closeCode, closeCode);
  assert.match(error.rfcSection ?? '', /^\d/);
  const sent = outcome.frames.find((frame) => frame.opcode === CLOSE);
  assert.equal(sent?.payload.readUInt16BE(0), closeCode, 'the client answered with the close code of the violation');
  assert.equal(sent?.masked, true);
  assert.equal(outcome.close.sentCode, closeCode);
  assert.equal(outcome.close.initiatedBy, 'client');
  assert.equal(outcome.close.clean, false);
  const at = outcome.order.indexOf(`error:${code}`);
  assert.ok(at > 0 && outcome.order[at - 1].endsWith(`:${code}`), `the offending frame just before the error: ${outcome.order.join(', ')}`);
  return outcome;
}

function rejectedFrame(outcome: Run): FrameEvent {
  const found = outcome.received.find((event) => event.rejected !== undefined);
  assert.ok(found?.frame, 'a rejected frame among the received ones');
  return found;
}

test('a masked server frame: WSBDD_ERR_MASKED_FRAME, answered with 1002', async () => {
  const outcome = await assertViolation(serverFrame(0x1, 'hi', { mask: true }), 'WSBDD_ERR_MASKED_FRAME', 1002);
  const { frame } = rejectedFrame(outcome);
  assert.deepEqual([frame?.masked, frame?.payload.toString()], [true, 'hi']);
});

test('invalid UTF-8 in a text message: WSBDD_ERR_INVALID_UTF8, answered with 1007', async () => {
  const outcome = await assertViolation(serverFrame(0x1, Buffer.from([0x68, 0xc3, 0x28])), 'WSBDD_ERR_INVALID_UTF8', 1007);
  assert.deepEqual(rejectedFrame(outcome).frame?.payload, Buffer.from([0x68, 0xc3, 0x28]));
});

test('a 126-byte ping: WSBDD_ERR_CONTROL_TOO_LONG, answered with 1002', async () => {
  const outcome = await assertViolation(serverFrame(0x9, Buffer.alloc(126, 1)), 'WSBDD_ERR_CONTROL_TOO_LONG', 1002);
  assert.equal(rejectedFrame(outcome).frame?.declaredLength, 126);
});

test('a fragmented ping: WSBDD_ERR_FRAGMENTED_CONTROL, answered with 1002', async () => {
  await assertViolation(serverFrame(0x9, 'part', { fin: false }), 'WSBDD_ERR_FRAGMENTED_CONTROL', 1002);
});

test('a reserved opcode: WSBDD_ERR_RESERVED_OPCODE, answered with 1002', async () => {
  const outcome = await assertViolation(serverFrame(0x3, 'what'), 'WSBDD_ERR_RESERVED_OPCODE', 1002);
  assert.equal(rejectedFrame(outcome).frame?.opcode, 0x3);
});

test('an RSV bit without a negotiated extension: WSBDD_ERR_RSV_BITS, answered with 1002', async () => {
  await assertViolation(serverFrame(0x1, 'x', { rsv1: true }), 'WSBDD_ERR_RSV_BITS', 1002);
});

test('a message over maxMessageSize: WSBDD_ERR_MESSAGE_TOO_BIG, answered with 1009', async () => {
  const outcome = await run(violate(serverFrame(0x2, Buffer.alloc(2000))), { maxMessageSize: 1000 });
  assert.equal(outcome.errors[0]?.code, 'WSBDD_ERR_MESSAGE_TOO_BIG');
  assert.equal(outcome.close.sentCode, 1009);
  assert.deepEqual(outcome.order.slice(0, 2), ['frame:2:WSBDD_ERR_MESSAGE_TOO_BIG', 'error:WSBDD_ERR_MESSAGE_TOO_BIG']);
  assert.equal(rejectedFrame(outcome).frame?.declaredLength, 2000);
});

/** A 5-byte text frame whose length is written in the 16-bit form, which RFC 6455 5.2 forbids. */
const NON_MINIMAL = Buffer.from([0x81, 126, 0, 5, ...Buffer.from('hello')]);

test('a non-minimal length is refused by default and accepted with strictLengths false', async () => {
  const strict = await run(violate(NON_MINIMAL));
  assert.equal(strict.errors[0]?.code, 'WSBDD_ERR_NON_MINIMAL_LENGTH');
  const messages: string[] = [];
  const server = await startMisbehavingServer(async (connection) => {
    await connection.accept();
    connection.write(NON_MINIMAL);
  });
  try {
    const client = new WebSocketClient({ url: server.url, strictLengths: false });
    const errors = collectErrors(client);
    client.on('message', (message) => messages.push(message.data.toString()));
    const message = nextEvent(client, 'message');
    assert.ok((await client.connect()).ok);
    await message;
    assert.deepEqual(messages, ['hello']);
    assert.deepEqual(errors, []);
    client.terminate();
  } finally {
    await server.close();
  }
});

test('with permessage-deflate negotiated, compressed frames are inflated; corrupt ones are WSBDD_ERR_INFLATE (1007)', async () => {
  // "Hello" compressed with no context, the example of RFC 7692 section 7.2.3.1.
  const hello = Buffer.from([0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]);
  const server = await startMisbehavingServer(async (connection) => {
    await connection.accept(['Sec-WebSocket-Extensions: permessage-deflate']);
    connection.write(serverFrame(0x1, hello, { rsv1: true }));
    connection.write(serverFrame(0x2, Buffer.from([0xff, 0xff, 0xff, 0x01]), { rsv1: true }));
    await connection.frame((frame) => frame.opcode === CLOSE, "the client's close frame");
    connection.socket.end();
  });
  try {
    const client = new WebSocketClient({ url: server.url, extensions: ['permessage-deflate'], closeTimeoutMs: 500 });
    const errors = collectErrors(client);
    const message = nextEvent(client, 'message');
    const closed = nextEvent(client, 'close');
    const result = await client.connect();
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.equal(result.open.extensions, 'permessage-deflate');
    assert.equal((await message)[0].data.toString(), 'Hello');
    const [close] = await closed;
    assert.deepEqual(errors.map((e) => [e.kind, e.code, e.closeCode]), [['protocol', 'WSBDD_ERR_INFLATE', 1007]]);
    assert.equal(close.sentCode, 1007);
    assert.deepEqual(server.scriptErrors, []);
  } finally {
    await server.close();
  }
});

test('close code 1005 on the wire: WSBDD_ERR_CLOSE_CODE; the close still counts as the server\'s', async () => {
  const outcome = await run(violate(serverFrame(CLOSE, closePayload(1005))));
  const error = outcome.errors.find((e) => e.kind === 'protocol');
  assert.equal(error?.code, 'WSBDD_ERR_CLOSE_CODE');
  assert.equal(outcome.frames.find((frame) => frame.opcode === CLOSE)?.payload.readUInt16BE(0), 1002);
  assert.equal(outcome.close.closeFrameReceived, true);
  assert.equal(outcome.close.code, 1005);
  assert.equal(outcome.close.initiatedBy, 'server');
  assert.equal(outcome.close.sentCode, 1002);
});

test('the server\'s close that follows a violation is still read', async () => {
  const outcome = await run(async (connection) => {
    connection.write(serverFrame(0x3));
    await connection.frame((frame) => frame.opcode === CLOSE, "the client's close frame");
    connection.write(serverFrame(CLOSE, closePayload(1002)));
    connection.socket.end();
  });
  assert.equal(outcome.close.code, 1002);
  assert.equal(outcome.close.closeFrameReceived, true);
  assert.equal(outcome.close.clean, true);
  assert.deepEqual(outcome.order, ['frame:3:WSBDD_ERR_RESERVED_OPCODE', 'error:WSBDD_ERR_RESERVED_OPCODE', 'frame:8']);
});

test('frames after a violation, and after the server\'s close, are reported as ignored', async () => {
  const outcome = await run(async (connection) => {
    connection.write(Buffer.concat([serverFrame(0x3), serverFrame(0x1, 'after the violation')]));
    await connection.frame((frame) => frame.opcode === CLOSE, "the client's close frame");
    connection.write(Buffer.concat([serverFrame(CLOSE, closePayload(1002)), serverFrame(0x9, 'after the close')]));
    connection.socket.end();
  });
  assert.deepEqual(outcome.order, [
    'frame:3:WSBDD_ERR_RESERVED_OPCODE',
    'error:WSBDD_ERR_RESERVED_OPCODE',
    'frame:1:after-violation',
    'frame:8',
    'frame:9:after-close',
  ]);
  assert.deepEqual(outcome.received.map((event) => event.frame?.payload.toString('latin1')), ['', 'after the violation', '\x03\xea', 'after the close']);
  assert.equal(outcome.frames.filter((frame) => frame.opcode === 0xa).length, 0, 'the ignored ping got no pong');
});

test('after a violation, a server that keeps TCP open is hung up on after closeTimeoutMs', async () => {
  const outcome = await run(async (connection) => {
    connection.write(serverFrame(0x1, 'x', { mask: true }));
    await connection.closed();
  }, { closeTimeoutMs: 150 });
  assert.equal(outcome.errors[0]?.code, 'WSBDD_ERR_MASKED_FRAME');
  assert.deepEqual([outcome.close.code, outcome.close.sentCode, outcome.close.closeFrameReceived], [1006, 1002, false]);
});

test('an abrupt TCP drop: close 1006 started by the transport, no close frame either way', async () => {
  const outcome = await run(async (connection) => {
    connection.write(serverFrame(0x1, 'last words'));
    connection.socket.destroy();
  });
  assert.deepEqual(
    { code: outcome.close.code, initiatedBy: outcome.close.initiatedBy, clean: outcome.close.clean, sent: outcome.close.closeFrameSent },
    { code: 1006, initiatedBy: 'transport', clean: false, sent: false },
  );
});

test('a server that ignores our close: close-timeout, then TCP is ended anyway (1006)', async () => {
  const server = await startMisbehavingServer((connection) => connection.accept());
  try {
    const client = new WebSocketClient({ url: server.url, closeTimeoutMs: 150 });
    const errors = collectErrors(client);
    assert.ok((await client.connect()).ok);
    const started = Date.now();
    const event = await client.close(1000, 'bye');
    assert.ok(Date.now() - started >= 140);
    assert.deepEqual(errors.map((e) => [e.kind, e.code]), [['timeout', 'close-timeout']]);
    assert.equal(event.code, 1006);
    assert.equal(event.closeFrameSent, true);
    assert.equal(event.clean, false);
    await server.connections[0].closed();
  } finally {
    await server.close();
  }
});

test('a server that closes but keeps TCP open: the client ends TCP after closeTimeoutMs', async () => {
  const outcome = await run(async (connection) => {
    connection.write(serverFrame(CLOSE, closePayload(4000, 'bye')));
    await connection.closed();
  }, { closeTimeoutMs: 150 });
  assert.deepEqual([outcome.close.code, outcome.close.reason, outcome.close.initiatedBy, outcome.close.clean], [4000, 'bye', 'server', true]);
  assert.deepEqual(outcome.errors, []);
});
