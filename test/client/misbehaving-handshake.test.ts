import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocketClient } from '../../src/client/client';
import type { ClientOptions, ConnectResult } from '../../src/client/types';
import { collectErrors } from '../fixtures/client-events';
import { acceptFor, startMisbehavingServer, type ScriptedConnection } from '../fixtures/misbehaving-server';

/** Run one connection attempt against a server that answers the handshake with `answer(key)`. */
async function attempt(
  answer: (key: string, connection: ScriptedConnection) => string | Buffer,
  options: Partial<ClientOptions> = {},
  then: (connection: ScriptedConnection) => void = () => undefined,
): Promise<{ result: ConnectResult; client: WebSocketClient }> {
  const server = await startMisbehavingServer(async (connection) => {
    const { key } = await connection.request();
    connection.write(answer(key, connection));
    then(connection);
  });
  try {
    const client = new WebSocketClient({ url: server.url, handshakeTimeoutMs: 2000, ...options });
    const errors = collectErrors(client);
    const result = await client.connect();
    if (!result.ok) assert.deepEqual(errors, [result.error], 'the failure also reaches the error event');
    assert.deepEqual(server.scriptErrors, []);
    return { result, client };
  } finally {
    await server.close();
  }
}

function lines(...parts: string[]): string {
  return [...parts, '', ''].join('\r\n');
}

async function refusedWith(code: string, answer: (key: string) => string, options: Partial<ClientOptions> = {}): Promise<ConnectResult> {
  const { result, client } = await attempt(answer, options);
  assert.ok(!result.ok, `expected ${code}, the handshake succeeded`);
  assert.deepEqual([result.error.kind, result.error.code], ['handshake', code], result.error.message);
  assert.equal(client.state, 'closed');
  return result;
}

