import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { runConformance } from '../../src/cli/conformance';
import { loadPackSupport } from '../../src/conformance/run';
import { startFixtureServer } from '../fixtures/conformance/fixture-server';
import { startVanishingProxy } from '../fixtures/conformance/vanishing-proxy';
import { listenOnLoopback } from '../fixtures/listen';
import { makeTestCertificates } from '../fixtures/tls-certs';
import { captured, describeCases, quietRun, quietStream } from './pack-harness';

function closed(server: Server | ReturnType<typeof createHttpServer> | ReturnType<typeof createHttpsServer>): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A port that was free a moment ago and has nobody listening now. */
async function deadPort(): Promise<number> {
  const server = createServer();
  const port = await listenOnLoopback(server);
  await closed(server);
  return port;
}

describe('wsbdd conformance against a target it cannot test', () => {
  let reportsDir: string;
  before(async () => {
    reportsDir = await mkdtemp(join(tmpdir(), 'wsbdd-conformance-unreachable-'));
  });
  after(() => rm(reportsDir, { recursive: true, force: true }));

  it('refuses to judge a target nobody listens on: exit 1, the reason on stderr, a report that says so', async () => {
    const url = `ws://127.0.0.1:${await deadPort()}/echo`;
    const report = join(reportsDir, 'conformance.md');
    await writeFile(report, 'the report of an earlier run\n');
    for (const file of ['junit.xml', 'report.html', 'summary.json']) await writeFile(join(reportsDir, file), 'an earlier run\n');
    const out = captured();
    const err = captured();
    const code = await runConformance(['--target', url, '--reports', reportsDir], { stdout: out.stream, stderr: err.stream, env: {} });
    assert.equal(code, 1);
    assert.match(err.text(), new RegExp(`^wsbdd conformance: cannot reach target ${url.replace(/[/.]/g, '\\$&')}: ECONNREFUSED \\(`));
    assert.doesNotMatch(out.text(), /FAILED|violates|Fails fast/);
    const markdown = await readFile(report, 'utf8');
    assert.match(markdown, /- Verdict: \*\*NOT-TESTED\*\*: the target could not be reached/);
    assert.match(markdown, /could not reach target .*: ECONNREFUSED/);
    assert.doesNotMatch(markdown, /violates|## Findings|earlier run/);
    const junit = await readFile(join(reportsDir, 'junit.xml'), 'utf8');
    assert.match(junit, /<testsuite name="wsbdd conformance" tests="1" failures="1"/);
    assert.match(junit, /<failure type="unreachable" message="cannot reach target [^"]*: ECONNREFUSED/);
    for (const file of ['report.html', 'summary.json']) assert.ok(!existsSync(join(reportsDir, file)), `${file} of the earlier run is gone`);
  });

  it('masks the password of the target in its report files and on stderr', async () => {
    const url = `ws://tester:pack-s3cret@127.0.0.1:${await deadPort()}/echo`;
    const err = captured();
    const code = await runConformance(['--target', url, '--reports', reportsDir], { stdout: quietStream(), stderr: err.stream, env: {} });
    assert.equal(code, 1);
    const written = [err.text(), await readFile(join(reportsDir, 'conformance.md'), 'utf8'), await readFile(join(reportsDir, 'junit.xml'), 'utf8')];
    for (const text of written) {
      assert.match(text, /ws:\/\/tester:\[redacted\]@127\.0\.0\.1/);
      assert.doesNotMatch(text, /pack-s3cret/);
    }
  });

  it('names WSBDD_CA_FILE and WSBDD_INSECURE when the target\'s certificate is self-signed', async () => {
    const certs = makeTestCertificates();
    const https = createHttpsServer({ cert: certs.server.cert, key: certs.server.key }, (_request, response) => response.writeHead(404).end());
    const port = await listenOnLoopback(https);
    try {
      const err = captured();
      const code = await runConformance(['--target', `wss://127.0.0.1:${port}/`, '--reports', reportsDir], { stdout: quietStream(), stderr: err.stream, env: {} });
      assert.equal(code, 1);
      assert.match(err.text(), /DEPTH_ZERO_SELF_SIGNED_CERT .*set WSBDD_CA_FILE to its CA certificate \(a PEM file\); for a test server only, WSBDD_INSECURE=1 skips verification/);
    } finally {
      https.closeAllConnections();
      await closed(https);
      certs.cleanup();
    }
  });

  it('refuses to judge a target that answers a valid handshake with 404', async () => {
    const http = createHttpServer((_request, response) => response.writeHead(404).end('no such endpoint'));
    const port = await listenOnLoopback(http);
    try {
      const err = captured();
      const code = await runConformance(['--target', `ws://127.0.0.1:${port}/nowhere`, '--reports', reportsDir], {
        stdout: quietStream(),
        stderr: err.stream,
        env: {},
      });
      assert.equal(code, 1);
      assert.match(err.text(), /cannot reach target ws:\/\/127\.0\.0\.1:\d+\/nowhere: HTTP 404 Not Found/);
    } finally {
      http.closeAllConnections();
      await closed(http);
    }
  });
});

describe('the conformance pack against a target that vanishes after the reachability check', () => {
  let support: ISupportCodeLibrary;
  before(async () => {
    support = await loadPackSupport({ stdout: quietStream(), stderr: quietStream() });
  });

  it('calls every case that could not connect an ERROR, not a violation, and draws no finding from them', async () => {
    const fixture = await startFixtureServer();
    const proxy = await startVanishingProxy(fixture.port);
    try {
      const run = await quietRun({ support, target: proxy.url, tags: '@fail-fast or @rfc6455-10.4', timeoutMs: 1000 });
      assert.ok(run.unreachable === undefined, 'the target answered the check');
      assert.ok(run.results.length > 10, `${run.results.length} cases`);
      assert.deepEqual(describeCases(run.results.filter((r) => r.verdict !== 'ERROR' || !/ECONNREFUSED/.test(r.notConnected ?? ''))), []);
      assert.equal(run.summary.total.failed, 0);
      assert.equal(run.summary.total.errors, run.results.length);
      assert.equal(run.summary.overall, 'INCOMPLETE');
      assert.equal(run.summary.exitCode, 1);
      assert.doesNotMatch(run.markdown, /violates|## Findings/);
      assert.match(run.markdown, /never reached the server: "alice" could not reach the target: ECONNREFUSED/);
    } finally {
      await proxy.close();
      await fixture.close();
    }
  });
});
