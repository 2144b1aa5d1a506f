import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClientError } from '../../src/client/errors';
import { parseWebSocketUrl, type WebSocketTarget } from '../../src/client/url';

function parse(url: string): WebSocketTarget {
  const target = parseWebSocketUrl(url);
  assert.ok(!(target instanceof ClientError), `expected ${url} to parse`);
  return target;
}

test('ws:// with the default port leaves the port out of Host', () => {
  const target = parse('ws://example.com/chat?room=1');
  assert.deepEqual(target, {
    secure: false,
    hostname: 'example.com',
    port: 80,
    resourceName: '/chat?room=1',
    hostHeader: 'example.com',
  });
});

test('wss:// defaults to 443 and keeps a non-default port in Host', () => {
  assert.equal(parse('wss://example.com').port, 443);
  assert.equal(parse('wss://example.com').resourceName, '/');
  const target = parse('wss://example.com:8443/x');
  assert.equal(target.secure, true);
  assert.equal(target.hostHeader, 'example.com:8443');
  assert.equal(parse('ws://example.com:443/').hostHeader, 'example.com:443');
});

test('IPv6 literals connect without brackets and keep them in Host', () => {
  const target = parse('ws://[::1]:9000/a');
  assert.equal(target.hostname, '::1');
  assert.equal(target.hostHeader, '[::1]:9000');
  assert.equal(parse('ws://[::1]/').hostHeader, '[::1]');
});

test('userinfo is kept for Basic authorization', () => {
  const target = parse('ws://us%40er:p%3Ass@localhost:1/');
  assert.equal(target.username, 'us@er');
  assert.equal(target.password, 'p:ss');
});

for (const bad of ['http://example.com/', 'example.com', 'ws://', 'not a url', 'ws://host/#frag', 'ws://host/#']) {
  test(`"${bad}" is refused as usage/invalid-url`, () => {
    const result = parseWebSocketUrl(bad);
    assert.ok(result instanceof ClientError);
    assert.equal(result.kind, 'usage');
    assert.equal(result.code, 'invalid-url');
  });
}

test('a URL with CR, LF or another control character is refused, not stripped', () => {
  for (const [url, shown] of [
    ['ws://127.0.0.1:1/a\r\nHost: elsewhere', /CR \(\\r\)/],
    ['ws://exa\nmple.com/', /LF \(\\n\)/],
    ['ws://example.com/\tx', /TAB \(\\t\)/],
    ['ws://example.com/\u0000', /U\+0000/],
    ['ws://example.com/\u007f', /U\+007F/],
  ] as const) {
    const result = parseWebSocketUrl(url);
    assert.ok(result instanceof ClientError, JSON.stringify(url));
    assert.equal(result.code, 'invalid-url');
    assert.match(result.message, shown);
    assert.match(result.message, /contains the control character/);
  }
});
