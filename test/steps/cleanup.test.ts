import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { addSupportFiles, REPO_ROOT, runFeatures, type ScenarioOutcome } from './harness';

// After every scenario, failed or not, every client socket and every mock server socket is closed, and a
// pending reconnect is cancelled. Checked from outside: by a later scenario counting the mock server's
// sockets, and by an external server (`ws`, the reference peer) counting its own.
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'steps-cleanup');
addSupportFiles(join(__dirname, '..', 'fixtures', 'steps-cleanup', 'support.js'));

let http: Server;
let wss: WebSocketServer;
let outcomes: Map<string, ScenarioOutcome>;

function openSockets(): Promise<number> {
  return new Promise((resolve, reject) => http.getConnections((error, count) => (error ? reject(error) : resolve(count))));
}

before(async () => {
  http = createServer();
  wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws) => ws.on('message', (data, binary) => ws.send(data, { binary })));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  process.env.WSBDD_FIXTURE_CLEANUP_URL = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/`;
  const run = await runFeatures([FIXTURES], { timeoutMs: 1000 });
  outcomes = new Map(run.scenarios.map((s) => [s.name, s]));
});

after(async () => {
  for (const client of wss.clients) client.terminate();
  wss.close();
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
});

test('the scenarios that should fail did fail, with connections open', () => {
  for (const name of ['clients of the mock server, one of them about to reconnect, when a step fails', 'clients of an external target when a step fails']) {
    const outcome = outcomes.get(name);
    assert.equal(outcome?.status, 'FAILED', `${name}: ${outcome?.status} ${outcome?.message}`);
    assert.match(outcome.message, /did not receive a text message/);
  }
});

test('after a failed scenario the mock server has no socket left, and no reconnect comes later', () => {
  const outcome = outcomes.get('nothing is left of the failed scenario');
  assert.equal(outcome?.status, 'PASSED', outcome?.message);
});

test('after a failed scenario every client socket to an external server is closed', async () => {
  // The server sees the close a moment after the client sent it: look for a bounded time.
  const deadline = performance.now() + 2000;
  let count = await openSockets();
  while (count > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    count = await openSockets();
  }
  assert.equal(count, 0, `${count} client socket(s) still open at the external server`);
  assert.equal(wss.clients.size, 0);
});
