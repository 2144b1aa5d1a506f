import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Envelope } from '../../src/report/envelopes';
import { parseMessages } from '../../src/report/run-summary-from-messages';
import { REPO_ROOT } from '../repo-root';

export const ROOT = REPO_ROOT;
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'report-run');
const CUCUMBER = join(ROOT, 'node_modules', '.bin', 'cucumber-js');
const WSBDD = join(ROOT, 'bin', 'wsbdd.js');

export interface CucumberRun {
  child: ChildProcess;
  /** Resolves when the process has exited. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Kill the whole process group (cucumber and any parallel workers); safe to call twice. */
  kill(signal?: NodeJS.Signals): void;
  /** Signal the main process alone, as CI cancels, `timeout` and `docker stop` do. */
  signalMain(signal: NodeJS.Signals): void;
  /** What the run has written to stderr so far. */
  stderr(): string;
}

export interface RunOptions {
  features: string[];
  reportsDir: string;
  env?: Record<string, string>;
  args?: string[];
  /** The run is killed after this long; tests must never hang. */
  timeoutMs?: number;
  /** cucumber-js (the default) or the wsbdd command, both with the fixture configuration. */
  command?: 'cucumber-js' | 'wsbdd';
  /** The fixture configuration file, in test/fixtures/report-run. */
  config?: string;
}

/**
 * Runs cucumber-js as a child process with the project's configuration (minus its feature paths), the
 * fixture features given and reports written to `reportsDir`. The child leads its own process group, as a
 * shell job does, so that a signal can reach it and its parallel workers together, as Ctrl-C would.
 */
export function startCucumber(options: RunOptions): CucumberRun {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, WSBDD_REPORTS_DIR: options.reportsDir };
  for (const name of ['WSBDD_TARGET', 'NODE_TEST_CONTEXT', 'WSBDD_REPORT_TRANSCRIPT', 'WSBDD_REPORT_DIAGRAM', 'WSBDD_REPORT_FAILURE', 'WSBDD_REPORT_TRANSCRIPT_FORMAT', 'WSBDD_SECRET_HEADERS']) {
    if (!options.env || !(name in options.env)) delete env[name];
  }
  const child = spawn(
    process.execPath,
    // Cucumber reads --config relative to the working directory, even when given an absolute path.
    [
      options.command === 'wsbdd' ? WSBDD : CUCUMBER,
      '--config',
      relative(ROOT, join(FIXTURES, options.config ?? 'cucumber.js')),
      ...(options.args ?? []),
      ...options.features.map((feature) => relative(ROOT, join(FIXTURES, feature))),
    ],
    { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const kill = (signal: NodeJS.Signals = 'SIGKILL'): void => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const signalMain = (signal: NodeJS.Signals): void => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
  };
  const timer = setTimeout(() => kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolveDone) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveDone({ code, signal, stdout, stderr });
    });
  });
  return { child, done, kill, signalMain, stderr: () => stderr };
}

export async function runCucumber(options: RunOptions) {
  const run = startCucumber(options);
  try {
    return await run.done;
  } finally {
    run.kill();
  }
}

export async function tempReportsDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `wsbdd-${label}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export async function readEnvelopes(reportsDir: string): Promise<Envelope[]> {
  return parseMessages(await readFile(join(reportsDir, 'messages.ndjson'), 'utf8'));
}

/** Every line of messages.ndjson must be a whole JSON object. */
export async function readStrictEnvelopes(reportsDir: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(join(reportsDir, 'messages.ndjson'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Every file under a directory, recursively. */
export async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = resolve(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else files.push(path);
  }
  return files;
}

/** Waits until `check` returns true, polling; fails after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Test case status per scenario name, from messages (the worst step status of the last attempt). */
export function scenarioStatuses(envelopes: Envelope[]): Map<string, string> {
  const pickleNames = new Map<string, string>();
  const casePickles = new Map<string, string>();
  const startedCases = new Map<string, string>();
  const worst = new Map<string, string>();
  const order = ['UNKNOWN', 'PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED'];
  for (const envelope of envelopes) {
    if (envelope.pickle) pickleNames.set(envelope.pickle.id, envelope.pickle.name);
    if (envelope.testCase) casePickles.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) startedCases.set(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
    if (envelope.testStepFinished) {
      const caseId = startedCases.get(envelope.testStepFinished.testCaseStartedId) ?? '';
      const name = pickleNames.get(casePickles.get(caseId) ?? '') ?? '?';
      const status = envelope.testStepFinished.testStepResult.status;
      const current = worst.get(name) ?? 'PASSED';
      if (order.indexOf(status) > order.indexOf(current)) worst.set(name, status);
      else worst.set(name, current);
    }
  }
  return worst;
}

/** True once every step with one of these texts has started (cucumber writes messages as they happen). */
export function stepsStarted(envelopes: Envelope[], stepTexts: string[]): boolean {
  const pickleSteps = new Map<string, string>();
  const testSteps = new Map<string, string>();
  const started = new Set<string>();
  for (const envelope of envelopes) {
    for (const step of envelope.pickle?.steps ?? []) if (stepTexts.includes(step.text)) pickleSteps.set(step.id, step.text);
    for (const step of envelope.testCase?.testSteps ?? []) {
      const text = step.pickleStepId ? pickleSteps.get(step.pickleStepId) : undefined;
      if (text) testSteps.set(step.id, text);
    }
    const stepStarted = envelope.testStepStarted;
    const text = stepStarted ? testSteps.get(stepStarted.testStepId) : undefined;
    if (text) started.add(text);
  }
  return stepTexts.every((text) => started.has(text));
}
