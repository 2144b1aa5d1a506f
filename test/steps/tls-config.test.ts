import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveSettings } from '../../src/world/config';
import { makeTestCertificates, type TestCertificates } from '../fixtures/tls-certs';

// TLS settings that cannot work are refused when read, naming the setting and the file, instead of
// surfacing later as a bare OpenSSL error or a client certificate quietly left out.
let certs: TestCertificates;
let files: { cert: string; key: string; garbage: string; brokenCert: string };

before(() => {
  certs = makeTestCertificates();
  files = {
    cert: join(certs.dir, 'wsbdd-client-cert.pem'),
    key: join(certs.dir, 'wsbdd-client-key.pem'),
    garbage: join(certs.dir, 'garbage.pem'),
    brokenCert: join(certs.dir, 'broken-cert.pem'),
  };
  writeFileSync(files.garbage, 'this is no PEM at all\n');
  writeFileSync(files.brokenCert, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
});

after(() => certs.cleanup());

test('a client certificate without its key, or a key without its certificate, is refused', () => {
  assert.throws(() => resolveSettings({ tls: { cert: files.cert } }, {}), { code: 'WSBDD_BAD_CONFIG', message: /tls\.cert is set but tls\.key is not/ });
  assert.throws(() => resolveSettings({ tls: { key: files.key } }, {}), { code: 'WSBDD_BAD_CONFIG', message: /tls\.key is set but tls\.cert is not/ });
  const both = resolveSettings({ tls: { cert: files.cert, key: files.key } }, {}).tls;
  assert.deepEqual(both, { cert: certs.client.cert, key: certs.client.key });
});

test('a CA file that is not PEM names the file and the setting', () => {
  for (const file of [files.garbage, files.brokenCert]) {
    const message = new RegExp(`the CA file "${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" \\(tls\\.ca / WSBDD_CA_FILE\\) is not usable PEM`);
    assert.throws(() => resolveSettings({ tls: { ca: file } }, {}), { code: 'WSBDD_BAD_CONFIG', message });
    assert.throws(() => resolveSettings({}, { WSBDD_CA_FILE: file }), { code: 'WSBDD_BAD_CONFIG', message });
  }
});

test('a client certificate or key that is not PEM, or a key of another certificate, names the file', () => {
  assert.throws(() => resolveSettings({ tls: { cert: files.garbage, key: files.key } }, {}), { message: /the client certificate ".*garbage\.pem" \(tls\.cert\) is not usable PEM/ });
  assert.throws(() => resolveSettings({ tls: { cert: files.cert, key: files.garbage } }, {}), { message: /the client key ".*garbage\.pem" \(tls\.key\) is not usable PEM/ });
  const otherKey = join(certs.dir, 'localhost-key.pem');
  assert.throws(() => resolveSettings({ tls: { cert: files.cert, key: otherKey } }, {}), { message: /the client certificate ".*wsbdd-client-cert\.pem" with the key ".*localhost-key\.pem" is not usable PEM/ });
});
