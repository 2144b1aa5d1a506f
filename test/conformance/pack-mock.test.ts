import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runConformance } from '../../src/cli/conformance';
import { locatePackFiles } from '../../src/conformance/pack-files';
import { startFixtureServer, type FixtureServer } from '../fixtures/conformance/fixture-server';
import { CHROMIUM, chromiumAvailable, dumpDom } from '../report/chromium';
import { captured, describeCases, quietRun, quietStream } from './pack-harness';

describe('the conformance pack against the embedded mock server', () => {
  let reportsDir: string;
  before(async () => {
    reportsDir = await mkdtemp(join(tmpdir(), 'wsbdd-conformance-'));
  });
  after(() => rm(reportsDir, { recursive: true, force: true }));

  it('passes, except for the known deviations that the pack README explains', async () => {
    const run = await quietRun({ reportsDir, writeReport: true });
    assert.ok(run.summary.total.cases >= 250, `the whole pack ran (${run.summary.total.cases} cases)`);
    for (const result of run.results) {
      const levels = result.tags.filter((t) => ['@must', '@should', '@informational'].includes(t));
      assert.equal(levels.length, 1, `"${result.name}" has exactly one of @must, @should, @informational`);
      assert.ok(result.sections.length > 0 && result.sections.every((s) => /^(RFC 7692 )?\d+(\.\d+)*$/.test(s)), `"${result.name}" names its RFC section`);
    }
    // The embedded mock server offers no compression unless a scenario asks: that area is skipped, saying why.
    const skipped = run.results.filter((r) => r.verdict === 'SKIPPED');
    assert.deepEqual([...new Set(skipped.map((r) => r.area))], ['Compression']);
    assert.ok(skipped.every((r) => /did not accept permessage-deflate/.test(r.skipped ?? '')), 'every skipped case says why');
    const unexplained = run.results.filter((r) => r.verdict !== 'PASSED' && r.verdict !== 'SKIPPED' && r.knownDeviation === undefined);
    assert.deepEqual(describeCases(unexplained), []);

    const readme = await readFile(join(locatePackFiles().featuresDir, 'README.md'), 'utf8');
    const topReadme = await readFile(join(locatePackFiles().featuresDir, '..', '..', 'README.md'), 'utf8');
    assert.ok(readme.includes(`\n${run.summary.total.cases} cases: `), `the pack README gives the case count, ${run.summary.total.cases}`);
    assert.ok(topReadme.includes(`runs ${run.summary.total.cases} RFC 6455 checks`), `README.md gives the case count, ${run.summary.total.cases}`);
    for (const deviation of run.results.filter((r) => r.verdict !== 'PASSED' && r.verdict !== 'SKIPPED')) {
      const tag = `@known-deviation-${deviation.knownDeviation}`;
      assert.ok(readme.includes(tag), `README.md explains ${tag}`);
      assert.ok(readme.includes(deviation.sections[0]!), `README.md names RFC 6455 ${deviation.sections[0]} for "${deviation.name}"`);
    }

    const markdown = await readFile(join(reportsDir, 'conformance.md'), 'utf8');
    assert.match(markdown, /\| Area \| Cases \| Passed \| Failed \| Non-strict \| Error \| Not run \|/);
    for (const area of ['Opening handshake', 'Framing', 'Pings and pongs', 'Reserved bits', 'Opcodes', 'Fragmentation', 'UTF-8 handling', 'Close handling', 'Limits and sizes']) {
      assert.match(markdown, new RegExp(`^\\| ${area} \\| \\d+ \\|`, 'm'), `a row for ${area}`);
    }
    // ws checks UTF-8 once a message is complete, and its 100 MiB limit is above every size of the pack.
    assert.match(markdown, /- Fails fast on invalid UTF-8: \*\*no\*\*: 8 of 8 `@fail-fast` cases failed/);
    assert.match(markdown, /- Large messages \(RFC 6455 10\.4\): the server has a size limit; 51 echoed; 2 refused with 1008 \(4 MiB text, 4 MiB binary\)\n/);
  });
});

describe('wsbdd conformance', () => {
  let reportsDir: string;
  let correct: FixtureServer;
  let silent: FixtureServer;
  before(async () => {
    reportsDir = await mkdtemp(join(tmpdir(), 'wsbdd-conformance-cli-'));
    correct = await startFixtureServer();
    silent = await startFixtureServer({ bugs: ['no-pongs'] });
  });
  after(async () => {
    await Promise.all([correct.close(), silent.close(), rm(reportsDir, { recursive: true, force: true })]);
  });

  it('exits 0 for a conformant server and writes the report next to the usual ones, shown in report.html', async (t) => {
    const out = captured();
    const code = await runConformance(['--target', correct.url, '--tags', '@rfc6455-5.5.2 or @fail-fast', '--reports', reportsDir], {
      stdout: out.stream,
      stderr: quietStream(),
      env: {},
    });
    assert.equal(code, 0, out.text());
    assert.match(out.text(), /RFC 6455 conformance: PASSED - \d+ cases/);
    assert.match(out.text(), /^- Fails fast on invalid UTF-8: yes: /m);
    const markdown = await readFile(join(reportsDir, 'conformance.md'), 'utf8');
    assert.match(markdown, new RegExp(`Target: ${correct.url.replace(/[/.]/g, '\\$&')}`));
    const htmlFile = join(reportsDir, 'report.html');
    const html = await readFile(htmlFile, 'utf8');
    assert.ok(html.includes('wsbdd-conformance.md'), 'report.html carries the conformance summary');
    if (!chromiumAvailable()) {
      if (process.env.WSBDD_REQUIRE_CHROMIUM) assert.fail(`${CHROMIUM} is not installed but WSBDD_REQUIRE_CHROMIUM is set`);
      t.skip(`${CHROMIUM} is not installed, so the rendered page is not checked`);
      return;
    }
    // What the browser shows, not what the embedded messages hold.
    const rendered = (await dumpDom(htmlFile)).replace(/<script[\s\S]*?<\/script>/g, '');
    assert.ok(rendered.includes('| Area | Cases | Passed | Failed | Non-strict | Error | Not run |'), 'the summary table is shown');
    assert.match(rendered, /\| Pings and pongs \| \d+ \| \d+ \| 0 \| 0 \| 0 \| 0 \|/);
  });

  it('exits 1 when a @must case fails', async () => {
    const code = await runConformance(['--target', silent.url, '--tags', '@rfc6455-5.5.2 and @must', '--timeout', '500', '--reports', reportsDir], {
      stdout: quietStream(),
      stderr: quietStream(),
      env: {},
    });
    assert.equal(code, 1);
    assert.match(await readFile(join(reportsDir, 'conformance.md'), 'utf8'), /Verdict: \*\*FAILED\*\*/);
  });

  it('exits 2 with the reason for bad usage or a selection of no case', async () => {
    for (const argv of [['--bogus'], ['--target', 'ftp://example.test'], ['--target', correct.url, '--tags', '@no-such-tag']]) {
      const err = captured();
      const code = await runConformance(argv, { stdout: quietStream(), stderr: err.stream, env: {} });
      assert.equal(code, 2, argv.join(' '));
      assert.match(err.text(), /^wsbdd conformance: \S/);
    }
  });
});
