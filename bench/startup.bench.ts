/**
 * Start-up of the wsbdd command to its first step, against plain cucumber-js (the floor: wsbdd runs on it)
 * running the same one-step feature with a step that does nothing. Both run as a user runs them: a fresh
 * process in a project directory without a configuration, wsbdd with its step library and usual reports.
 * The runs alternate, so that drift in machine load hits both alike; medians are reported.
 * Run: npx tsc -p . && node dist/bench/startup.bench.js [runs]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FIRST_STEP_MARK } from './startup/first-step-mark';

/** The start-up target: wsbdd to its first step. */
export const STARTUP_TARGET_MS = 700;
const DEFAULT_RUNS = 7;
const RUN_TIMEOUT_MS = 30_000;

export interface StartupFigures {
  runs: number;
  /** Medians, in milliseconds: wall time from spawn, and the process's CPU time by its first step. */
  wsbdd: Timing;
  cucumber: Timing;
  /** wsbdd's median to its first step over plain cucumber-js's: wall time, and CPU time. */
  ratio: number;
  cpuRatio: number;
  targetMs: number;
}

function packageRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bin', 'wsbdd.js'))) return dir;
  }
  throw new Error(`cannot find the wsbdd package above ${__dirname}`);
}

const ROOT = packageRoot();
const FEATURE = join(ROOT, 'bench', 'startup', 'one.feature');
const CLOCK = join(__dirname, 'startup', 'first-step-clock.js');
const PLAIN_STEPS = join(__dirname, 'startup', 'plain-steps.js');
const CUCUMBER_BIN = join(dirname(require.resolve('@cucumber/cucumber/package.json')), 'bin', 'cucumber.js');

export interface Timing {
  firstStepMs: number;
  firstStepCpuMs: number;
  exitMs: number;
}

/** One fresh process; the time to the first step comes from its own clock file, the exit time from here. */
function timeOnce(args: string[], cwd: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of Object.keys(env)) if (name.startsWith('WSBDD_') || name.startsWith('TS_NODE_')) delete env[name];
    const spawnedAt = performance.timeOrigin + performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const exitMs = performance.timeOrigin + performance.now() - spawnedAt;
      const mark = stderr.split('\n').find((line) => line.startsWith(FIRST_STEP_MARK));
      if (code !== 0 || mark === undefined) {
        reject(new Error(`${args.join(' ')} ended with ${signal ?? `exit code ${code}`} and no first step:\n${stderr}`));
        return;
      }
      const [at, cpu] = mark.slice(FIRST_STEP_MARK.length).split(' ').map(Number);
      resolve({ firstStepMs: at! - spawnedAt, firstStepCpuMs: cpu!, exitMs });
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function medians(timings: Timing[]): Timing {
  return {
    firstStepMs: median(timings.map((t) => t.firstStepMs)),
    firstStepCpuMs: median(timings.map((t) => t.firstStepCpuMs)),
    exitMs: median(timings.map((t) => t.exitMs)),
  };
}

export async function measureStartup(runs: number = DEFAULT_RUNS): Promise<StartupFigures> {
  const project = await mkdtemp(join(tmpdir(), 'wsbdd-startup-bench-'));
  try {
    const wsbddArgs = [join(ROOT, 'bin', 'wsbdd.js'), '--require', CLOCK, '--reports', join(project, 'reports'), FEATURE];
    const cucumberArgs = [CUCUMBER_BIN, '--require', PLAIN_STEPS, '--require', CLOCK, FEATURE];
    // One untimed run each fills the file system cache.
    await timeOnce(wsbddArgs, project);
    await timeOnce(cucumberArgs, project);
    const ours: Timing[] = [];
    const theirs: Timing[] = [];
    for (let run = 0; run < runs; run++) {
      // Alternate which goes first, so that neither always follows the other's exit.
      if (run % 2 === 0) {
        ours.push(await timeOnce(wsbddArgs, project));
        theirs.push(await timeOnce(cucumberArgs, project));
      } else {
        theirs.push(await timeOnce(cucumberArgs, project));
        ours.push(await timeOnce(wsbddArgs, project));
      }
    }
    const wsbdd = medians(ours);
    const cucumber = medians(theirs);
    return { runs, wsbdd, cucumber, ratio: wsbdd.firstStepMs / cucumber.firstStepMs,
      cpuRatio: wsbdd.firstStepCpuMs / cucumber.firstStepCpuMs, targetMs: STARTUP_TARGET_MS };
  } finally {
    await rm(project, { recursive: true, force: true });
  }
}

export function startupLines(figures: StartupFigures): string[] {
  const ms = (value: number) => `${value.toFixed(0)} ms`.padStart(8);
  const row = (name: string, t: Timing) => `  ${name.padEnd(22)} ${ms(t.firstStepMs).padStart(10)} ${ms(t.firstStepCpuMs)} ${ms(t.exitMs)}`;
  const met = figures.wsbdd.firstStepMs < figures.targetMs ? 'met' : 'NOT met';
  return [
    `start-up to the first step, median of ${figures.runs} runs each, alternating:`,
    `  ${'command'.padEnd(22)} ${'first step'.padStart(10)} ${'(CPU)'.padStart(8)} ${'exit'.padStart(8)}`,
    row('wsbdd', figures.wsbdd),
    row('cucumber-js (floor)', figures.cucumber),
    `  wsbdd / cucumber-js: ${figures.ratio.toFixed(2)}x to the first step (${figures.cpuRatio.toFixed(2)}x CPU); ` +
      `target under ${figures.targetMs} ms: ${met}`,
  ];
}

if (require.main === module) {
  const runs = Number(process.argv[2] ?? DEFAULT_RUNS);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
    process.stderr.write('usage: node dist/bench/startup.bench.js [runs, 1 to 50]\n');
    process.exitCode = 2;
  } else {
    measureStartup(runs).then(
      (figures) => process.stdout.write(`${startupLines(figures).join('\n')}\n`),
      (error: unknown) => {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exitCode = 1;
      },
    );
  }
}
