import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { loadPackSupport } from '../../src/conformance/run';
import { FIXTURE_BUG_NAMES, FIXTURE_BUGS, fixtureSwitch } from '../fixtures/conformance/bugs';
import { startFixtureServer } from '../fixtures/conformance/fixture-server';
import { describeCases, packFeatures, quietRun, quietStream } from './pack-harness';

/** Short waits: a buggy server often makes a step wait for something that never comes. */
const BUG_RUN_TIMEOUT_MS = 1000;

describe('the conformance pack against the fixture servers', () => {
  let support: ISupportCodeLibrary;
  before(async () => {
    support = await loadPackSupport({ stdout: quietStream(), stderr: quietStream() });
  });

  it('passes every case against the correct fixture server', async () => {
    const server = await startFixtureServer();
    try {
      const run = await quietRun({ support, target: server.url });
      assert.ok(run.summary.total.cases >= 250, `the whole pack ran (${run.summary.total.cases} cases)`);
      // It speaks no extension: the compression area is skipped.
      assert.deepEqual(describeCases(run.results.filter((r) => r.verdict !== 'PASSED' && !(r.verdict === 'SKIPPED' && r.area === 'Compression'))), []);
      assert.equal(run.summary.exitCode, 0);
      assert.match(run.markdown, /- Fails fast on invalid UTF-8: \*\*yes\*\*/);
      assert.match(run.markdown, /- Large messages \(RFC 6455 10\.4\): no size limit was met; 53 echoed\n/);
    } finally {
      await server.close();
    }
  });

  it('passes every compression case against the correct fixture server with permessage-deflate', async () => {
    const server = await startFixtureServer({ permessageDeflate: true });
    try {
      const run = await quietRun({ support, target: server.url, paths: packFeatures(['compression']) });
      assert.ok(run.summary.total.cases >= 80, `the area ran (${run.summary.total.cases} cases)`);
      assert.deepEqual(describeCases(run.results.filter((r) => r.verdict !== 'PASSED')), []);
    } finally {
      await server.close();
    }
  });

  it('passes the limits against a server with a 1 MiB limit, and reports the messages it refused with 1009', async () => {
    const server = await startFixtureServer({ maxMessageSize: 1024 * 1024 });
    try {
      const run = await quietRun({ support, target: server.url, paths: packFeatures(['limits-and-sizes']) });
      assert.deepEqual(describeCases(run.results.filter((r) => r.verdict !== 'PASSED')), []);
      const refused = run.results.filter((r) => r.observations.some((o) => / message was refused with close code 1009$/.test(o)));
      assert.equal(refused.length, 22, 'every 4 MiB, 8 MiB and 16 MiB case');
      assert.ok(refused.every((r) => /4 MiB|8 MiB|16 MiB/.test(r.name)), 'only messages over the limit are refused');
      assert.match(
        run.markdown,
        /- Large messages \(RFC 6455 10\.4\): the server has a size limit; 22 echoed; 22 refused with 1009 \(4 MiB text, 8 MiB text, 16 MiB text, 4 MiB binary, 8 MiB binary, 16 MiB binary\)/,
      );
    } finally {
      await server.close();
    }
  });

  it('passes every @must case against a server with a 16 KiB limit, and reports what it refused with 1009', async () => {
    const server = await startFixtureServer({ maxMessageSize: 16 * 1024 });
    try {
      const run = await quietRun({ support, target: server.url });
      assert.ok(run.summary.total.cases >= 250, `the whole pack ran (${run.summary.total.cases} cases)`);
      assert.deepEqual(describeCases(run.results.filter((r) => r.verdict === 'FAILED' || r.verdict === 'ERROR')), []);
      assert.equal(run.summary.exitCode, 0);
      // The exact-echo cases above the limit are @should: each may fail, and only with the refusal.
      const nonStrict = run.results.filter((r) => r.verdict === 'NON-STRICT');
      assert.ok(nonStrict.length > 0, 'the exact echoes of large messages are reported as not strict');
      assert.deepEqual(describeCases(nonStrict.filter((r) => !/code 1009/.test(r.failure ?? ''))), []);
      const refused = run.results.filter((r) => r.observations.some((o) => / message was refused with close code 1009$/.test(o)));
      assert.ok(refused.some((r) => r.area === 'Framing') && refused.some((r) => r.area === 'Fragmentation'), 'refusals outside limits-and-sizes are reported too');
      assert.match(run.markdown, /- Large messages \(RFC 6455 10\.4\): the server has a size limit; 53 refused with 1009 \(.*65535 bytes text/);
    } finally {
      await server.close();
    }
  });

  it('has at least 15 different deliberate bugs, across the areas of the pack', () => {
    assert.ok(FIXTURE_BUG_NAMES.length >= 15, `${FIXTURE_BUG_NAMES.length} bugs`);
    const areas = new Set(FIXTURE_BUG_NAMES.flatMap((bug) => FIXTURE_BUGS[bug].catchers));
    assert.ok(areas.size >= 9, `bugs in ${[...areas].join(', ')}`);
  });

  it("passes every case against wsbdd's own protocol in the server role", async () => {
    const server = await startFixtureServer({ engine: 'protocol' });
    try {
      const run = await quietRun({ support, target: server.url });
      assert.deepEqual(describeCases(run.results.filter((r) => r.verdict !== 'PASSED')), []);
    } finally {
      await server.close();
    }
  });

  for (const bug of FIXTURE_BUG_NAMES) {
    const { description, catchers, grade, tags, timeoutMs = BUG_RUN_TIMEOUT_MS, reportSays, caseName } = fixtureSwitch(bug);
    const title = { violation: 'catches', 'non-strict': 'grades as non-strict, not as a violation,', conformant: 'passes' }[grade];
    it(`${title} the server that ${description} (${bug})`, async () => {
      const server = await startFixtureServer({ bugs: [bug] });
      try {
        const options = { support, target: server.url, paths: packFeatures(catchers), timeoutMs, ...(tags !== undefined ? { tags } : {}) };
        if (grade === 'violation') {
          // The @must cases of the features meant to catch the bug, stopping at the first failing one
          // (a failed @should case must not stop the run before it).
          const run = await quietRun({ ...options, tags: tags === undefined ? '@must' : `(${tags}) and @must`, failFast: true });
          const caughtBy = run.results.filter((r) => r.verdict === 'FAILED');
          assert.ok(caughtBy.length > 0, `no @must case failed:\n${describeCases(run.results).join('\n')}`);
          if (caseName) assert.match(caughtBy[0].name, caseName, describeCases(caughtBy).join('\n'));
          assert.notEqual(run.summary.exitCode, 0);
          return;
        }
        const run = await quietRun(options);
        const notPassed = run.results.filter((r) => r.verdict !== 'PASSED');
        assert.deepEqual(describeCases(notPassed.filter((r) => r.verdict !== 'NON-STRICT')), [], 'no case may fail or error');
        if (grade === 'conformant') assert.deepEqual(describeCases(notPassed), []);
        else assert.ok(notPassed.length > 0, `no case was graded NON-STRICT:\n${describeCases(run.results).join('\n')}`);
        assert.equal(run.summary.exitCode, 0);
        if (reportSays !== undefined) assert.ok(run.markdown.includes(reportSays), `conformance.md says "${reportSays}":\n${run.markdown.slice(0, 2000)}`);
      } finally {
        await server.close();
      }
    });
  }
});
