import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli/main';
import { ATTACHMENT } from '../../src/report/attachment-names';
import { attachmentText, type Envelope } from '../../src/report/envelopes';
import type { RunSummary } from '../../src/report/run-summary';
import type { ScenarioTimingReport } from '../../src/report/scenario-report';
import { TIMING_METRICS, timingStats } from '../../src/report/timings';
import { ROOT, readEnvelopes, removeDir, runCucumber, scenarioStatuses, tempReportsDir } from './cucumber-run';
import { findAll, parseXml } from './xml';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { io: { stdout, stderr, cwd: ROOT, env: process.env }, out: () => out, err: () => err };
}

async function summaryOf(dir: string): Promise<RunSummary> {
  return JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as RunSummary;
}

async function junitCases(dir: string): Promise<string[]> {
  const suite = parseXml(await readFile(join(dir, 'junit.xml'), 'utf8'));
  return findAll(suite, 'testcase').map((testcase) => `${testcase.attributes.name} ${testcase.children.map((c) => c.name).filter((n) => n !== 'system-out').join(',')}`).sort();
}

function samplesOf(envelopes: Envelope[]): Record<string, number[]> {
  const samples: Record<string, number[]> = Object.fromEntries(TIMING_METRICS.map((metric) => [metric, []]));
  for (const envelope of envelopes) {
    if (envelope.attachment?.fileName !== ATTACHMENT.timings.fileName) continue;
    const report = JSON.parse(attachmentText(envelope.attachment)) as ScenarioTimingReport;
    for (const metric of TIMING_METRICS) samples[metric]!.push(...(report.samples[metric] ?? []));
  }
  return samples;
}

/** What one run of mixed.feature gives (the same as test/report/reports.test.ts pins, checked against a whole run). */
const WHOLE_RUN: Record<string, string> = {
  'an echo round trip passes': 'passed',
  'a reply that never comes fails': 'failed',
  'a phrase nobody wrote is undefined': 'undefined',
  'the server drops the connection mid-scenario': 'failed',
  'a step throws on a client that does not exist': 'failed',
};

function counts(given: Partial<Record<'passed' | 'failed' | 'undefined' | 'skipped', number>>) {
  const all = { unknown: 0, passed: 0, skipped: 0, pending: 0, undefined: 0, ambiguous: 0, failed: 0, ...given };
  const total = Object.values(all).reduce((sum, n) => sum + n, 0);
  return { total, ...all };
}

describe('a run split with --shard and put together with wsbdd merge-reports', () => {
  const dirs = { first: '', second: '', merged: '' };
  let merge: { code: number; err: string };
  let shardRuns: Array<Awaited<ReturnType<typeof runCucumber>>> = [];

  before(async () => {
    for (const key of Object.keys(dirs) as Array<keyof typeof dirs>) dirs[key] = await tempReportsDir(`merge-${key}`);
    const run = (reportsDir: string, args: string[]) => runCucumber({ command: 'wsbdd', features: ['mixed.feature'], reportsDir, args });
    shardRuns = await Promise.all([run(dirs.first, ['--shard', '1/2']), run(dirs.second, ['--shard=2/2'])]);
    const out = capture();
    const code = await main(['merge-reports', dirs.first, dirs.second, '--reports', dirs.merged], out.io);
    merge = { code, err: out.err() };
  });

  after(async () => {
    for (const dir of Object.values(dirs)) if (dir) await removeDir(dir);
  });

  it('runs a part of the scenarios in each shard, and all of them between the shards', async () => {
    const [first, second] = [await summaryOf(dirs.first), await summaryOf(dirs.second)];
    assert.ok(first.scenarios.total > 0 && second.scenarios.total > 0, `shards ran ${first.scenarios.total} and ${second.scenarios.total}`);
    assert.equal(first.scenarios.total + second.scenarios.total, 5);
    for (const result of shardRuns) assert.equal(result.code, 1, result.stderr);
  });

  it('exits as the whole run does and says what it merged', () => {
    assert.equal(merge.code, 1, merge.err);
    assert.match(merge.err, /^wsbdd: 5 scenarios \(1 passed, 3 failed, 1 undefined\) · .*merged 2 shards into /m);
  });

  it('counts what one run of every scenario counts', async () => {
    const merged = await summaryOf(dirs.merged);
    assert.deepEqual(merged.scenarios, { ...counts({ passed: 1, failed: 3, undefined: 1 }), notRun: 0, retried: 0 });
    assert.deepEqual(merged.steps, counts({ passed: 14, failed: 3, undefined: 1 }));
    assert.equal(merged.success, false);
    assert.deepEqual(merged.scenarioList.map((s) => `${s.name}: ${s.status}`).sort(), Object.entries(WHOLE_RUN).map(([name, status]) => `${name}: ${status}`).sort());
  });

  it('writes one junit.xml with the cases and outcomes of one run', async () => {
    const expected = Object.entries(WHOLE_RUN).map(([name, status]) => `${name} ${status === 'passed' ? '' : 'failure'}`);
    assert.deepEqual(await junitCases(dirs.merged), expected.sort());
    const suite = parseXml(await readFile(join(dirs.merged, 'junit.xml'), 'utf8'));
    assert.equal(suite.attributes.name, 'wsbdd');
    assert.equal(suite.attributes.tests, '5');
  });

  it('recomputes the timing percentiles from the samples of every shard', async () => {
    const merged = await summaryOf(dirs.merged);
    const samples = samplesOf([...(await readEnvelopes(dirs.first)), ...(await readEnvelopes(dirs.second))] as unknown as Envelope[]);
    assert.ok(samples.handshakeMs!.length >= 4, `handshake samples: ${samples.handshakeMs!.length}`);
    for (const metric of TIMING_METRICS) assert.deepEqual(merged.timings[metric], timingStats(samples[metric]!), metric);
  });

  it('writes messages of one run, which cucumber-based tools read as such', async () => {
    const envelopes = await readEnvelopes(dirs.merged);
    assert.equal(envelopes.filter((e) => e.testRunStarted).length, 1);
    assert.equal(envelopes.filter((e) => e.testRunFinished).length, 1);
    assert.equal(envelopes.filter((e) => e.pickle).length, 5);
    const statuses = scenarioStatuses(envelopes);
    assert.deepEqual([...statuses.entries()].sort(), Object.entries(WHOLE_RUN).map(([name, status]) => [name, status.toUpperCase()]).sort());
    const html = await readFile(join(dirs.merged, 'report.html'), 'utf8');
    for (const name of statuses.keys()) assert.ok(html.includes(JSON.stringify(name).slice(1, -1)), `report.html lacks "${name}"`);
  });

  it('refuses a directory without messages, and an output that is one of the shards', async () => {
    const out = capture();
    assert.equal(await main(['merge-reports', dirs.first, join(dirs.first, 'nothing-here')], out.io), 2);
    assert.match(out.err(), /has no messages\.ndjson/);
    const again = capture();
    assert.equal(await main(['merge-reports', dirs.first, dirs.second, '--reports', dirs.second], again.io), 2);
    assert.match(again.err(), /would overwrite the shard/);
  });
});
