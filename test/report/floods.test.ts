import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ATTACHMENT } from '../../src/report/attachment-names';
import type { Envelope } from '../../src/report/envelopes';
import type { RunSummary } from '../../src/report/run-summary';
import { startFloodServer, type FloodServer } from '../fixtures/flood-server';
import { readEnvelopes, readStrictEnvelopes, removeDir, runCucumber, scenarioStatuses, startCucumber, stepsStarted, tempReportsDir, waitUntil } from './cucumber-run';
import { findAll, parseXml } from './xml';

// Peak memory of a run with one flood; before the limits, the fragment flood alone took 3.4 GB.
const MAX_RSS_MB = 300;
const FRAGMENTS = 'endless empty fragments';
const PINGS = 'a ping flood from a server that never reads';
const DEFLATE = 'compressed messages that nobody matches';
const MESSAGES = 'endless small messages';
const INTERRUPTED = 'a long wait under endless fragments, stopped with Ctrl-C';
const LONG_WAIT = '"alice" should receive "never sent" within 60 seconds';

/** Each step's status, duration (ms) and message, by scenario name and step text. */
function stepResults(envelopes: Envelope[]): Map<string, { status: string; ms: number; message: string }> {
  const pickles = new Map<string, { name: string; steps: Map<string, string> }>();
  const testSteps = new Map<string, { scenario: string; text: string }>();
  const results = new Map<string, { status: string; ms: number; message: string }>();
  for (const envelope of envelopes as Array<Record<string, any>>) {
    if (envelope.pickle) {
      const steps = new Map<string, string>(envelope.pickle.steps.map((step: { id: string; text: string }) => [step.id, step.text]));
      pickles.set(envelope.pickle.id, { name: envelope.pickle.name, steps });
    }
    for (const step of envelope.testCase?.testSteps ?? []) {
      const pickle = pickles.get(envelope.testCase.pickleId);
      const text = step.pickleStepId ? pickle?.steps.get(step.pickleStepId) : undefined;
      if (pickle && text) testSteps.set(step.id, { scenario: pickle.name, text });
    }
    const finished = envelope.testStepFinished;
    const step = finished ? testSteps.get(finished.testStepId) : undefined;
    if (finished && step) {
      const { status, message = '', duration } = finished.testStepResult;
      results.set(`${step.scenario}: ${step.text}`, { status, message, ms: duration.seconds * 1000 + duration.nanos / 1e6 });
    }
  }
  return results;
}

function transcriptOf(envelopes: Envelope[], scenario: string): string {
  const body = envelopes
    .filter((envelope) => envelope.attachment?.fileName === ATTACHMENT.transcriptText.fileName)
    .map((envelope) => envelope.attachment?.body ?? '')
    .find((text) => text.startsWith(`Wire transcript: ${scenario}\n`));
  assert.ok(body, `no transcript for "${scenario}"`);
  return body;
}

interface FloodRun {
  result: Awaited<ReturnType<typeof runCucumber>>;
  envelopes: Envelope[];
  reportsDir: string;
  maxRssMb: number;
}

/** One flood, in a wsbdd process of its own, so that its peak memory is its own. */
async function runFlood(server: FloodServer, scenario: string): Promise<FloodRun> {
  const reportsDir = await tempReportsDir('floods');
  const rssFile = join(reportsDir, 'max-rss.txt');
  const result = await runCucumber({
    command: 'wsbdd',
    features: ['floods.feature'],
    reportsDir,
    args: ['--target', server.url, '--name', `^${scenario}$`],
    env: {
      NODE_OPTIONS: `--require ${join(__dirname, '..', 'fixtures', 'report-run', 'max-rss.js')}`,
      WSBDD_TEST_MAX_RSS_FILE: rssFile,
    },
    timeoutMs: 90_000,
  });
  const envelopes = await readEnvelopes(reportsDir);
  return { result, envelopes, reportsDir, maxRssMb: Number(await readFile(rssFile, 'utf8')) / 1024 };
}

async function assertValidReports(run: FloodRun, scenario: string): Promise<void> {
  assert.equal(run.result.code, 1, run.result.stderr);
  assert.deepEqual(Object.fromEntries(scenarioStatuses(run.envelopes)), { [scenario]: 'FAILED' });
  const suite = parseXml(await readFile(join(run.reportsDir, 'junit.xml'), 'utf8'));
  assert.equal(suite.attributes.tests, '1');
  assert.equal(findAll(suite, 'failure').length, 1);
  const strict = await readStrictEnvelopes(run.reportsDir);
  assert.ok(strict.some((envelope) => 'testRunFinished' in envelope), 'messages end with testRunFinished');
  const json = JSON.parse(await readFile(join(run.reportsDir, 'report.json'), 'utf8')) as unknown[];
  assert.equal(json.length, 1);
  assert.match(await readFile(join(run.reportsDir, 'report.html'), 'utf8'), /<\/html>\s*$/);
  const summary = JSON.parse(await readFile(join(run.reportsDir, 'summary.json'), 'utf8')) as RunSummary;
  assert.deepEqual([summary.scenarios.total, summary.scenarios.failed], [1, 1]);
}

