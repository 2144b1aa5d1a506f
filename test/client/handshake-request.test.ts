import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClientError } from '../../src/client/errors';
import { buildHandshakeRequest, expectedAccept, generateKey, type BuiltRequest } from '../../src/client/handshake-request';
import type { ClientOptions } from '../../src/client/types';
import { parseWebSocketUrl, type WebSocketTarget } from '../../src/client/url';

const target = parseWebSocketUrl('ws://example.com:8080/chat?x=1') as WebSocketTarget;
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

function build(options: Partial<ClientOptions> = {}, to: WebSocketTarget = target): BuiltRequest {
  const built = buildHandshakeRequest(to, options, KEY);
  assert.ok(!(built instanceof ClientError), built instanceof ClientError ? built.message : '');
  return built;
}

test('the accept value of RFC 6455 section 1.3', () => {
  assert.equal(expectedAccept(KEY), 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
});

test('keys are 16 random bytes in base64, fresh every time', () => {
  const keys = new Set(Array.from({ length: 50 }, generateKey));
  assert.equal(keys.size, 50);
  for (const key of keys) assert.equal(Buffer.from(key, 'base64').length, 16);
});

test('a minimal request has the RFC 6455 section 4.1 headers in order', () => {
  const { request, key } = build();
  assert.equal(key, KEY);
  assert.equal(request.path, '/chat?x=1');
  assert.equal(
    request.head,
    'GET /chat?x=1 HTTP/1.1\r\nHost: example.com:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
});

test('origin, subprotocols, extensions and userinfo add their headers', () => {
  const withUser = parseWebSocketUrl('ws://al:pw@example.com/') as WebSocketTarget;
  const { request } = build({ origin: 'https://app.test', protocols: ['chat', 'superchat'], extensions: ['permessage-deflate; client_max_window_bits'] }, withUser);
  assert.deepEqual(request.headers.slice(5), [
    ['Origin', 'https://app.test'],
    ['Sec-WebSocket-Protocol', 'chat, superchat'],
    ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits'],
    ['Authorization', `Basic ${Buffer.from('al:pw').toString('base64')}`],
  ]);
});

test('custom headers follow in order, repeated names kept, record form accepted', () => {
  const { request } = build({ headers: [['Cookie', 'a=1'], ['X-Two', 'x'], ['cookie', 'b=2']] });
  assert.deepEqual(request.headers.slice(5), [['Cookie', 'a=1'], ['X-Two', 'x'], ['cookie', 'b=2']]);
  assert.deepEqual(build({ headers: { OtherKey: 'v' } }).request.headers.slice(5), [['OtherKey', 'v']]);
});

test('a custom header replaces the generated one of the same name, case-insensitively, in its place', () => {
  const { request } = build({ headers: [['X-First', '1'], ['upgrade', 'h2c'], ['HOST', 'evil.test'], ['Host', 'second.test']] });
  assert.deepEqual(request.headers, [
    ['HOST', 'evil.test'],
    ['Host', 'second.test'],
    ['upgrade', 'h2c'],
    ['Connection', 'Upgrade'],
    ['Sec-WebSocket-Key', KEY],
    ['Sec-WebSocket-Version', '13'],
    ['X-First', '1'],
  ]);
});

test('a replaced Sec-WebSocket-Key is the key the answer is checked against', () => {
  const { key } = build({ headers: [['sec-websocket-key', ' AQIDBAUGBwgJCgsMDQ4PEA== ']] });
  assert.equal(key, 'AQIDBAUGBwgJCgsMDQ4PEA==');
});

test('omitHeaders leaves generated headers out', () => {
  const { request } = build({ omitHeaders: ['sec-websocket-version', 'Connection'] });
  assert.deepEqual(request.headers.map(([name]) => name), ['Host', 'Upgrade', 'Sec-WebSocket-Key']);
});

const badHeaders: Array<[string, Partial<ClientOptions>]> = [
  ['CR in a value', { headers: [['X-A', 'a\rb']] }],
  ['LF in a value', { headers: { 'X-A': 'a\nInjected: 1' } }],
  ['NUL in a value', { headers: [['X-A', 'a\0']] }],
  ['a space in a name', { headers: [['X A', 'v']] }],
  ['a colon in a name', { headers: [['X:A', 'v']] }],
  ['CRLF in a name', { headers: [['X\r\nA', 'v']] }],
  ['an empty name', { headers: [['', 'v']] }],
  ['LF in the origin', { origin: 'https://a\n' }],
  ['CR in a subprotocol', { protocols: ['chat\r'] }],
  ['LF in an extension', { extensions: ['x\n'] }],
];
for (const [what, options] of badHeaders) {
  test(`${what} is refused as usage/invalid-header`, () => {
    const built = buildHandshakeRequest(target, options, KEY);
    assert.ok(built instanceof ClientError);
    assert.equal(built.kind, 'usage');
    assert.equal(built.code, 'invalid-header');
  });
}
