/**
 * The figures taken from whole wsbdd runs: start-up to the first step (next to cucumber-js alone running
 * a feature of one trivial step) and the harness cost per scenario (next to bench/ws-exchanges, a plain
 * `ws` script doing the same work). Times come from the runs' message streams (cucumber's own
 * timestamps), so that process exit and report writing at the end do not blur them.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, runNodeChild } from './child';

/** Runs the two sides in turn, each round starting with the other one, so that neither always goes first. */
async function alternating(rounds: number, first: (round: number) => Promise<void>, second: (round: number) => Promise<void>): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      await first(round);
      await second(round);
    } else {
      await second(round);
      await first(round);
    }
  }
}

const PROJECT = join(__dirname, '..', '..');
const WSBDD = join(PROJECT, 'bin', 'wsbdd.js');
const CUCUMBER = join(PROJECT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
const RUN_LIMIT_MS = 180_000;

interface Envelope {
  testStepStarted?: { timestamp: Timestamp };
  testCaseStarted?: { timestamp: Timestamp };
  testCaseFinished?: { timestamp: Timestamp };
}
interface Timestamp {
  seconds: number;
  nanos: number;
}

const epochMs = (t: Timestamp): number => t.seconds * 1000 + t.nanos / 1e6;

function envelopes(file: string): Envelope[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Envelope);
}

/**
 * Run a command to its end; resolves with the epoch time it was started at. `openFiles` raises the
 * open-file limit first (a shell's `ulimit -n`), for runs with thousands of sockets.
 */
function run(args: string[], cwd: string, options: { openFiles?: number; env?: NodeJS.ProcessEnv } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now();
    const [command, commandArgs] =
      options.openFiles !== undefined
        ? ['/bin/sh', ['-c', `ulimit -n ${options.openFiles} && exec "$0" "$@"`, process.execPath, ...args]]
        : [process.execPath, args];
    const child = spawn(command, commandArgs as string[], { cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(startedAt);
      else reject(new Error(`node ${args.join(' ')} exited with ${code}\n${stderr.slice(-2000)}`));
    });
  });
}