describe('servers that flood the client', () => {
  let server: FloodServer | undefined;
  const runs = new Map<string, FloodRun>();
  const run = (scenario: string): FloodRun => {
    const found = runs.get(scenario);
    assert.ok(found, `"${scenario}" ran`);
    return found;
  };

  before(async () => {
    server = await startFloodServer();
    for (const scenario of [FRAGMENTS, PINGS, DEFLATE, MESSAGES]) runs.set(scenario, await runFlood(server, scenario));
  });

  after(async () => {
    await server?.close();
    for (const { reportsDir } of runs.values()) await removeDir(reportsDir);
  });

  for (const scenario of [FRAGMENTS, PINGS, DEFLATE, MESSAGES]) {
    it(`${scenario}: stays under ${MAX_RSS_MB} MB of memory and writes complete, valid reports`, async (t) => {
      const flood = run(scenario);
      t.diagnostic(`peak resident memory ${flood.maxRssMb.toFixed(0)} MB`);
      assert.ok(flood.maxRssMb > 0, 'the peak memory was recorded');
      assert.ok(flood.maxRssMb < MAX_RSS_MB, `peak resident memory ${flood.maxRssMb.toFixed(0)} MB`);
      await assertValidReports(flood, scenario);
    });
  }

  it('ends a wait at its timeout while frames pour in, and says how much of the transcript was kept', () => {
    const { envelopes } = run(FRAGMENTS);
    const step = stepResults(envelopes).get(`${FRAGMENTS}: "alice" should receive "never sent" within 3 seconds`);
    assert.ok(step, 'the waiting step ran');
    assert.match(step.message, /did not receive a text message "never sent" within 3 s/);
    // The step's time includes building its reports; before the limits it took 83 s.
    assert.ok(step.ms < 9000, `the 3 s wait took ${Math.round(step.ms)} ms`);
    const transcript = transcriptOf(envelopes, FRAGMENTS);
    assert.match(transcript, /\d+ of them not kept \(transcript limit/);
    assert.match(transcript, /… [\d,]+ events not kept \(transcript limit\), [\d,]+ frames among them/);
    const frames = Number(/· (\d+) frames: 0 out, \d+ in ·/.exec(transcript)?.[1]);
    assert.ok(frames > 20_000, `the overview counts every frame, kept or not (${frames})`);
  });

  it('answers only the latest ping while the server does not read, and says so', () => {
    const transcript = transcriptOf(run(PINGS).envelopes, PINGS);
    assert.match(transcript, /pongs held: the server does not read what it is sent \(.+ waiting to go out\); only the latest ping will be answered/);
    const [, out, into] = /· \d+ frames: (\d+) out, (\d+) in ·/.exec(transcript) ?? [];
    assert.ok(Number(out) < Number(into) / 2, `pongs sent: ${out} for ${into} pings`);
  });

  it('drops a connection whose unmatched messages reach the inbox limit, naming the limit and how to raise it', () => {
    const step = stepResults(run(DEFLATE).envelopes).get(`${DEFLATE}: "alice" should receive "never sent" within 10 seconds`);
    assert.ok(step, 'the waiting step ran');
    assert.equal(step.status, 'FAILED');
    assert.match(step.message, /"alice" reached its inbox limit of 64 MiB: it holds \d+ MiB of received messages/);
    assert.match(step.message, /inboxLimit in the world parameters .*WSBDD_INBOX_LIMIT.*--inbox-limit/);
    assert.ok(step.ms < 9000, `the step failed after ${Math.round(step.ms)} ms, not at the end of its 10 s`);
  });

  it('stops at once on Ctrl-C during a flood, with every report written', async () => {
    const reportsDir = await tempReportsDir('floods-interrupted');
    const started = startCucumber({ command: 'wsbdd', features: ['floods.feature'], reportsDir, args: ['--target', server!.url, '--name', `^${INTERRUPTED}$`], timeoutMs: 90_000 });
    try {
      await waitUntil(async () => stepsStarted(await readEnvelopes(reportsDir), [LONG_WAIT]), 30_000, 'the long wait to start');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const signalled = Date.now();
      started.signalMain('SIGINT');
      const result = await started.done;
      // Before the limits, the reports of the frames kept until then took 98 s.
      assert.ok(Date.now() - signalled < 15_000, `stopped ${Date.now() - signalled} ms after Ctrl-C`);
      assert.equal(result.code, 130, result.stderr);
      const summary = JSON.parse(await readFile(join(reportsDir, 'summary.json'), 'utf8')) as RunSummary;
      assert.equal(summary.interrupted, true);
      parseXml(await readFile(join(reportsDir, 'junit.xml'), 'utf8'));
      JSON.parse(await readFile(join(reportsDir, 'report.json'), 'utf8'));
    } finally {
      started.kill('SIGKILL');
      await removeDir(reportsDir);
    }
  });
});
