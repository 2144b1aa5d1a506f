/**
 * How long the whole RFC 6455 conformance pack takes against the embedded mock server (the target:
 * under 60 s on a 2-core machine), and against the pack's correct fixture server for comparison; and
 * the compression area (RFC 7692) against servers that accept permessage-deflate (the target: under
 * 30 s): the fixture server with it on, and a `ws` echo server with perMessageDeflate on.
 * Run: npx tsc -p . && node dist/bench/conformance.bench.js
 * Reports go to a temporary directory; only the figures are printed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { CaseResult } from '../src/conformance/results';
import { runConformancePack, type PackRunResult } from '../src/conformance/run';
import { AREA_ORDER } from '../src/conformance/conformance-report';
import { locatePackFiles } from '../src/conformance/pack-files';
import { startFixtureServer } from '../test/fixtures/conformance/fixture-server';
import { emitResult } from './child';

const TARGET_SECONDS = 60;
const COMPRESSION_TARGET_SECONDS = 30;
const SLOWEST_SHOWN = 5;

const quiet = new Writable({
  write(_chunk, _encoding, callback) {
    callback();
  },
});

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function printRun(label: string, run: PackRunResult): void {
  const { total } = run.summary;
  process.stdout.write(
    `\n${label}: ${total.cases} cases in ${seconds(run.durationMs)} ` +
      `(${(total.cases / (run.durationMs / 1000)).toFixed(0)} cases/s; ${total.passed} passed, ${total.failed} failed, ${total.nonStrict} non-strict` +
      `${total.errors > 0 ? `, ${total.errors} could not run` : ''})\n`,
  );
  const byArea = new Map<string, CaseResult[]>();
  for (const result of run.results) byArea.set(result.area, [...(byArea.get(result.area) ?? []), result]);
  process.stdout.write(`  ${'area'.padEnd(20)} ${'cases'.padStart(5)} ${'time'.padStart(9)}\n`);
  for (const area of [...byArea.keys()].sort((a, b) => AREA_ORDER.indexOf(a) - AREA_ORDER.indexOf(b))) {
    const cases = byArea.get(area)!;
    const ms = cases.reduce((sum, c) => sum + (c.durationMs ?? 0), 0);
    process.stdout.write(`  ${area.padEnd(20)} ${String(cases.length).padStart(5)} ${seconds(ms).padStart(9)}\n`);
  }
  const slowest = [...run.results].sort((a, b) => (b.durationMs ?? 0) - (a.durationMs ?? 0)).slice(0, SLOWEST_SHOWN);
  process.stdout.write(`  slowest cases:\n`);
  for (const c of slowest) process.stdout.write(`    ${seconds(c.durationMs ?? 0).padStart(8)}  ${c.area}: ${c.name}\n`);
}

/** A timing of a run with failures would be a timing of something else: they are shown. */
function printFailures(run: PackRunResult): void {
  for (const r of run.results.filter((c) => c.verdict === 'FAILED' || c.verdict === 'ERROR')) {
    process.stdout.write(`    ${r.verdict}: ${r.name}: ${(r.failure ?? '').split('\n')[0]}\n`);
  }
}

/** The compression area against the fixture server and ws, both accepting permessage-deflate; the slower run's time. */
async function compressionArea(common: Parameters<typeof runConformancePack>[0]): Promise<number> {
  const paths = [join(locatePackFiles().featuresDir, 'compression.feature')];
  const fixture = await startFixtureServer({ permessageDeflate: true });
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: { threshold: 0 } });
  wss.on('connection', (socket) => {
    // ws reports the violations the area sends on purpose as 'error' events; it closes the connection itself.
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
  await new Promise((resolve) => wss.once('listening', resolve));
  try {
    const own = await runConformancePack({ ...common, paths, target: fixture.url });
    printRun('compression area, correct fixture server with permessage-deflate', own);
    printFailures(own);
    const port = (wss.address() as { port: number }).port;
    const ws = await runConformancePack({ ...common, paths, target: `ws://127.0.0.1:${port}/` });
    printRun('compression area, ws with perMessageDeflate (same process)', ws);
    printFailures(ws);
    return Math.max(own.durationMs, ws.durationMs);
  } finally {
    await fixture.close();
    for (const client of wss.clients) client.terminate();
    await new Promise((resolve) => wss.close(resolve));
  }
}

async function main(): Promise<void> {
  const reportsDir = await mkdtemp(join(tmpdir(), 'wsbdd-conformance-bench-'));
  const fixture = await startFixtureServer();
  try {
    const common = { reportsDir, stdout: quiet, stderr: quiet, writeReport: false };
    // The first run also loads the step definitions; time it separately from the measured runs.
    const mock = await runConformancePack({ ...common, formats: [] });
    printRun('embedded mock server (ws), console only', mock);
    // Under `npm run bench` (BENCH_JSON=1) the run with every report file is left out for time.
    const withReports = process.env.BENCH_JSON === '1' ? undefined : await runConformancePack(common);
    if (withReports) printRun('embedded mock server (ws), all report files', withReports);
    const own = await runConformancePack({ ...common, formats: [], target: fixture.url });
    printRun('correct fixture server (ours), console only', own);
    const compression = await compressionArea({ ...common, formats: [] });
    if (process.env.BENCH_JSON === '1') {
      emitResult({ conformance: { cases: mock.summary.total.cases, mockMs: mock.durationMs, fixtureMs: own.durationMs, compressionMs: compression } });
    }
    const worst = Math.max(mock.durationMs, withReports?.durationMs ?? 0);
    const verdict = worst < TARGET_SECONDS * 1000 ? 'within' : 'OVER';
    process.stdout.write(`\nwhole pack against the mock server: ${seconds(worst)}, ${verdict} the ${TARGET_SECONDS} s target\n`);
    const compressionVerdict = compression < COMPRESSION_TARGET_SECONDS * 1000 ? 'within' : 'OVER';
    process.stdout.write(`compression area against a compressing server: ${seconds(compression)} at worst, ${compressionVerdict} the ${COMPRESSION_TARGET_SECONDS} s target\n`);
  } finally {
    await fixture.close();
    await rm(reportsDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`conformance bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
