import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ATTACHMENT } from '../../src/report/attachment-names';
import type { Envelope } from '../../src/report/envelopes';
import type { RunSummary } from '../../src/report/run-summary';
import { readEnvelopes, readStrictEnvelopes, removeDir, scenarioStatuses, startCucumber, stepsStarted, tempReportsDir, waitUntil } from './cucumber-run';
import { allText, findAll, parseXml } from './xml';

const WAITING_STEP = '"alice" should receive "never sent" within 6 seconds';

/** Starts the echo server process and resolves with it and its port once it listens. */
async function startServerProcess(): Promise<{ child: ChildProcess; port: number; connections: () => number }> {
  // The compiled fixture, in the same build output as this test.
  const script = join(__dirname, '..', 'fixtures', 'report-run', 'echo-server-process.js');
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitUntil(async () => /listening \d+/.test(output), 10_000, 'the server process to listen');
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const port = Number(/listening (\d+)/.exec(output)?.[1]);
  return { child, port, connections: () => output.split('\n').filter((line) => line === 'connected').length };
}

describe('a run whose server crashes mid-scenario', () => {
  let reportsDir = '';
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  let result: { code: number | null; stdout: string; stderr: string };
  let envelopes: Envelope[] = [];

  before(async () => {
    reportsDir = await tempReportsDir('crash');
    server = await startServerProcess();
    const run = startCucumber({
      features: ['server-crash.feature'],
      reportsDir,
      env: { WSBDD_TARGET: `ws://127.0.0.1:${server.port}/` },
      timeoutMs: 60_000,
    });
    try {
      await waitUntil(async () => stepsStarted(await readEnvelopes(reportsDir), [WAITING_STEP]), 30_000, 'alice to wait for a message');
      assert.equal(server.connections(), 1, 'alice is connected to the server process');
      // A crash, not a shutdown: no close frame, no FIN from an orderly close, the port gone.
      server.child.kill('SIGKILL');
      result = await run.done;
    } finally {
      run.kill('SIGKILL');
    }
    envelopes = await readEnvelopes(reportsDir);
  });

  after(async () => {
    server?.child.kill('SIGKILL');
    if (reportsDir) await removeDir(reportsDir);
  });

  it('fails the scenario that was running and the one that cannot connect, and runs the rest', () => {
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(Object.fromEntries(scenarioStatuses(envelopes)), {
      'alice waits while the server crashes': 'FAILED',
      'bob connects after the crash': 'FAILED',
      'the mock server still answers after the crash': 'PASSED',
    });
  });

  it('writes complete, parseable reports with the failure messages', async () => {
    const suite = parseXml(await readFile(join(reportsDir, 'junit.xml'), 'utf8'));
    assert.equal(suite.attributes.tests, '3');
    assert.equal(suite.attributes.failures, '2');
    const failures = findAll(suite, 'failure').map((failure) => `${failure.attributes.message ?? ''}\n${allText(failure)}`);
    assert.ok(failures.some((text) => /"alice" was closed before it received a text message "never sent": code 1006/.test(text)), failures.join('\n---\n'));
    assert.ok(failures.some((text) => /"bob"[\s\S]*(ECONNREFUSED|refused)/i.test(text)), failures.join('\n---\n'));
    const strict = await readStrictEnvelopes(reportsDir);
    assert.ok(strict.some((envelope) => 'testRunFinished' in envelope), 'messages end with testRunFinished');
    JSON.parse(await readFile(join(reportsDir, 'report.json'), 'utf8'));
    assert.match(await readFile(join(reportsDir, 'report.html'), 'utf8'), /<\/html>\s*$/);
    const summary = JSON.parse(await readFile(join(reportsDir, 'summary.json'), 'utf8')) as RunSummary;
    assert.deepEqual([summary.scenarios.total, summary.scenarios.passed, summary.scenarios.failed], [3, 1, 2]);
    assert.equal(summary.interrupted, false);
  });

  it("keeps the crashed connection's transcript and diagram, the abnormal close marked", () => {
    const bodies = (fileName: string) =>
      envelopes.filter((envelope) => envelope.attachment?.fileName === fileName).map((envelope) => envelope.attachment?.body ?? '');
    const transcript = bodies(ATTACHMENT.transcriptText.fileName).find((body) => body.startsWith('Wire transcript: alice waits while the server crashes'));
    assert.ok(transcript, 'alice has a transcript');
    assert.match(transcript, /alice +<- {2}text +F---- {2}5 B +"hello"/, 'what arrived before the crash');
    assert.match(transcript, /closed 1006.*not clean/, transcript);
    const diagram = bodies(ATTACHMENT.diagram.fileName)
      .map((body) => Buffer.from(body, 'base64').toString('utf8'))
      .find((svg) => svg.includes('Sequence diagram: alice waits while the server crashes'));
    assert.ok(diagram, 'alice has a diagram');
    assert.match(diagram, /1006/);
  });
});
