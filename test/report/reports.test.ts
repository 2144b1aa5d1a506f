import assert from 'node:assert/strict';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ATTACHMENT, RUN_SUMMARY_HOOK_NAME } from '../../src/report/attachment-names';
import type { Envelope } from '../../src/report/envelopes';
import type { RunSummary } from '../../src/report/run-summary';
import { CHROMIUM, chromiumAvailable, dumpDom, screenshot } from './chromium';
import { ROOT, readEnvelopes, readStrictEnvelopes, removeDir, runCucumber, scenarioStatuses, tempReportsDir } from './cucumber-run';
import { allText, findAll, parseXml } from './xml';

const SCENARIOS = {
  passes: 'an echo round trip passes',
  fails: 'a reply that never comes fails',
  undefined: 'a phrase nobody wrote is undefined',
  dropped: 'the server drops the connection mid-scenario',
  throws: 'a step throws on a client that does not exist',
};

describe('reports of a run with passing, failing and undefined steps', () => {
  let reportsDir = '';
  let result: Awaited<ReturnType<typeof runCucumber>>;
  let envelopes: Envelope[] = [];

  before(async () => {
    reportsDir = await tempReportsDir('reports');
    result = await runCucumber({ features: ['mixed.feature'], reportsDir });
    envelopes = await readEnvelopes(reportsDir);
  });

  after(async () => {
    if (reportsDir) await removeDir(reportsDir);
  });

  it('exits 1 and prints a one-line summary', () => {
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^wsbdd: 5 scenarios \(1 passed, 3 failed, 1 undefined\) · .* · handshake p50 /m);
  });

  it('writes a JUnit file with the right counts and the failure messages', async () => {
    const suite = parseXml(await readFile(join(reportsDir, 'junit.xml'), 'utf8'));
    assert.equal(suite.name, 'testsuite');
    assert.equal(suite.attributes.name, 'wsbdd');
    assert.equal(suite.attributes.tests, '5');
    assert.equal(suite.attributes.failures, '4', 'three failed and one undefined');
    assert.equal(suite.attributes.skipped, '0');
    const cases = new Map(findAll(suite, 'testcase').map((testCase) => [testCase.attributes.name, testCase]));
    assert.deepEqual([...cases.keys()].sort(), Object.values(SCENARIOS).sort());
    assert.equal(findAll(cases.get(SCENARIOS.passes)!, 'failure').length, 0);
    const failure = (name: string): string => {
      const [element] = findAll(cases.get(name)!, 'failure');
      assert.ok(element, `${name} has a failure`);
      return `${element.attributes.message ?? ''}\n${allText(element)}`;
    };
    assert.match(failure(SCENARIOS.fails), /"bob" did not receive a text message "a reply nobody sends" within 300 ms/);
    assert.match(failure(SCENARIOS.dropped), /"dave" was closed before it received .*"anything": code 1006/);
    assert.match(failure(SCENARIOS.throws), /there is no client "nobody"/);
    assert.equal(findAll(cases.get(SCENARIOS.undefined)!, 'failure').length, 1);
    // Cucumber's own JUnit output leaves this failure empty; CI must see which step and how to define it.
    assert.match(failure(SCENARIOS.undefined), /undefined step: "carol" does a dance nobody implemented\n[\s\S]*Implement it with:\nWhen\('\{string\} does a dance nobody implemented'/);
    assert.equal(findAll(cases.get(SCENARIOS.undefined)!, 'failure')[0].attributes.type, 'UndefinedStep');
  });

  it('writes complete Cucumber messages with each scenario\'s outcome and failure message', async () => {
    const strict = await readStrictEnvelopes(reportsDir);
    assert.ok(strict.some((envelope) => 'testRunFinished' in envelope));
    assert.deepEqual(
      Object.fromEntries(scenarioStatuses(envelopes)),
      {
        [SCENARIOS.passes]: 'PASSED',
        [SCENARIOS.fails]: 'FAILED',
        [SCENARIOS.undefined]: 'UNDEFINED',
        [SCENARIOS.dropped]: 'FAILED',
        [SCENARIOS.throws]: 'FAILED',
      },
    );
    const failedMessages = envelopes
      .filter((envelope) => envelope.testStepFinished?.testStepResult.status === 'FAILED')
      .map((envelope) => envelope.testStepFinished?.testStepResult.message ?? '');
    assert.equal(failedMessages.length, 3);
    assert.ok(failedMessages.some((message) => message.includes('did not receive a text message "a reply nobody sends"')));
    assert.equal(envelopes.filter((envelope) => envelope.testStepFinished?.testStepResult.status === 'UNDEFINED').length, 1);
  });

  it('attaches transcripts to every scenario, and diagrams and failure details to failed ones', () => {
    const byName = (fileName: string) => envelopes.filter((envelope) => envelope.attachment?.fileName === fileName);
    assert.equal(byName(ATTACHMENT.transcriptText.fileName).length, 5);
    assert.equal(byName(ATTACHMENT.diagram.fileName).length, 3);
    assert.equal(byName(ATTACHMENT.failure.fileName).length, 3);
    assert.equal(byName(ATTACHMENT.timings.fileName).length, 5);
    for (const diagram of byName(ATTACHMENT.diagram.fileName)) {
      assert.equal(diagram.attachment?.contentEncoding, 'BASE64');
      parseXml(Buffer.from(diagram.attachment?.body ?? '', 'base64').toString('utf8'));
    }
    const transcript = byName(ATTACHMENT.transcriptText.fileName)
      .map((envelope) => envelope.attachment?.body ?? '')
      .find((body) => body.startsWith(`Wire transcript: ${SCENARIOS.passes}`));
    assert.ok(transcript);
    assert.match(transcript, /alice +-> {2}text +F---M {2}5 B +"hello"/);
    assert.match(transcript, /alice +<- {2}pong +F---- {2}2 B +"hb"/);
    const details = byName(ATTACHMENT.failure.fileName).map((envelope) => JSON.parse(envelope.attachment?.body ?? '{}'));
    const bob = details.find((detail) => detail.step === '"bob" should receive "a reply nobody sends" within 300 ms');
    assert.ok(bob, JSON.stringify(details));
    assert.ok(bob.arrived.bob.some((line: string) => line.includes('"ping me"')), 'what actually arrived: the echo');
  });

  it('writes report.json and summary.json with timing percentiles', async () => {
    const json = JSON.parse(await readFile(join(reportsDir, 'report.json'), 'utf8')) as Array<{ elements: unknown[] }>;
    assert.equal(json.length, 1);
    assert.equal(json[0]?.elements.length, 5);
    const summary = JSON.parse(await readFile(join(reportsDir, 'summary.json'), 'utf8')) as RunSummary;
    assert.equal(summary.success, false);
    assert.equal(summary.interrupted, false);
    assert.deepEqual([summary.scenarios.total, summary.scenarios.passed, summary.scenarios.failed, summary.scenarios.undefined], [5, 1, 3, 1]);
    assert.equal(summary.timings.handshakeMs?.count, 5);
    assert.equal(summary.timings.connectMs?.count, 5, 'every TCP connect is timed');
    assert.equal(summary.timings.pingRttMs?.count, 1);
    assert.ok((summary.timings.messageRttMs?.count ?? 0) >= 2);
    const stats = summary.timings.handshakeMs!;
    assert.ok(stats.min <= stats.p50 && stats.p50 <= stats.p95 && stats.p95 <= stats.max);
    assert.equal(summary.failures.length, 4);
  });

  it('renders report.html in Chromium with scenario names, a transcript, a diagram and the run summary', async (t) => {
    if (!chromiumAvailable()) {
      // CI installs chromium and sets this, so a missing browser there fails instead of passing unseen.
      if (process.env.WSBDD_REQUIRE_CHROMIUM) assert.fail(`${CHROMIUM} is not installed but WSBDD_REQUIRE_CHROMIUM is set`);
      t.skip(`${CHROMIUM} is not installed (.ci/run installs Debian's chromium)`);
      return;
    }
    const htmlFile = join(reportsDir, 'report.html');
    const dom = await dumpDom(htmlFile);
    // Cucumber embeds the messages in a script; look only at what the page rendered.
    const rendered = dom.replace(/<script[\s\S]*?<\/script>/g, '');
    for (const name of Object.values(SCENARIOS)) assert.ok(rendered.includes(name), `scenario "${name}" is shown`);
    assert.ok(rendered.includes(`Wire transcript: ${SCENARIOS.passes}`), 'a transcript is shown');
    assert.ok(/<summary[^>]*>wsbdd-transcript\.txt<\/summary>/.test(rendered));
    const images = [...rendered.matchAll(/<img[^>]+src="data:image\/svg\+xml;base64,([^"]+)"/g)].map((match) =>
      Buffer.from(match[1] ?? '', 'base64').toString('utf8'),
    );
    assert.equal(images.length, 3, 'a diagram per failed scenario');
    assert.ok(images.some((svg) => svg.includes(`Sequence diagram: ${SCENARIOS.fails}`)));
    assert.ok(rendered.includes(RUN_SUMMARY_HOOK_NAME));
    assert.ok(rendered.includes('5 scenarios (1 passed, 3 failed, 1 undefined)'), 'the run summary is shown');
    // The timing percentiles of summary.json, as the page shows them.
    assert.match(rendered, /handshake: p50 [\d.]+ [µm]?s · p95 [\d.]+ [µm]?s · max [\d.]+ [µm]?s \(n=5\)/);
    assert.match(rendered, /message round trip: p50 [\d.]+ [µm]?s · p95 /);
    assert.match(rendered, /ping round trip: [\d.]+ [µm]?s/);

    // A failed scenario's transcript and diagram are open as the page loads; a passed one's stay folded.
    const attachment = (name: string, open: boolean) =>
      (rendered.match(new RegExp(`<details${open ? ' open=""' : ''}><summary>${name.replace('.', '\\.')}</summary>`, 'g')) ?? []).length;
    assert.equal(attachment('wsbdd-transcript.txt', true), 3, 'the transcripts of the 3 failed scenarios with a connection are open');
    assert.equal(attachment('wsbdd-sequence.svg', true), 3, 'their diagrams are open');
    assert.ok(attachment('wsbdd-transcript.txt', false) >= 1, "a passed scenario's transcript stays folded");

    // A screenshot for a person to look at, as the report opens (nothing forced open).
    await mkdir(join(ROOT, 'reports'), { recursive: true });
    const png = join(ROOT, 'reports', 'report-screenshot.png');
    await screenshot(htmlFile, png, 1280, 2400);
    const header = (await readFile(png)).subarray(0, 8);
    assert.deepEqual([...header], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok((await stat(png)).size > 20_000);
  });
});
