/**
 * Runs the conformance pack against real, independently written WebSocket servers (see servers.ts):
 * installs each when missing, starts its echo server on 127.0.0.1, runs `wsbdd conformance` against
 * it --runs times, stops it, and compares the runs' verdicts case by case. Writes
 * reports/interop/interop.md and interop.json; --write-readme also puts the table of servers into
 * features/conformance/README.md. Not part of `npm test`: `npm run interop`.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from './install';
import { freePort, installExitHooks, runToEnd, startGroup, stopGroup, waitForTcp } from './processes';
import { renderFailedTable, renderMarkdown, renderServerTable, replaceMarkedSection, type InteropReport, type RunOutcome, type ServerOutcome } from './report';
import { SERVERS, type InteropServer } from './servers';
import { failedCases, flipsBetween, readRunVerdicts } from './verdicts';

const START_TIMEOUT_MS = 30_000;
/** One run of the pack takes about a minute against a real server; anything near this is stuck. */
const RUN_TIMEOUT_MS = 15 * 60_000;
const README = join(REPO_ROOT, 'features', 'conformance', 'README.md');

interface Options {
  only?: string[];
  runs: number;
  writeReadme: boolean;
  /** Only put the table of an earlier run (its interop.json) into the README; run nothing. */
  readmeOnly: boolean;
  out: string;
}

const USAGE = `usage: npm run interop -- [--only ${SERVERS.map((s) => s.name).join(',')}] [--runs N] [--write-readme | --readme-only] [--out DIR]`;

function parseArgs(argv: string[]): Options {
  const options: Options = { runs: 2, writeReadme: false, readmeOnly: false, out: join(REPO_ROOT, 'reports', 'interop') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--only') options.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (arg === '--runs') options.runs = Number(value());
    else if (arg === '--write-readme') options.writeReadme = true;
    else if (arg === '--readme-only') options.readmeOnly = options.writeReadme = true;
    else if (arg === '--out') options.out = value();
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 1 || options.runs > 10) throw new Error('--runs must be a whole number from 1 to 10');
  const unknown = options.only?.filter((name) => !SERVERS.some((s) => s.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown server(s) ${unknown.join(', ')}`);
  return options;
}

function say(text: string): void {
  process.stdout.write(`interop: ${text}\n`);
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n').slice(0, 3).join(' ');
}

async function runPack(server: InteropServer, port: number, run: number, dir: string): Promise<RunOutcome> {
  const reportsDir = join(dir, `run-${run}`);
  rmSync(reportsDir, { recursive: true, force: true });
  mkdirSync(reportsDir, { recursive: true });
  const log = join(reportsDir, 'wsbdd.log');
  const args = [join(REPO_ROOT, 'bin', 'wsbdd.js'), 'conformance', '--target', `ws://127.0.0.1:${port}/`, '--reports', reportsDir];
  say(`${server.name}: run ${run} of the pack (output in ${log})`);
  const started = performance.now();
  const { status, timedOut } = await runToEnd(process.execPath, args, log, RUN_TIMEOUT_MS, { cwd: REPO_ROOT });
  const wallMs = performance.now() - started;
  const outcome: RunOutcome = { run, reportsDir: relative(REPO_ROOT, reportsDir), wallMs, exitStatus: status, timedOut };
  const verdicts = readRunVerdicts(reportsDir);
  if (verdicts === undefined) {
    const tail = readFileSync(log, 'utf8').trim().split('\n').slice(-3).join(' ');
    return { ...outcome, problem: `no messages.ndjson written: ${tail}` };
  }
  say(`${server.name}: run ${run}: ${verdicts.overall}, ${verdicts.counts.FAILED} failed, ${verdicts.counts['NON-STRICT']} non-strict, ${(wallMs / 1000).toFixed(1)} s`);
  return { ...outcome, counts: verdicts.counts, cases: verdicts.results.length, overall: verdicts.overall, ...(timedOut ? { problem: 'timed out' } : {}) };
}

async function testServer(server: InteropServer, options: Options): Promise<ServerOutcome> {
  const outcome: ServerOutcome = { server: server.name, label: server.label, runs: [], flips: [], failed: [] };
  const dir = join(options.out, server.name);
  mkdirSync(dir, { recursive: true });
  try {
    say(`${server.name}: installing when missing`);
    await server.install();
    outcome.version = await server.version();
  } catch (error) {
    outcome.problem = `cannot install: ${messageOf(error)}`;
    say(`${server.name}: ${outcome.problem}`);
    return outcome;
  }
  const port = await freePort();
  outcome.port = port;
  const { command, args, env } = server.command(port);
  const log = join(dir, 'server.log');
  rmSync(log, { force: true });
  say(`${server.name}: ${outcome.version}, starting on 127.0.0.1:${port}`);
  const started = startGroup(command, args, log, { cwd: REPO_ROOT, ...(env ? { env } : {}) });
  try {
    const notUp = await waitForTcp(port, started, START_TIMEOUT_MS);
    if (notUp !== undefined) {
      outcome.problem = `cannot start: ${notUp} (see ${log})`;
      say(`${server.name}: ${outcome.problem}`);
      return outcome;
    }
    for (let run = 1; run <= options.runs; run++) {
      const result = await runPack(server, port, run, dir);
      outcome.runs.push(result);
      if (result.problem !== undefined) outcome.problem = `run ${run}: ${result.problem}`;
    }
  } finally {
    await stopGroup(started);
  }
  const judged = outcome.runs.flatMap((run) => (run.counts ? [readRunVerdicts(resolve(REPO_ROOT, run.reportsDir))!.results] : []));
  outcome.flips = judged.length > 1 ? flipsBetween(judged) : [];
  outcome.failed = failedCases(judged);
  return outcome;
}

function writeReadme(report: InteropReport): void {
  const section = `Run of ${report.startedAt.slice(0, 10)}, ${report.runsPerServer} run(s) of the pack per server:\n\n${renderServerTable(report)}\n\n${renderFailedTable(report)}`;
  writeFileSync(README, replaceMarkedSection(readFileSync(README, 'utf8'), section));
  say(`table written into ${README}`);
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`interop: ${messageOf(error)}\n${USAGE}\n`);
    process.exit(2);
  }
  if (options.readmeOnly) {
    writeReadme(JSON.parse(readFileSync(join(options.out, 'interop.json'), 'utf8')) as InteropReport);
    return;
  }
  installExitHooks();
  mkdirSync(options.out, { recursive: true });
  const report: InteropReport = { startedAt: new Date().toISOString(), runsPerServer: options.runs, servers: [] };
  const chosen = SERVERS.filter((server) => options.only === undefined || options.only.includes(server.name));
  const write = () => {
    writeFileSync(join(options.out, 'interop.json'), JSON.stringify(report, null, 2) + '\n');
    writeFileSync(join(options.out, 'interop.md'), renderMarkdown(report));
  };
  for (const server of chosen) {
    try {
      report.servers.push(await testServer(server, options));
    } catch (error) {
      // One server's trouble is reported with it; the others still get tested.
      report.servers.push({ server: server.name, label: server.label, problem: `interop run failed: ${messageOf(error)}`, runs: [], flips: [], failed: [] });
    }
    // Written after every server, so an interrupted run still leaves what it found.
    write();
  }
  say(`report: ${join(options.out, 'interop.md')}`);
  process.stdout.write(`\n${renderServerTable(report)}\n`);
  if (options.writeReadme) writeReadme(report);
  // The pack's findings are the output; a server that could not be tested is a failure of the run.
  process.exitCode = report.servers.some((server) => server.problem !== undefined) ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`interop: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
