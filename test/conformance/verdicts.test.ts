import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectCaseResults, NON_STRICT_PREFIX, NOT_CONNECTED_PREFIX, OBSERVATION_PREFIX, type RunEnvelope } from '../../src/conformance/results';
import { renderMarkdown, summarize } from '../../src/conformance/conformance-report';

/** Envelopes of a run: one feature, and one case per entry with the statuses of its steps. */
function run(
  cases: Array<{
    name: string;
    tags: string[];
    steps: string[];
    message?: string;
    observation?: string;
    nonStrict?: string;
    notConnected?: string;
    retried?: boolean;
  }>,
): RunEnvelope[] {
  const envelopes: RunEnvelope[] = [{ gherkinDocument: { uri: 'features/conformance/framing.feature', feature: { name: 'Framing' } } }];
  cases.forEach((c, i) => {
    envelopes.push({ pickle: { id: `p${i}`, uri: 'features/conformance/framing.feature', name: c.name, tags: c.tags.map((name) => ({ name })) } });
    envelopes.push({ testCase: { id: `tc${i}`, pickleId: `p${i}` } });
    const attempts = c.retried ? 2 : 1;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const started = `s${i}.${attempt}`;
      envelopes.push({ testCaseStarted: { id: started, testCaseId: `tc${i}` } });
      const lastAttempt = attempt === attempts - 1;
      for (const status of lastAttempt ? c.steps : ['FAILED']) {
        envelopes.push({ testStepFinished: { testCaseStartedId: started, testStepResult: { status, ...(status === 'FAILED' ? { message: c.message ?? 'it broke\n  at line 1' } : {}) } } });
      }
      if (c.observation && lastAttempt) {
        envelopes.push({ attachment: { testCaseStartedId: started, body: `${OBSERVATION_PREFIX}${c.observation}`, mediaType: 'text/plain', contentEncoding: 'IDENTITY' } });
      }
      if (c.nonStrict && lastAttempt) {
        envelopes.push({ attachment: { testCaseStartedId: started, body: `${NON_STRICT_PREFIX}${c.nonStrict}`, mediaType: 'text/plain', contentEncoding: 'IDENTITY' } });
      }
      if (c.notConnected && lastAttempt) {
        envelopes.push({ attachment: { testCaseStartedId: started, body: `${NOT_CONNECTED_PREFIX}${c.notConnected}`, mediaType: 'text/plain', contentEncoding: 'IDENTITY' } });
      }
      envelopes.push({ testCaseFinished: { testCaseStartedId: started, willBeRetried: !lastAttempt } });
    }
  });
  return envelopes;
}