function feature(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

export interface StartupResult {
  wsbddMs: number;
  cucumberMs: number;
}

/** Spawn to the first test step (a hook counts), wsbdd and cucumber-js alone, rounds interleaved. */
export async function measureStartup(workDir: string, rounds: number): Promise<StartupResult> {
  const featureDir = join(workDir, 'startup-feature');
  feature(featureDir, 'one.feature', 'Feature: start-up\n  Scenario: one step\n    Given a client "alice"\n');
  // cucumber-js alone: the same phrase, bound to a step that does nothing.
  const stepsDir = join(workDir, 'startup-steps');
  mkdirSync(stepsDir, { recursive: true });
  const steps = join(stepsDir, 'steps.cjs');
  writeFileSync(steps, `const { Given } = require(${JSON.stringify(join(PROJECT, 'node_modules', '@cucumber', 'cucumber'))});\nGiven('a client {string}', function (_name) {});\n`);
  const samples = { wsbdd: [] as number[], cucumber: [] as number[] };
  const once = async (which: 'wsbdd' | 'cucumber', round: number): Promise<void> => {
    const messages = join(workDir, `startup-${which}-${round}.ndjson`);
    const args =
      which === 'wsbdd'
        ? [WSBDD, featureDir, '--reports', join(workDir, `startup-reports-${round}`), '--format', `message:${messages}`]
        : [CUCUMBER, featureDir, '--require', steps, '--format', `message:${messages}`];
    const startedAt = await run(args, workDir);
    const first = envelopes(messages).find((e) => e.testStepStarted);
    if (!first?.testStepStarted) throw new Error(`${which} ran no step`);
    samples[which].push(epochMs(first.testStepStarted.timestamp) - startedAt);
  };
  await alternating(rounds, (round) => once('wsbdd', round), (round) => once('cucumber', round));
  return { wsbddMs: median(samples.wsbdd), cucumberMs: median(samples.cucumber) };
}

export interface HarnessResult {
  scenarios: number;
  /** Mean time per scenario inside the run: first scenario's start to last one's end, over the count. */
  wsbddMsPerScenario: number;
  /** The same without report files or transcripts: the engine's own cost. */
  bareMsPerScenario: number;
  wsMsPerExchange: number;
}

/** N connect/send/receive/close scenarios against the embedded mock server, next to the same work in plain ws. */
export async function measureHarness(workDir: string, scenarios: number, rounds: number): Promise<HarnessResult> {
  const featureDir = join(workDir, 'harness-feature');
  const rows = Array.from({ length: scenarios }, (_, i) => `      | ${i + 1} |`).join('\n');
  feature(
    featureDir,
    'exchange.feature',
    `Feature: per-scenario cost\n  Scenario Outline: exchange <n>\n    Given "alice" is connected\n    When "alice" sends "hi"\n    Then "alice" should receive "hi"\n\n    Examples:\n      | n |\n${rows}\n`,
  );
  const ours: number[] = [];
  const theirs: number[] = [];
  // The same feature in a project whose configuration writes no report file and attaches no transcript:
  // what the engine costs without the reports (only the message stream, which the times come from).
  const bareDir = join(workDir, 'harness-bare');
  mkdirSync(bareDir, { recursive: true });
  writeFileSync(join(bareDir, 'cucumber.js'), `module.exports = { default: { require: [${JSON.stringify(join(PROJECT, 'dist', 'steps', 'index.js'))}], format: [] } };\n`);
  const bare: number[] = [];
  const perScenario = (messages: string): number => {
    const all = envelopes(messages);
    const first = all.find((e) => e.testCaseStarted)!.testCaseStarted!;
    const last = all.filter((e) => e.testCaseFinished).pop()!.testCaseFinished!;
    return (epochMs(last.timestamp) - epochMs(first.timestamp)) / scenarios;
  };
  const oursOnce = async (round: number): Promise<void> => {
    const reports = join(workDir, `harness-reports-${round}`);
    await run([WSBDD, featureDir, '--reports', reports], workDir);
    ours.push(perScenario(join(reports, 'messages.ndjson')));
    const messages = join(workDir, `harness-bare-${round}.ndjson`);
    await run([WSBDD, featureDir, '--format', `message:${messages}`], bareDir, { env: { WSBDD_REPORT_TRANSCRIPT: 'never' } });
    bare.push(perScenario(messages));
  };
  const theirsOnce = async (): Promise<void> => {
    const { result } = await runNodeChild<{ msPerExchange: number }>(join(__dirname, 'ws-exchanges.js'), {
      env: { BENCH_SCENARIOS: String(scenarios) },
      timeoutMs: RUN_LIMIT_MS,
    });
    theirs.push(result.msPerExchange);
  };
  await alternating(rounds, oursOnce, () => theirsOnce());
  return { scenarios, wsbddMsPerScenario: median(ours), bareMsPerScenario: median(bare), wsMsPerExchange: median(theirs) };
}

/** A client and its server side are two sockets in one process: 1,000 clients need more than the usual 1,024. */
const LOAD_OPEN_FILES = 20_000;

export interface LoadResult {
  clients: number;
  messages: number;
  /** Medians, in milliseconds: the group connect step, and the send step plus the receive step. */
  wsbdd: { connectMs: number; messagesMs: number };
  ws: { connectMs: number; messagesMs: number };
}

interface StepEnvelope {
  pickle?: { steps: Array<{ id: string; text: string }> };
  testCase?: { testSteps: Array<{ id: string; pickleStepId?: string }> };
  testStepFinished?: { testStepId: string; testStepResult: { status: string; duration: Timestamp } };
}

/** The load-shaped scenario as wsbdd runs it (its step times), next to bench/ws-load doing the same in plain ws. */
export async function measureLoad(workDir: string, clients: number, messages: number, rounds: number): Promise<LoadResult> {
  const featureDir = join(workDir, 'load-feature');
  feature(
    featureDir,
    'load.feature',
    `Feature: load\n  Scenario: ${clients} clients\n    Given ${clients} clients "user" are connected\n` +
      `    When every client "user" sends ${messages} messages of 64 bytes\n` +
      `    Then every client "user" should receive ${messages} messages within 60 seconds\n` +
      `    And the p95 round trip of every client "user" should be below 60 seconds\n`,
  );
  const ours = { connectMs: [] as number[], messagesMs: [] as number[] };
  const theirs = { connectMs: [] as number[], messagesMs: [] as number[] };
  const oursOnce = async (round: number): Promise<void> => {
    const reports = join(workDir, `load-reports-${round}`);
    await run([WSBDD, featureDir, '--reports', reports], workDir, { openFiles: LOAD_OPEN_FILES });
    const all = envelopes(join(reports, 'messages.ndjson')) as StepEnvelope[];
    const texts = new Map<string, string>();
    for (const e of all) for (const step of e.pickle?.steps ?? []) texts.set(step.id, step.text);
    const stepText = new Map<string, string>();
    for (const e of all) for (const step of e.testCase?.testSteps ?? []) if (step.pickleStepId) stepText.set(step.id, texts.get(step.pickleStepId) ?? '');
    const ms = (pattern: RegExp): number => {
      const finished = all.find((e) => e.testStepFinished && pattern.test(stepText.get(e.testStepFinished.testStepId) ?? ''))?.testStepFinished;
      if (!finished || finished.testStepResult.status !== 'PASSED') throw new Error(`the load scenario's step ${pattern} did not pass`);
      return epochMs(finished.testStepResult.duration);
    };
    ours.connectMs.push(ms(/are connected$/));
    ours.messagesMs.push(ms(/sends \d+ messages/) + ms(/should receive \d+ messages/));
  };
  const theirsOnce = async (): Promise<void> => {
    const { result } = await runNodeChild<{ connectMs: number; messagesMs: number }>(join(__dirname, 'ws-load.js'), {
      env: { BENCH_LOAD_CLIENTS: String(clients), BENCH_LOAD_MESSAGES: String(messages) },
      openFiles: LOAD_OPEN_FILES,
      timeoutMs: RUN_LIMIT_MS,
    });
    theirs.connectMs.push(result.connectMs);
    theirs.messagesMs.push(result.messagesMs);
  };
  await alternating(rounds, oursOnce, () => theirsOnce());
  return {
    clients,
    messages,
    wsbdd: { connectMs: median(ours.connectMs), messagesMs: median(ours.messagesMs) },
    ws: { connectMs: median(theirs.connectMs), messagesMs: median(theirs.messagesMs) },
  };
}
