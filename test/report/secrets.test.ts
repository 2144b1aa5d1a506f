import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readEnvelopes, removeDir, ROOT, runCucumber, scenarioStatuses, tempReportsDir } from './cucumber-run';
import { assertNowhere } from './secrets-nowhere';

type Run = Awaited<ReturnType<typeof runCucumber>>;

describe('secrets in reports', () => {
  // Fresh per run, so that a match can only come from this run.
  const tag = `${process.pid}x${Date.now().toString(36)}`;
  const secrets = {
    WSBDD_TEST_COOKIE: `session=cookie-${tag}`,
    WSBDD_TEST_BEARER: `Bearer bearer-${tag}`,
    WSBDD_TEST_API_KEY: `apikey-${tag}`,
  };
  let reportsDir = '';
  let result: Run;

  before(async () => {
    reportsDir = await tempReportsDir('secrets');
    result = await runCucumber({
      features: ['secret-cookie.feature'],
      reportsDir,
      env: { ...secrets, WSBDD_SECRET_HEADERS: 'X-Api-Key' },
    });
  });

  after(async () => {
    if (reportsDir) await removeDir(reportsDir);
  });

  it('sent the cookie for real: the server that requires it accepted the handshake', async () => {
    const statuses = scenarioStatuses(await readEnvelopes(reportsDir));
    assert.equal(statuses.get('a server that requires the cookie accepts it'), 'PASSED', result.stdout);
    assert.equal(statuses.get('the cookie echoed as a payload, then a failing expectation quoting it'), 'FAILED');
  });

  it('a cookie, a bearer token and a named header sent in a scenario appear nowhere in the reports or the console', async () => {
    const decodedDiagrams = await assertNowhere(reportsDir, [tag], result);
    assert.ok(decodedDiagrams >= 2, 'base64 attachments were searched too (the failed scenario\'s diagram, in messages, HTML and JSON)');
  });

  it('shows where the secrets were, masked', async () => {
    const messages = await readFile(`${reportsDir}/messages.ndjson`, 'utf8');
    assert.match(messages, /Cookie: \[redacted\]/);
    assert.match(messages, /Authorization: \[redacted\]/);
    assert.match(messages, /X-Api-Key: \[redacted\]/);
    // The echoed cookie, in the transcript and in the failing step's message.
    assert.match(messages, /\\"\[redacted\]\\"/);
    const failing = (await readEnvelopes(reportsDir)).find((envelope) => envelope.testStepFinished?.testStepResult.status === 'FAILED');
    assert.match(failing?.testStepFinished?.testStepResult.message ?? '', /"\[redacted\]"/);
  });
});

describe('secrets written in feature files', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await removeDir(dir);
  });
  const run = async (label: string, features: string[], args: string[] = []): Promise<{ reportsDir: string; result: Run }> => {
    const reportsDir = await tempReportsDir(label);
    dirs.push(reportsDir);
    return { reportsDir, result: await runCucumber({ features, reportsDir, args }) };
  };

  it('the demo\'s literal Workerman cookie is sent, and appears in no report file nor the console', async () => {
    const feature = join(ROOT, 'features', 'examples', 'workerman-client.feature');
    const cookie = /\|\s*Cookie\s*\|\s*([^|\s]+)\s*\|/.exec(await readFile(feature, 'utf8'))?.[1] ?? '';
    const sessionId = cookie.slice(cookie.indexOf('=') + 1);
    assert.ok(sessionId.length >= 8, `the demo sends a literal cookie (found ${JSON.stringify(cookie)})`);
    const { reportsDir, result } = await run('demo-secret', [relative(join(ROOT, 'test', 'fixtures', 'report-run'), feature)]);
    const statuses = scenarioStatuses(await readEnvelopes(reportsDir));
    // Passing means the mock server received exactly this cookie: it was in the run, not just in the file.
    assert.equal(statuses.get('headers, pings, binary frames, connect, handshake response, message, close and reconnect'), 'PASSED', result.stdout);
    await assertNowhere(reportsDir, [sessionId], result);
    const source = (await readEnvelopes(reportsDir)).find((envelope) => 'source' in envelope) as { source?: { data: string } } | undefined;
    assert.match(source?.source?.data ?? '', /\| Cookie\s*\| \[redacted\] \|/);
  });

  for (const profile of ['default', 'ci']) {
    it(`with the ${profile} profile, literal cookies of a table, a phrase and an Examples row stay out of reports and the failure list`, async () => {
      const { reportsDir, result } = await run(`literal-${profile}`, ['literal-secret.feature'], ['--profile', profile]);
      assert.equal(result.code, 1, 'the first scenario fails, so the console lists it with its steps and table');
      assert.match(result.stdout, /Failures:[\s\S]*\| Cookie \| \[redacted\] \|/);
      await assertNowhere(reportsDir, ['literal-cookie-4f1c9b', 'outline-cookie-7d2e05'], result);
    });
  }
});