describe('conformance verdicts', () => {
  it('maps failures to FAILED for @must and NON-STRICT for @should and @informational', () => {
    const results = collectCaseResults(
      run([
        { name: 'ok', tags: ['@rfc6455-5.2', '@must'], steps: ['PASSED', 'PASSED'] },
        { name: 'violation', tags: ['@rfc6455-5.2', '@must'], steps: ['PASSED', 'FAILED', 'SKIPPED'], message: 'no echo\nmore detail' },
        { name: 'lenient', tags: ['@rfc6455-8.1', '@should'], steps: ['FAILED'] },
        { name: 'report', tags: ['@informational'], steps: ['FAILED'] },
      ]),
    );
    assert.deepEqual(
      results.map((r) => [r.name, r.verdict, r.strictness]),
      [
        ['ok', 'PASSED', 'must'],
        ['violation', 'FAILED', 'must'],
        ['lenient', 'NON-STRICT', 'should'],
        ['report', 'NON-STRICT', 'informational'],
      ],
    );
    assert.equal(results[1]!.failure, 'no echo');
    assert.deepEqual(results[1]!.sections, ['5.2']);
    assert.equal(results[0]!.area, 'Framing');
  });

  it('grades a passed case that noted a missed SHOULD as NON-STRICT, whatever its level, and a failed @must case as FAILED even so', () => {
    const dropped = 'the server closed TCP without a close frame';
    const results = collectCaseResults(
      run([
        { name: 'dropped', tags: ['@rfc6455-5.2', '@must'], steps: ['PASSED', 'PASSED'], nonStrict: dropped },
        { name: 'dropped late', tags: ['@rfc6455-8.1', '@should'], steps: ['PASSED'], nonStrict: dropped },
        { name: 'dropped, then echoed', tags: ['@rfc6455-5.2', '@must'], steps: ['PASSED', 'FAILED'], nonStrict: dropped },
      ]),
    );
    assert.deepEqual(
      results.map((r) => [r.name, r.verdict, r.nonStrict]),
      [
        ['dropped', 'NON-STRICT', [dropped]],
        ['dropped late', 'NON-STRICT', [dropped]],
        ['dropped, then echoed', 'FAILED', [dropped]],
      ],
    );
    const markdown = renderMarkdown(results, { target: 'ws://127.0.0.1:1/', startedAt: new Date(0), durationMs: 1 });
    assert.match(markdown, /\| dropped \| 5\.2 \| must \| NON-STRICT \| short of a SHOULD: the server closed TCP without a close frame \|/);
    assert.equal(summarize(results).exitCode, 1);
    assert.equal(summarize(results.slice(0, 2)).exitCode, 0);
  });

  it('treats undefined and ambiguous steps as errors, skipped cases as not run, and keeps only the last retry', () => {
    const results = collectCaseResults(
      run([
        { name: 'undefined', tags: ['@should'], steps: ['UNDEFINED'] },
        { name: 'ambiguous', tags: ['@must'], steps: ['AMBIGUOUS'] },
        { name: 'skipped', tags: ['@must'], steps: ['SKIPPED'] },
        { name: 'flaky', tags: ['@must'], steps: ['PASSED'], retried: true },
      ]),
    );
    assert.deepEqual(
      results.map((r) => [r.name, r.verdict]),
      [
        ['undefined', 'ERROR'],
        ['ambiguous', 'ERROR'],
        ['skipped', 'NOT-RUN'],
        ['flaky', 'PASSED'],
      ],
    );
    const summary = summarize(results);
    assert.deepEqual(summary.total, { area: 'Total', cases: 4, passed: 1, failed: 0, nonStrict: 0, errors: 2, notRun: 1, skipped: 0 });
    assert.equal(summary.overall, 'INCOMPLETE');
    assert.equal(summary.exitCode, 1);
  });

  it('exits 0 when only @should cases fail, and 1 when a @must case fails', () => {
    const lenient = summarize(collectCaseResults(run([{ name: 'a', tags: ['@should'], steps: ['FAILED'] }])));
    assert.equal(lenient.exitCode, 0);
    assert.equal(lenient.overall, 'NON-STRICT');
    const strict = summarize(collectCaseResults(run([{ name: 'a', tags: ['@must'], steps: ['FAILED'] }])));
    assert.equal(strict.exitCode, 1);
    assert.equal(strict.overall, 'FAILED');
  });

  it('renders a summary table per area, every case, observations and known deviations', () => {
    const results = collectCaseResults(
      run([
        { name: 'echo | pipe', tags: ['@rfc6455-5.2', '@must'], steps: ['PASSED'], observation: 'echoed 16 MiB' },
        { name: 'fast fail', tags: ['@rfc6455-8.1', '@should', '@known-deviation-ws'], steps: ['FAILED'], message: 'not closed within 500 ms' },
      ]),
    );
    const markdown = renderMarkdown(results, { target: 'the embedded mock server', startedAt: new Date(0), durationMs: 1500, embeddedMock: true });
    assert.match(markdown, /^# RFC 6455 conformance report/);
    assert.match(markdown, /Target: the embedded mock server/);
    assert.match(markdown, /\| Framing \| 2 \| 1 \| 0 \| 1 \| 0 \| 0 \|/);
    assert.match(markdown, /\| \*\*Total\*\* \| 2 \| 1 \| 0 \| 1 \| 0 \| 0 \|/);
    assert.match(markdown, /## Framing/);
    assert.match(markdown, /\| echo \\\| pipe \| 5\.2 \| must \| passed \| observed: echoed 16 MiB \|/);
    assert.match(markdown, /NON-STRICT \| not closed within 500 ms; known deviation of the ws library/);
    assert.match(markdown, /Verdict: \*\*NON-STRICT\*\* \(no violation found; 1 non-strict\)/);
    assert.match(markdown, /^NON-STRICT: /m);
    assert.doesNotMatch(markdown, /violates/, 'only the verdicts that occur are explained');
    const elsewhere = renderMarkdown(results, { target: 'ws://127.0.0.1:1/echo', startedAt: new Date(0), durationMs: 1500 });
    assert.doesNotMatch(elsewhere, /known deviation/, 'deviations of the mock server are not blamed on another target');
  });

  it('reports whether the server fails fast and how it treats large messages', () => {
    const context = { target: 'ws://127.0.0.1:1/echo', startedAt: new Date(0), durationMs: 10 };
    const sized = (name: string, observation: string) => ({ name, tags: ['@rfc6455-10.4', '@must'], steps: ['PASSED'], observation });
    const strictServer = renderMarkdown(
      collectCaseResults(
        run([
          { name: 'fails fast 1', tags: ['@rfc6455-8.1', '@should', '@fail-fast'], steps: ['PASSED'] },
          { name: 'fails fast 2', tags: ['@rfc6455-8.1', '@should', '@fail-fast'], steps: ['PASSED'] },
          sized('64 KiB', 'the 64 KiB text message was echoed'),
          sized('16 MiB', 'the 16 MiB binary message was echoed'),
        ]),
      ),
      context,
    );
    assert.match(strictServer, /## Findings\n\n- Fails fast on invalid UTF-8: \*\*yes\*\*: .*\(2 `@fail-fast` cases passed\)/);
    assert.match(strictServer, /- Large messages \(RFC 6455 10\.4\): no size limit was met; 2 echoed\n/);

    const limitedServer = renderMarkdown(
      collectCaseResults(
        run([
          { name: 'fails fast 1', tags: ['@rfc6455-8.1', '@should', '@fail-fast'], steps: ['PASSED'] },
          { name: 'fails fast 2', tags: ['@rfc6455-8.1', '@should', '@fail-fast'], steps: ['FAILED'] },
          sized('64 KiB', 'the 64 KiB text message was echoed'),
          sized('16 MiB', 'the 16 MiB binary message was refused with close code 1009'),
        ]),
      ),
      context,
    );
    assert.match(limitedServer, /- Fails fast on invalid UTF-8: \*\*no\*\*: 1 of 2 `@fail-fast` cases failed/);
    assert.match(limitedServer, /- Large messages \(RFC 6455 10\.4\): the server has a size limit; 1 echoed; 1 refused with 1009 \(16 MiB binary\)/);

    const neither = renderMarkdown(collectCaseResults(run([{ name: 'plain', tags: ['@rfc6455-5.2', '@must'], steps: ['PASSED'] }])), context);
    assert.doesNotMatch(neither, /## Findings/, 'nothing is claimed when no such case ran');
  });
  it('calls a failed case whose client never reached the server an ERROR, never a violation', () => {
    const unreached = 'the client could not reach the target: ECONNREFUSED (connect to 127.0.0.1:9 failed)';
    const results = collectCaseResults(
      run([
        { name: 'gone', tags: ['@rfc6455-5.2', '@must'], steps: ['FAILED', 'SKIPPED'], message: 'could not connect', notConnected: unreached },
        { name: 'gone too', tags: ['@rfc6455-5.2', '@should'], steps: ['FAILED'], notConnected: unreached },
        { name: 'fine', tags: ['@rfc6455-5.2', '@must'], steps: ['PASSED'] },
      ]),
    );
    assert.deepEqual(results.map((r) => r.verdict), ['ERROR', 'ERROR', 'PASSED']);
    assert.equal(results[0]!.notConnected, unreached);
    const summary = summarize(results);
    assert.deepEqual([summary.total.failed, summary.total.errors, summary.overall, summary.exitCode], [0, 2, 'INCOMPLETE', 1]);
    const markdown = renderMarkdown(results, { target: 'ws://127.0.0.1:9/echo', startedAt: new Date(0), durationMs: 10 });
    assert.match(markdown, /Verdict: \*\*INCOMPLETE\*\* \(no violation found; 2 could not run\)/);
    assert.match(markdown, /\| gone \| 5\.2 \| must \| ERROR \(the case could not run\) \| never reached the server: .*ECONNREFUSED/);
    assert.doesNotMatch(markdown, /violates/);

    const withViolation = summarize(collectCaseResults(run([{ name: 'broken', tags: ['@must'], steps: ['FAILED'] }, { name: 'gone', tags: ['@must'], steps: ['FAILED'], notConnected: unreached }])));
    assert.equal(withViolation.overall, 'FAILED', 'a violation seen in a case that ran still counts');
  });

  it('draws no finding from cases that never reached the server', () => {
    const context = { target: 'ws://127.0.0.1:9/echo', startedAt: new Date(0), durationMs: 10 };
    const gone = 'the client could not reach the target: ECONNREFUSED';
    const markdown = renderMarkdown(
      collectCaseResults(
        run([
          { name: 'fails fast', tags: ['@rfc6455-8.1', '@should', '@fail-fast'], steps: ['FAILED'], notConnected: gone },
          { name: '64 KiB', tags: ['@rfc6455-10.4', '@must'], steps: ['FAILED'], notConnected: gone },
        ]),
      ),
      context,
    );
    assert.doesNotMatch(markdown, /## Findings|Fails fast|Large messages/);

    const partly = renderMarkdown(
      collectCaseResults(
        run([
          { name: 'fails fast 1', tags: ['@rfc6455-8.1', '@should', '@fail-fast'], steps: ['PASSED'] },
          { name: 'fails fast 2', tags: ['@rfc6455-8.1', '@should', '@fail-fast'], steps: ['FAILED'], notConnected: gone },
        ]),
      ),
      context,
    );
    assert.match(partly, /- Fails fast on invalid UTF-8: unknown: some of the 2 `@fail-fast` cases could not run/);
  });
});

describe('a case skipped because the server declined permessage-deflate', () => {
  it('is SKIPPED only with the skip note, counts neither way, and is listed with its reason', async () => {
    const { verdictOf, SKIPPED_PREFIX } = await import('../../src/conformance/results');
    assert.equal(verdictOf('skipped', 'must', true, 0, true), 'SKIPPED');
    assert.equal(verdictOf('skipped', 'must', true, 0, false), 'NOT-RUN');
    const result = {
      area: 'Compression', uri: 'c.feature', name: 'echo', tags: ['@must'], strictness: 'must' as const, sections: ['RFC 7692 7.2'],
      status: 'skipped', verdict: 'SKIPPED' as const, observations: [], nonStrict: [], skipped: 'the server did not accept permessage-deflate',
    };
    const summary = summarize([result]);
    assert.deepEqual([summary.total.skipped, summary.overall, summary.exitCode], [1, 'PASSED', 0]);
    const markdown = renderMarkdown([result], { target: 'ws://x', startedAt: new Date(0), durationMs: 1 });
    assert.match(markdown, /\| echo \| RFC 7692 7\.2 \| must \| skipped \| the server did not accept permessage-deflate \|/);
    assert.ok(SKIPPED_PREFIX.length > 0);
  });

  it('is NON-STRICT when the server refused the whole handshake over a valid offer instead of declining it', async () => {
    const { verdictOf } = await import('../../src/conformance/results');
    assert.equal(verdictOf('skipped', 'must', true, 1, true), 'NON-STRICT');
    assert.equal(verdictOf('skipped', 'should', true, 1, true), 'NON-STRICT');
  });
});
