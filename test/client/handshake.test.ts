import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, test } from 'node:test';
import { WebSocketClient } from '../../src/client/client';
import { expectedAccept } from '../../src/client/handshake-request';
import type { ClientOptions, ConnectResult } from '../../src/client/types';
import { collectErrors, delay } from '../fixtures/client-events';
import { startMisbehavingServer } from '../fixtures/misbehaving-server';
import { startReferencePeer, type ReferencePeer } from '../fixtures/ws-peer';

let peer: ReferencePeer;
let lastRequest: IncomingMessage | undefined;

before(async () => {
  peer = await startReferencePeer({
    handleProtocols: (offered) => (offered.has('v2.chat') ? 'v2.chat' : false),
  });
  peer.wss.on('connection', (socket, request) => {
    lastRequest = request;
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
});
after(() => peer.close());

async function connect(options: Partial<ClientOptions>, url = peer.url): Promise<{ client: WebSocketClient; result: ConnectResult }> {
  const client = new WebSocketClient({ url, ...options });
  collectErrors(client);
  return { client, result: await client.connect() };
}

/** Header values as the server received them, names lower-cased, repetitions kept. */
function received(name: string): string[] {
  const raw = lastRequest?.rawHeaders ?? [];
  const values: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i].toLowerCase() === name) values.push(raw[i + 1]);
  return values;
}

test('the server sees path, query, origin and custom headers, repeated names included', async () => {
  const { client, result } = await connect(
    { origin: 'https://app.test', headers: [['Cookie', 'a=1'], ['X-Repeat', 'one'], ['X-Repeat', 'two']] },
    `${peer.url}room/7?user=ann`,
  );
  try {
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.equal(lastRequest?.url, '/room/7?user=ann');
    assert.deepEqual(received('origin'), ['https://app.test']);
    assert.deepEqual(received('cookie'), ['a=1']);
    assert.deepEqual(received('x-repeat'), ['one', 'two']);
    assert.deepEqual(received('host'), [`127.0.0.1:${peer.port}`]);
    assert.equal(Buffer.from(received('sec-websocket-key')[0], 'base64').length, 16);
    assert.deepEqual(result.open.request.headers.filter(([name]) => name === 'X-Repeat'), [['X-Repeat', 'one'], ['X-Repeat', 'two']]);
    assert.equal(result.open.response.statusCode, 101);
    assert.match(result.open.response.head, /^HTTP\/1\.1 101 Switching Protocols\r\n/);
    assert.deepEqual(client.response, result.open.response);
  } finally {
    client.terminate();
  }
});

test('a custom header replaces the generated one: Host, and a Sec-WebSocket-Key the accept is checked against', async () => {
  const key = Buffer.alloc(16, 9).toString('base64');
  const { client, result } = await connect({ headers: [['host', 'virtual.example'], ['SEC-WEBSOCKET-KEY', key]] });
  try {
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.deepEqual(received('host'), ['virtual.example']);
    assert.deepEqual(received('sec-websocket-key'), [key]);
    assert.equal(result.open.response.headers.find(([name]) => name.toLowerCase() === 'sec-websocket-accept')?.[1], expectedAccept(key));
  } finally {
    client.terminate();
  }
});

test('a handshake broken on purpose is refused by the server: bad-status with headers and body', async () => {
  const { client, result } = await connect({ headers: [['Sec-WebSocket-Version', '99']] });
  assert.ok(!result.ok);
  assert.deepEqual([result.error.kind, result.error.code], ['handshake', 'bad-status']);
  assert.equal(result.error.response?.statusCode, 400);
  assert.ok(result.error.response?.headers.some(([name, value]) => name === 'Sec-WebSocket-Version' && value === '13, 8'));
  assert.equal(result.error.response?.body?.toString(), 'Missing or invalid Sec-WebSocket-Version header');
  assert.equal(client.response?.statusCode, 400);
  assert.equal(client.state, 'closed');

  const missingKey = await connect({ omitHeaders: ['Sec-WebSocket-Key'] });
  assert.ok(!missingKey.result.ok);
  assert.equal(missingKey.result.error.response?.statusCode, 400);
  assert.ok(!missingKey.client.request?.head.includes('Sec-WebSocket-Key'));
});

test('the server picks one of the offered subprotocols', async () => {
  const { client, result } = await connect({ protocols: ['v1.chat', 'v2.chat'] });
  try {
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.equal(result.open.protocol, 'v2.chat');
    assert.equal(client.protocol, 'v2.chat');
    assert.deepEqual(received('sec-websocket-protocol'), ['v1.chat, v2.chat']);
  } finally {
    client.terminate();
  }
  const none = await connect({ protocols: ['v9'] });
  try {
    assert.ok(none.result.ok);
    assert.equal(none.result.open.protocol, undefined);
  } finally {
    none.client.terminate();
  }
});

test('an extension the server does not take is simply not in use', async () => {
  const { client, result } = await connect({ extensions: ['permessage-deflate; client_max_window_bits'] });
  try {
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.equal(result.open.extensions, undefined);
    assert.deepEqual(received('sec-websocket-extensions'), ['permessage-deflate; client_max_window_bits']);
  } finally {
    client.terminate();
  }
});

test('an invalid header is refused before anything is sent, via the result and the error event', async () => {
  const server = await startMisbehavingServer(() => undefined);
  try {
    const client = new WebSocketClient({ url: server.url, headers: [['X-Evil', 'a\r\nInjected: yes']] });
    const errors = collectErrors(client);
    const result = await client.connect();
    assert.ok(!result.ok);
    assert.deepEqual([result.error.kind, result.error.code], ['usage', 'invalid-header']);
    assert.deepEqual(errors, [result.error]);
    await delay(50);
    assert.equal(server.connections.length, 0);
  } finally {
    await server.close();
  }
});
