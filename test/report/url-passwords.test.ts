import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { WebSocketServer } from 'ws';
import { readEnvelopes, removeDir, runCucumber, scenarioStatuses, tempReportsDir } from './cucumber-run';
import { assertNowhere } from './secrets-nowhere';

type Run = Awaited<ReturnType<typeof runCucumber>>;

describe('passwords in URLs', () => {
  const tag = `${process.pid}x${Date.now().toString(36)}`;
  const targetPassword = `target-pw-${tag}`;
  const accepted = new Set([
    `Basic ${Buffer.from(`target-user:${targetPassword}`).toString('base64')}`,
    `Basic ${Buffer.from('step-user:step-pw-7c41a9').toString('base64')}`,
  ]);
  let server: WebSocketServer;
  let reportsDir = '';
  let result: Run;

  before(async () => {
    // The server under test: an echo server that accepts only the credentials of the URLs.
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, verifyClient: (info: { req: { headers: { authorization?: string } } }) => accepted.has(info.req.headers.authorization ?? '') });
    server.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    reportsDir = await tempReportsDir('url-password');
    result = await runCucumber({
      command: 'wsbdd',
      features: ['url-password.feature'],
      reportsDir,
      args: ['--target', `ws://target-user:${targetPassword}@127.0.0.1:${port}/echo`],
      env: { WSBDD_TEST_PORT: String(port) },
    });
  });

  after(async () => {
    server?.close();
    if (reportsDir) await removeDir(reportsDir);
  });

  it('used both passwords for real: the server that requires them accepted both handshakes', async () => {
    const failures = (await readEnvelopes(reportsDir))
      .map((envelope) => envelope.testStepFinished?.testStepResult)
      .filter((stepResult) => stepResult?.status === 'FAILED');
    // Each scenario connected and sent; only its last expectation failed.
    assert.equal(failures.length, 2, result.stdout + result.stderr);
    for (const failure of failures) assert.match(failure?.message ?? '', /did not receive a text message/);
    assert.equal([...scenarioStatuses(await readEnvelopes(reportsDir)).values()].join(), 'FAILED,FAILED');
  });

  it('the passwords of --target and of URLs in steps and messages appear in no report file nor the console', async () => {
    await assertNowhere(reportsDir, [targetPassword, 'step-pw-7c41a9', 'else-pw-51e0c2'], result);
  });

  it('shows where the passwords were, masked', async () => {
    const messages = await (await import('node:fs/promises')).readFile(`${reportsDir}/messages.ndjson`, 'utf8');
    assert.match(messages, /ws:\/\/step-user:\[redacted\]@127\.0\.0\.1/);
    assert.match(messages, /ws:\/\/nobody:\[redacted\]@127\.0\.0\.1\/never/);
  });
});

describe('passwords in URLs, with cucumber\'s own formatters named on the command line', () => {
  let server: WebSocketServer;
  let reportsDir = '';
  let ownJsonDir = '';
  const runs: Run[] = [];

  before(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    server.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    reportsDir = await tempReportsDir('url-password-formats');
    ownJsonDir = await tempReportsDir('url-password-own-json');
    // Each of these prints the steps' text (pretty and summary the failures', usage every step's).
    for (const format of ['pretty', 'summary', 'usage', `json:${ownJsonDir}/cucumber-own.json`]) {
      runs.push(await runCucumber({ command: 'wsbdd', features: ['url-password.feature'], reportsDir, args: ['--format', format], env: { WSBDD_TEST_PORT: String(port) } }));
    }
  });

  after(async () => {
    server?.close();
    if (reportsDir) await removeDir(reportsDir);
    if (ownJsonDir) await removeDir(ownJsonDir);
  });

  it('--format pretty, summary, usage and json:FILE print the steps, with the password masked', async () => {
    for (const run of runs.slice(0, 3)) assert.match(run.stdout, /step-user:\[redacted\]@127\.0\.0\.1/, run.stdout.slice(0, 2000));
    for (const run of runs) await assertNowhere(reportsDir, ['step-pw-7c41a9', 'else-pw-51e0c2'], run);
    const json = await (await import('node:fs/promises')).readFile(`${ownJsonDir}/cucumber-own.json`, 'utf8');
    assert.match(json, /step-user:\[redacted\]@127\.0\.0\.1/);
    assert.doesNotMatch(json, /step-pw-7c41a9|else-pw-51e0c2/);
  });
});
