import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listFiles, readEnvelopes, removeDir, runCucumber, scenarioStatuses, tempReportsDir } from './cucumber-run';

describe('secrets in reports', () => {
  // Fresh per run, so that a match can only come from this run.
  const tag = `${process.pid}x${Date.now().toString(36)}`;
  const secrets = {
    WSBDD_TEST_COOKIE: `session=cookie-${tag}`,
    WSBDD_TEST_BEARER: `Bearer bearer-${tag}`,
    WSBDD_TEST_API_KEY: `apikey-${tag}`,
  };
  let reportsDir = '';
  let result: Awaited<ReturnType<typeof runCucumber>>;

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
    const files = await listFiles(reportsDir);
    const names = files.map((file) => relative(reportsDir, file)).sort();
    assert.deepEqual(names, ['junit.xml', 'messages.ndjson', 'report.html', 'report.json', 'summary.json']);
    let decodedDiagrams = 0;
    for (const file of files) {
      const bytes = await readFile(file);
      // Base64 would hide a match from a plain search; decode the attachments that use it and search them too.
      const text = bytes.toString('utf8');
      const decoded = [...text.matchAll(/"(?:body|data)":"([A-Za-z0-9+/=]{16,})"/g)].map((match) => Buffer.from(match[1] ?? '', 'base64').toString('utf8'));
      decodedDiagrams += decoded.filter((body) => body.startsWith('<svg')).length;
      for (const haystack of [text, ...decoded]) {
        assert.ok(!haystack.includes(tag), `${relative(reportsDir, file)} contains a secret`);
      }
    }
    assert.ok(decodedDiagrams >= 2, 'base64 attachments were searched too (the failed scenario\'s diagram, in messages, HTML and JSON)');
    assert.ok(!result.stdout.includes(tag), 'console output contains a secret');
    assert.ok(!result.stderr.includes(tag), 'console errors contain a secret');
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
