/**
 * `npm run bench`: every benchmark of the project in one run, printed as one table and written to
 * reports/bench.json; `npm run bench -- --write-readme` also rewrites the marked table in README.md.
 * `--only startup,harness,load,codec,client,scale,conformance` picks sections. Each section measures ours
 * and its reference side by side (interleaved rounds, medians), so that the ratios hold on a busy
 * machine even where the absolute figures do not.
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, positiveIntFromEnv, runNodeChild } from './child';
import { measureHarness, measureLoad, measureStartup } from './cucumber-runs';
import { startEchoServerProcess } from './server-process';
import { renderReadmeBlock, renderTable, type TableRow } from './table';

const PROJECT = join(__dirname, '..', '..');
const SECTIONS = ['startup', 'harness', 'load', 'codec', 'client', 'scale', 'conformance'] as const;
type Section = (typeof SECTIONS)[number];
/** Open files for the 10,000-connection processes; the usual default (1024) is far too few. */
const SCALE_OPEN_FILES = 20_000;
const SCALE_CONNECTIONS = positiveIntFromEnv('BENCH_CONNECTIONS', 10_000);

interface CodecRow {
  label: string;
  ours: number;
  ws: number;
}
interface ClientRow {
  name: string;
  unit: string;
  ours: number;
  ws: number;
}
interface ScaleResult {
  implementation: 'ours' | 'ws';
  connections: number;
  connectMs: number;
  rssPerConnection: number;
  heapPerConnection: number;
}

function parseArgs(argv: string[]): { writeReadme: boolean; only: Set<Section> } {
  const only = new Set<Section>(SECTIONS);
  let writeReadme = false;
  for (const arg of argv) {
    if (arg === '--write-readme') writeReadme = true;
    else if (arg.startsWith('--only=')) {
      only.clear();
      for (const name of arg.slice('--only='.length).split(',')) {
        if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`unknown section "${name}" (sections: ${SECTIONS.join(', ')})`);
        only.add(name as Section);
      }
    } else throw new Error(`unknown option ${arg} (options: --write-readme, --only=${SECTIONS.join(',')})`);
  }
  return { writeReadme, only };
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (ours: number, theirs: number): string => `${(ours / theirs).toFixed(2)}x`;

function progress(text: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
}