test('wrong Sec-WebSocket-Accept is bad-accept', async () => {
  const result = await refusedWith('bad-accept', () =>
    lines('HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${acceptFor('not the key')}`),
  );
  assert.ok(!result.ok && result.error.response?.statusCode === 101);
});

test('status 200 is bad-status, with the body read so far', async () => {
  const result = await refusedWith('bad-status', () => lines('HTTP/1.1 200 OK', 'Content-Type: text/plain', 'Content-Length: 5') + 'hello');
  assert.ok(!result.ok);
  assert.equal(result.error.response?.statusCode, 200);
  assert.equal(result.error.response?.body?.toString(), 'hello');
});

test('status 403 keeps status, headers (repeated names too) and body', async () => {
  const result = await refusedWith('bad-status', () =>
    lines('HTTP/1.1 403 Forbidden', 'Set-Cookie: a=1', 'Set-Cookie: b=2', 'Content-Length: 14') + 'no entry here!',
  );
  assert.ok(!result.ok);
  const response = result.error.response;
  assert.equal(response?.statusCode, 403);
  assert.equal(response?.statusMessage, 'Forbidden');
  assert.deepEqual(response?.headers.filter(([name]) => name === 'Set-Cookie'), [['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']]);
  assert.equal(response?.body?.toString(), 'no entry here!');
  assert.match(response?.head ?? '', /^HTTP\/1\.1 403 Forbidden\r\nSet-Cookie: a=1\r\n/);
});

test('a refusal with a chunked body, and one whose body ends with TCP', async () => {
  const chunked = await refusedWith('bad-status', () => lines('HTTP/1.1 401 Unauthorized', 'Transfer-Encoding: chunked') + '5\r\nlog i\r\n2\r\nn!\r\n0\r\n\r\n');
  assert.ok(!chunked.ok);
  assert.equal(chunked.error.response?.body?.toString(), 'log in!');
  const { result } = await attempt(() => lines('HTTP/1.1 503 Busy') + 'try later', {}, (connection) => connection.socket.end());
  assert.ok(!result.ok);
  assert.equal(result.error.response?.body?.toString(), 'try later');
});

test('missing Upgrade is bad-upgrade', async () => {
  await refusedWith('bad-upgrade', (key) => lines('HTTP/1.1 101 Switching Protocols', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${acceptFor(key)}`));
});

test('missing Connection: upgrade is bad-connection', async () => {
  await refusedWith('bad-connection', (key) => lines('HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: keep-alive', `Sec-WebSocket-Accept: ${acceptFor(key)}`));
});

test('a subprotocol that was not offered is bad-subprotocol', async () => {
  const accept = (key: string): string =>
    lines('HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${acceptFor(key)}`, 'Sec-WebSocket-Protocol: mqtt');
  await refusedWith('bad-subprotocol', accept);
  await refusedWith('bad-subprotocol', accept, { protocols: ['chat'] });
});

test('an extension that was not offered is bad-extension', async () => {
  await refusedWith('bad-extension', (key) =>
    lines('HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${acceptFor(key)}`, 'Sec-WebSocket-Extensions: permessage-deflate'),
  );
});

test('garbage and bare-LF answers are bad-response; an oversized head too', async () => {
  await refusedWith('bad-response', () => 'SSH-2.0-OpenSSH_9.0\r\n\r\n');
  await refusedWith('bad-response', (key) => `HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\nSec-WebSocket-Accept: ${acceptFor(key)}\n\n`);
  await refusedWith('bad-response', () => `HTTP/1.1 101 Switching Protocols\r\nX-Padding: ${'p'.repeat(17 * 1024)}`);
});

test('an answer that cannot be HTTP fails at once, before the timeout, quoting what came', async () => {
  // No end of head ever comes: only the first bytes can tell; the timeout is far away.
  const options = { handshakeTimeoutMs: 60_000 };
  const ssh = await refusedWith('bad-response', () => 'SSH-2.0-OpenSSH_9.0\r\n', options);
  assert.ok(!ssh.ok);
  assert.match(ssh.error.message, /does not begin with "HTTP\/"; received "SSH-2\.0-OpenSSH_9\.0\\r\\n"/);
  const status = await refusedWith('bad-response', () => 'HTTP/1.1 switching\r\nUpgrade: websocket\r\n', options);
  assert.ok(!status.ok);
  assert.match(status.error.message, /bad status line "HTTP\/1\.1 switching"/);
});

test('an answer cut short says what arrived: on a close, and on the handshake timeout', async () => {
  const closed = await attempt(() => 'HTTP/1.1 101 Switching Protocols\r\nUpgr', {}, (connection) => connection.socket.end());
  assert.ok(!closed.result.ok);
  assert.equal(closed.result.error.code, 'bad-response');
  assert.match(closed.result.error.message, /in the middle of the handshake response; received "HTTP\/1\.1 101 Switching Protocols\\r\\nUpgr"/);
  const stalled = await attempt(() => 'HTTP/1.1 101 Swi', { handshakeTimeoutMs: 200 });
  assert.ok(!stalled.result.ok);
  assert.deepEqual([stalled.result.error.kind, stalled.result.error.code], ['timeout', 'handshake-timeout']);
  assert.match(stalled.result.error.message, /an incomplete answer \(received "HTTP\/1\.1 101 Swi"\) to the opening handshake within 200 ms/);
});

test('a server that hangs up without answering is no-response', async () => {
  const { result } = await attempt(() => '', {}, (connection) => connection.socket.end());
  assert.ok(!result.ok);
  assert.deepEqual([result.error.kind, result.error.code], ['handshake', 'no-response']);
});

test('frames sent in the same TCP write as the 101 are delivered at once, after open', async () => {
  const order: string[] = [];
  const server = await startMisbehavingServer(async (connection) => {
    const { key } = await connection.request();
    const text = Buffer.from([0x81, 0x05, ...Buffer.from('first')]);
    const binary = Buffer.from([0x82, 0x02, 0xbe, 0xef]);
    connection.write(Buffer.concat([Buffer.from(connection.acceptHead(key)), text, binary]));
  });
  try {
    const client = new WebSocketClient({ url: server.url });
    client.on('open', () => order.push('open'));
    client.on('message', (message) => order.push(message.binary ? `binary:${message.data.toString('hex')}` : `text:${message.data}`));
    const result = await client.connect();
    assert.ok(result.ok);
    assert.deepEqual(order, ['open', 'text:first', 'binary:beef']);
    client.terminate();
  } finally {
    await server.close();
  }
});
