import { test, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection } from 'node:net';
import WebSocket from 'ws';
import { MockServer } from '../../src/mock/server';

// `ws` is the reference peer here: these tests check the mock server, not our client.
const server = new MockServer();
const opened: WebSocket[] = [];

after(async () => {
  for (const ws of opened) ws.terminate();
  await server.stop();
});

beforeEach(async () => {
  await server.start();
  await server.closeConnections();
  server.reset();
});

function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function connect(path = '/', options: WebSocket.ClientOptions = {}, protocols?: string[]): WebSocket {
  const ws = new WebSocket(server.url.replace(/\/$/, path), protocols, options);
  ws.on('error', () => undefined);
  opened.push(ws);
  return ws;
}

const opening = (ws: WebSocket) => within(2000, 'open', new Promise<void>((resolve) => ws.once('open', () => resolve())));
const nextMessage = (ws: WebSocket) =>
  within(2000, 'a message', new Promise<{ text: string; binary: boolean }>((resolve) => {
    ws.once('message', (data, binary) => resolve({ text: data.toString(), binary }));
  }));
const closing = (ws: WebSocket) =>
  within(2000, 'close', new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  }));
const unexpectedResponse = (ws: WebSocket) =>
  within(2000, 'a rejection', new Promise<number>((resolve) => {
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
  }));

test('echoes text and binary messages in their own type and records what it received', async () => {
  const ws = connect('/chat', { headers: { Cookie: 'a=b', 'X-Twice': '1' } });
  await opening(ws);
  ws.send('hello');
  assert.deepEqual(await nextMessage(ws), { text: 'hello', binary: false });
  ws.send(Buffer.from('bin'));
  assert.deepEqual(await nextMessage(ws), { text: 'bin', binary: true });
  const [connection] = server.connections;
  assert.equal(connection!.request.url, '/chat');
  assert.equal(connection!.status, 101);
  assert.ok(connection!.request.headers.some(([n, v]) => n === 'Cookie' && v === 'a=b'));
  assert.deepEqual(connection!.received.map((m) => [m.data.toString(), m.binary]), [['hello', false], ['bin', true]]);
  assert.equal(connection!.remotePort, (ws as unknown as { _socket: { localPort: number } })._socket.localPort);
});

test('broadcasts to every client, replies to chosen messages, greets on connect', async () => {
  server.behaviour.mode = 'broadcast';
  server.behaviour.replies.set('ping', 'pong');
  server.behaviour.greetings.push('welcome');
  const a = connect();
  const aWelcome = nextMessage(a);
  await opening(a);
  assert.equal((await aWelcome).text, 'welcome');
  const b = connect();
  const bWelcome = nextMessage(b);
  await opening(b);
  await bWelcome;
  const toA = nextMessage(a);
  const toB = nextMessage(b);
  a.send('hi all');
  assert.equal((await toA).text, 'hi all');
  assert.equal((await toB).text, 'hi all');
  const reply = nextMessage(a);
  a.send('ping');
  assert.equal((await reply).text, 'pong');
  const news = nextMessage(b);
  assert.equal(server.sendToAll('news'), 2);
  assert.equal((await news).text, 'news');
});

test('rejects handshakes with a status, or when a required header is missing', async () => {
  server.behaviour.rejectStatus = 503;
  assert.equal(await unexpectedResponse(connect()), 503);
  server.behaviour.rejectStatus = undefined;
  server.behaviour.requiredHeaders.push({ name: 'Cookie', pattern: /token=/ });
  assert.equal(await unexpectedResponse(connect('/', { headers: { Cookie: 'other=1' } })), 401);
  const ok = connect('/', { headers: { Cookie: 'token=abc' } });
  await opening(ok);
  assert.deepEqual(server.connections.map((c) => c.status), [503, 401, 101]);
});

test('answers an invalid handshake with 400 and records it', async () => {
  const { port } = new URL(server.url);
  const socket = createConnection(Number(port), '127.0.0.1');
  try {
    socket.write('GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 12\r\n\r\n');
    const answer = await within(2000, 'an answer', new Promise<string>((resolve) => socket.once('data', (d) => resolve(d.toString()))));
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.equal(server.connections[0]!.status, 400);
  } finally {
    socket.destroy();
  }
});

test('selects the configured subprotocol, or the first one offered', async () => {
  const first = connect('/', {}, ['superchat', 'chat']);
  await opening(first);
  assert.equal(first.protocol, 'superchat');
  server.behaviour.subprotocol = 'chat';
  const chosen = connect('/', {}, ['superchat', 'chat']);
  await opening(chosen);
  assert.equal(chosen.protocol, 'chat');
});

test('answers pings unless told not to, and pings clients on an interval', async () => {
  const ws = connect();
  await opening(ws);
  const pong = within(2000, 'pong', new Promise<string>((resolve) => ws.once('pong', (d) => resolve(d.toString()))));
  ws.ping('abc');
  assert.equal(await pong, 'abc');

  server.behaviour.answerPings = false;
  let pongs = 0;
  ws.on('pong', () => pongs++);
  ws.ping('x');
  ws.send('sync');
  await nextMessage(ws); // the echo comes after the (unanswered) ping
  assert.equal(pongs, 0);

  server.behaviour.pingIntervalMs = 20;
  const heartbeat = connect();
  const pinged = within(2000, 'ping', new Promise<void>((resolve) => heartbeat.once('ping', () => resolve())));
  await opening(heartbeat);
  await pinged;
});

test('closes with a code, or drops TCP, after a number of messages', async () => {
  server.behaviour.closeAfter = { messages: 2, code: 4000 };
  const closer = connect();
  await opening(closer);
  const closed = closing(closer);
  closer.send('1');
  closer.send('2');
  assert.equal((await closed).code, 4000);

  server.behaviour.closeAfter = undefined;
  server.behaviour.dropAfter = { messages: 1 };
  const dropped = connect();
  await opening(dropped);
  const echo = nextMessage(dropped);
  const gone = closing(dropped);
  dropped.send('only');
  assert.equal((await echo).text, 'only', 'the reply is written before the drop');
  assert.equal((await gone).code, 1006, 'no close frame');
});

test('drops a chosen connection and reports notes and changes', async () => {
  const notes: string[] = [];
  let changes = 0;
  const offNote = server.onNote((text) => notes.push(text));
  const offChange = server.onChange(() => changes++);
  try {
    const ws = connect();
    await opening(ws);
    const gone = closing(ws);
    const [connection] = server.connectionsFrom([server.connections[0]!.remotePort!]);
    server.drop(connection!);
    assert.equal((await gone).code, 1006);
    assert.ok(notes.some((n) => n.startsWith('accepted a connection')));
    assert.ok(notes.some((n) => n.startsWith('dropping the connection')));
    assert.ok(changes >= 2);
  } finally {
    offNote();
    offChange();
  }
});

test('closeConnections ends every socket and forgets the connections', async () => {
  const ws = connect();
  await opening(ws);
  const gone = closing(ws);
  await server.closeConnections();
  await gone;
  assert.equal(server.connections.length, 0);
});

test('a plain HTTP request gets 426', async () => {
  const res = await fetch(server.url.replace('ws://', 'http://'));
  assert.equal(res.status, 426);
  await res.text();
});