async function main(): Promise<void> {
  const { writeReadme, only } = parseArgs(process.argv.slice(2));
  const workDir = mkdtempSync(join(tmpdir(), 'wsbdd-bench-'));
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadBefore: loadavg()[0],
    loadAfter: 0,
  };
  const raw: Record<string, unknown> = {};
  const rows: TableRow[] = [];
  try {
    if (only.has('startup')) {
      progress('start-up: wsbdd and cucumber-js alone, to their first step');
      const r = await measureStartup(workDir, positiveIntFromEnv('BENCH_STARTUP_ROUNDS', 5));
      raw.startup = r;
      rows.push({
        section: 'start-up',
        measure: 'spawn to first step (1-scenario feature)',
        ours: `${fmt(r.wsbddMs)} ms`,
        reference: `${fmt(r.cucumberMs)} ms cucumber-js alone`,
        ratio: ratio(r.wsbddMs, r.cucumberMs),
        target: 'under 700 ms',
        met: r.wsbddMs < 700,
      });
    }
    if (only.has('harness')) {
      const scenarios = positiveIntFromEnv('BENCH_SCENARIOS', 1000);
      progress(`harness: ${scenarios} connect/send/receive/close scenarios, and the same in plain ws`);
      const r = await measureHarness(workDir, scenarios, positiveIntFromEnv('BENCH_HARNESS_ROUNDS', 3));
      raw.harness = r;
      const overhead = r.wsbddMsPerScenario - r.wsMsPerExchange;
      rows.push({
        section: 'harness',
        measure: `overhead per scenario (${fmt(scenarios)} scenarios: ${fmt(r.wsbddMsPerScenario, 2)} ms each)`,
        ours: `${fmt(overhead, 2)} ms`,
        reference: `${fmt(r.wsMsPerExchange, 2)} ms plain ws`,
        ratio: ratio(r.wsbddMsPerScenario, r.wsMsPerExchange),
        target: 'overhead under 1 ms',
        met: overhead < 1,
      });
      const bareOverhead = r.bareMsPerScenario - r.wsMsPerExchange;
      rows.push({
        section: 'harness',
        measure: `the same without report files or transcripts (${fmt(r.bareMsPerScenario, 2)} ms each)`,
        ours: `${fmt(bareOverhead, 2)} ms`,
        reference: `${fmt(r.wsMsPerExchange, 2)} ms plain ws`,
        ratio: ratio(r.bareMsPerScenario, r.wsMsPerExchange),
        target: 'overhead under 1 ms',
        met: bareOverhead < 1,
      });
    }
    if (only.has('load')) {
      const clients = positiveIntFromEnv('BENCH_LOAD_CLIENTS', 1000);
      const messages = positiveIntFromEnv('BENCH_LOAD_MESSAGES', 10);
      progress(`load: ${clients} clients connected by the group step, ${messages} messages each echoed, and the same in plain ws`);
      const r = await measureLoad(workDir, clients, messages, positiveIntFromEnv('BENCH_LOAD_ROUNDS', 3));
      raw.load = r;
      rows.push({
        section: 'load',
        measure: `Given ${fmt(clients)} clients "user" are connected (100 at a time)`,
        ours: `${fmt(r.wsbdd.connectMs)} ms`,
        reference: `${fmt(r.ws.connectMs)} ms plain ws`,
        ratio: ratio(r.wsbdd.connectMs, r.ws.connectMs),
        target: '-',
        met: undefined,
      });
      rows.push({
        section: 'load',
        measure: `every client sends ${messages} messages of 64 bytes, all echoes received`,
        ours: `${fmt(r.wsbdd.messagesMs)} ms`,
        reference: `${fmt(r.ws.messagesMs)} ms plain ws`,
        ratio: ratio(r.wsbdd.messagesMs, r.ws.messagesMs),
        target: '-',
        met: undefined,
      });
    }
    if (only.has('codec')) {
      progress('codec: frame encode/decode, ours and ws');
      const { result } = await runNodeChild<{ codec: CodecRow[] }>(join(__dirname, 'codec.bench.js'), { env: { BENCH_JSON: '1' }, timeoutMs: 300_000 });
      raw.codec = result.codec;
      for (const r of result.codec) {
        rows.push({ section: 'codec', measure: r.label, ours: `${fmt(r.ours)} ops/s`, reference: `${fmt(r.ws)} ops/s`, ratio: ratio(r.ours, r.ws), target: 'at least 1.0x', met: r.ours >= r.ws });
      }
    }
    if (only.has('client')) {
      progress('client end to end: ours and the ws client against one ws echo server');
      const { result } = await runNodeChild<{ client: ClientRow[] }>(join(__dirname, 'client.bench.js'), { timeoutMs: 600_000, echoStderr: true });
      raw.client = result.client;
      for (const r of result.client) {
        rows.push({ section: 'client', measure: r.name, ours: `${fmt(r.ours)} ${r.unit}`, reference: `${fmt(r.ws)} ${r.unit}`, ratio: ratio(r.ours, r.ws), target: 'at least 0.9x', met: r.ours >= 0.9 * r.ws });
      }
    }
    if (only.has('scale')) {
      progress(`scale: ${fmt(SCALE_CONNECTIONS)} idle connections per client process (open-file limit raised to ${SCALE_OPEN_FILES} with ulimit -n)`);
      const server = await startEchoServerProcess(SCALE_OPEN_FILES);
      const samples: ScaleResult[] = [];
      try {
        const rounds = positiveIntFromEnv('BENCH_SCALE_ROUNDS', 2);
        for (let round = 0; round < rounds; round++) {
          for (const implementation of round % 2 === 0 ? ['ours', 'ws'] : ['ws', 'ours']) {
            const { result } = await runNodeChild<{ scale: ScaleResult }>(join(__dirname, 'scale.bench.js'), {
              args: [implementation, server.url],
              nodeFlags: ['--expose-gc'],
              openFiles: SCALE_OPEN_FILES,
              env: { BENCH_CONNECTIONS: String(SCALE_CONNECTIONS) },
              timeoutMs: 300_000,
            });
            samples.push(result.scale);
            progress(`  ${implementation}: ${fmt(result.scale.connectMs)} ms, ${fmt(result.scale.rssPerConnection)} B rss/conn, ${fmt(result.scale.heapPerConnection)} B heap+buffers/conn`);
          }
        }
      } finally {
        await server.stop();
      }
      raw.scale = { openFileLimit: SCALE_OPEN_FILES, samples };
      const pick = (impl: string, key: 'connectMs' | 'rssPerConnection' | 'heapPerConnection') => median(samples.filter((s) => s.implementation === impl).map((s) => s[key]));
      const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KiB`;
      rows.push({
        section: 'scale',
        measure: `time to connect ${fmt(SCALE_CONNECTIONS)} (200 at a time; ulimit -n ${SCALE_OPEN_FILES})`,
        ours: `${fmt(pick('ours', 'connectMs'))} ms`,
        reference: `${fmt(pick('ws', 'connectMs'))} ms`,
        ratio: ratio(pick('ws', 'connectMs'), pick('ours', 'connectMs')),
        target: '-',
        met: undefined,
      });
      rows.push({ section: 'scale', measure: 'heap + buffers per idle connection', ours: kb(pick('ours', 'heapPerConnection')), reference: kb(pick('ws', 'heapPerConnection')), ratio: ratio(pick('ours', 'heapPerConnection'), pick('ws', 'heapPerConnection')), target: 'no more than ws', met: pick('ours', 'heapPerConnection') <= pick('ws', 'heapPerConnection') });
      rows.push({ section: 'scale', measure: 'resident memory per idle connection', ours: kb(pick('ours', 'rssPerConnection')), reference: kb(pick('ws', 'rssPerConnection')), ratio: ratio(pick('ours', 'rssPerConnection'), pick('ws', 'rssPerConnection')), target: 'no more than ws', met: pick('ours', 'rssPerConnection') <= pick('ws', 'rssPerConnection') });
    }
    if (only.has('conformance')) {
      progress('conformance pack: against the mock server and the correct fixture server');
      const { result } = await runNodeChild<{ conformance: { cases: number; mockMs: number; fixtureMs: number; compressionMs: number } }>(join(__dirname, 'conformance.bench.js'), { env: { BENCH_JSON: '1' }, timeoutMs: 600_000 });
      raw.conformance = result.conformance;
      const c = result.conformance;
      rows.push({ section: 'conformance', measure: `whole pack (${c.cases} cases), embedded mock server`, ours: `${fmt(c.mockMs / 1000, 1)} s`, reference: '-', ratio: '-', target: 'under 60 s', met: c.mockMs < 60_000 });
      rows.push({ section: 'conformance', measure: `whole pack (${c.cases} cases), correct fixture server`, ours: `${fmt(c.fixtureMs / 1000, 1)} s`, reference: '-', ratio: '-', target: '-', met: undefined });
      rows.push({ section: 'conformance', measure: 'compression area, compressing servers (slower of fixture and ws)', ours: `${fmt(c.compressionMs / 1000, 1)} s`, reference: '-', ratio: '-', target: 'under 30 s', met: c.compressionMs < 30_000 });
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  machine.loadAfter = loadavg()[0];
  const when = new Date().toISOString();
  const machineLine = `${machine.cores} cores (${machine.cpu}), node ${machine.node}, ${machine.platform}; load average ${machine.loadBefore.toFixed(1)} before, ${machine.loadAfter.toFixed(1)} after; ${when}`;
  process.stdout.write(`\n${renderTable(rows)}\nmachine: ${machineLine}\n`);
  const reportsDir = join(PROJECT, 'reports');
  mkdirSync(reportsDir, { recursive: true });
  writeFileSync(join(reportsDir, 'bench.json'), `${JSON.stringify({ when, machine, rows, raw }, null, 2)}\n`);
  process.stdout.write(`figures written to reports/bench.json\n`);
  if (writeReadme) {
    const readme = join(PROJECT, 'README.md');
    writeFileSync(readme, renderReadmeBlock(readFileSync(readme, 'utf8'), rows, machineLine));
    process.stdout.write('README.md benchmark table rewritten\n');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
