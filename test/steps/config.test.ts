import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings, resolveClientUrl } from '../../src/world/config';
import { makeTestCertificates } from '../fixtures/tls-certs';

test('no target anywhere means the mock server, with a 3 s default timeout', () => {
  const settings = resolveSettings(undefined, {});
  assert.equal(settings.target, undefined);
  assert.equal(settings.timeoutMs, 3000);
  assert.equal(settings.tls, undefined);
});

test('world parameters win over the environment', () => {
  const env = { WSBDD_TARGET: 'ws://env:1/', WSBDD_TIMEOUT_MS: '700' };
  assert.equal(resolveSettings({}, env).target, 'ws://env:1/');
  assert.equal(resolveSettings({}, env).timeoutMs, 700);
  assert.equal(resolveSettings({ target: 'wss://param:2/x', timeoutMs: 900 }, env).target, 'wss://param:2/x');
  assert.equal(resolveSettings({ target: 'wss://param:2/x', timeoutMs: 900 }, env).timeoutMs, 900);
  assert.equal(resolveSettings({ timeoutMs: '2 s' }, {}).timeoutMs, 2000);
  assert.equal(resolveSettings({ target: 'http://h:3' }, {}).target, 'ws://h:3/');
});

test('bad configuration is a clear WSBDD_BAD_CONFIG error', () => {
  assert.throws(() => resolveSettings({ target: 'ftp://x' }, {}), { code: 'WSBDD_BAD_CONFIG' });
  assert.throws(() => resolveSettings({ target: 'not a url' }, {}), { code: 'WSBDD_BAD_CONFIG' });
  assert.throws(() => resolveSettings({ timeoutMs: -5 }, {}), { code: 'WSBDD_BAD_CONFIG' });
  assert.throws(() => resolveSettings({}, { WSBDD_TIMEOUT_MS: 'soon' }), { code: 'WSBDD_BAD_CONFIG' });
  assert.throws(() => resolveSettings({ tls: { ca: '/nonexistent/ca.pem' } }, {}), /cannot read the CA file/);
});

test('TLS options from parameters and environment', () => {
  const certs = makeTestCertificates();
  try {
    const ca = join(certs.dir, 'localhost-cert.pem');
    assert.deepEqual(resolveSettings({}, { WSBDD_CA_FILE: ca }).tls, { ca: certs.server.cert });
    assert.deepEqual(resolveSettings({}, { WSBDD_INSECURE: '1' }).tls, { insecure: true });
    assert.deepEqual(resolveSettings({ tls: { insecure: false } }, { WSBDD_INSECURE: '1' }).tls, undefined);
  } finally {
    certs.cleanup();
  }
});

test('client URLs: paths join onto the target, full URLs are kept', () => {
  assert.equal(resolveClientUrl('ws://h:1/', undefined), 'ws://h:1/');
  assert.equal(resolveClientUrl('ws://h:1/', '/chat'), 'ws://h:1/chat');
  assert.equal(resolveClientUrl('ws://h:1/api/', '/chat?room=2'), 'ws://h:1/api/chat?room=2');
  assert.equal(resolveClientUrl('ws://h:1/api', 'chat'), 'ws://h:1/api/chat');
  // A leading slash does not make a path absolute: it is joined onto the target's path all the same.
  assert.equal(resolveClientUrl('ws://h/api/v1', '/echo'), resolveClientUrl('ws://h/api/v1', 'echo'));
  assert.equal(resolveClientUrl('ws://h/api/v1', '/echo'), 'ws://h/api/v1/echo');
  assert.equal(resolveClientUrl('ws://h:1/', 'wss://other:9/x'), 'wss://other:9/x');
  assert.throws(() => resolveClientUrl('ws://h:1/', 'http://other/x'), { code: 'WSBDD_BAD_URL' });
});
