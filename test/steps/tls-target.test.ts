import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { makeTestCertificates, type TestCertificates } from '../fixtures/tls-certs';
import { REPO_ROOT, runFeatures } from './harness';

// A wss:// target configured the way users do it: world parameters target and tls.
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'steps-tls');
let certs: TestCertificates;
let https: Server;
let wss: WebSocketServer;
let target: string;

before(async () => {
  certs = makeTestCertificates();
  https = createServer({ cert: certs.server.cert, key: certs.server.key });
  wss = new WebSocketServer({ server: https });
  wss.on('connection', (ws) => ws.on('message', (data, binary) => ws.send(data, { binary })));
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  target = `wss://127.0.0.1:${(https.address() as AddressInfo).port}/`;
});

after(async () => {
  for (const client of wss.clients) client.terminate();
  wss.close();
  https.closeAllConnections();
  await new Promise<void>((resolve) => https.close(() => resolve()));
  certs.cleanup();
});

const outcome = (run: Awaited<ReturnType<typeof runFeatures>>) => run.scenarios.map((s) => `${s.name}: ${s.status} ${s.message}`).join('\n');

test('a CA file from the tls world parameter makes the server trusted', async () => {
  const run = await runFeatures([join(FIXTURES, 'trusted.feature')], { target, tls: { ca: join(certs.dir, 'localhost-cert.pem') } });
  assert.equal(run.success, true, outcome(run));
});

test('without it, the TLS handshake fails with an error of kind tls', async () => {
  const run = await runFeatures([join(FIXTURES, 'untrusted.feature')], { target, timeoutMs: 1000 });
  assert.equal(run.success, true, outcome(run));
});

test('a self-signed certificate fails naming the settings that trust it or skip verification', async () => {
  const run = await runFeatures([join(FIXTURES, 'untrusted-connects.feature')], { target, timeoutMs: 1000 });
  assert.equal(run.success, false);
  const message = run.scenarios[0]!.message;
  assert.match(message, /tls\/DEPTH_ZERO_SELF_SIGNED_CERT/);
  assert.match(message, /tls\.ca \(world parameter\) or WSBDD_CA_FILE/);
  assert.match(message, /tls\.insecure: true or WSBDD_INSECURE=1/);
});

test('insecure: true skips verification', async () => {
  const run = await runFeatures([join(FIXTURES, 'trusted.feature')], { target, tls: { insecure: true } });
  assert.equal(run.success, true, outcome(run));
});

test('an unreadable CA file fails the scenario with a configuration error', async () => {
  const run = await runFeatures([join(FIXTURES, 'trusted.feature')], { target, tls: { ca: join(certs.dir, 'missing.pem') } });
  assert.equal(run.success, false);
  assert.match(run.scenarios[0]!.message, /bad configuration: cannot read the CA file/);
});
