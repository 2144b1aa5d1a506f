import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { loadSupport, runCucumber, type ISupportCodeLibrary } from '@cucumber/cucumber/api';

import { REPO_ROOT } from '../repo-root';

export { REPO_ROOT };

/** The compiled step library next to this compiled test: what a user's cucumber setup loads. */
export const STEPS_ENTRY = join(__dirname, '..', '..', 'steps', 'index.js');

// These tests choose their own targets and waits: a developer's WSBDD_TARGET must not redirect them.
delete process.env.WSBDD_TARGET;
delete process.env.WSBDD_TIMEOUT_MS;
// Reports of these runs go to a temporary directory, never into the repository.
process.env.WSBDD_REPORTS_DIR ??= mkdtempSync(join(tmpdir(), 'wsbdd-steps-test-'));

let library: Promise<ISupportCodeLibrary> | undefined;
const extraSupport: string[] = [];

/** Load these support files too (a test's own steps); only before the first run of the process. */
export function addSupportFiles(...paths: string[]): void {
  if (library) throw new Error('addSupportFiles must be called before the support code is loaded');
  extraSupport.push(...paths);
}

/** Cucumber loads support code once per process; every run of this process reuses it. */
export function supportLibrary(): Promise<ISupportCodeLibrary> {
  library ??= loadSupport(
    {
      sources: { paths: [], defaultDialect: 'en', names: [], tagExpression: '', order: 'defined' },
      support: { requirePaths: [STEPS_ENTRY, ...extraSupport] },
    },
    { cwd: REPO_ROOT },
  );
  return library;
}

/** A step definition as cucumber built it (not part of its typed API, so checked where used). */
export interface LoadedDefinition {
  pattern: string | RegExp;
  expression: { match(text: string): Array<{ getValue(thisObj: unknown): unknown }> | null };
}

/** The step definitions of the loaded library: what a step line of a feature file is matched against. */
export async function loadedDefinitions(): Promise<LoadedDefinition[]> {
  const loaded = (await supportLibrary()) as unknown as { stepDefinitions?: LoadedDefinition[] };
  if (!Array.isArray(loaded.stepDefinitions)) throw new Error('the cucumber support library has no stepDefinitions');
  return loaded.stepDefinitions;
}

export interface ScenarioOutcome {
  name: string;
  /** The worst step status: PASSED, FAILED, UNDEFINED, AMBIGUOUS, SKIPPED... */
  status: string;
  /** Text of the first step that did not pass, and the error message. */
  failedStep?: string;
  message: string;
}

const SEVERITY = ['PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED', 'UNKNOWN'];

interface Envelope {
  pickle?: { id: string; name: string; steps: Array<{ id: string; text: string }> };
  testCase?: { id: string; pickleId: string; testSteps: Array<{ id: string; pickleStepId?: string }> };
  testCaseStarted?: { id: string; testCaseId: string };
  testStepFinished?: { testCaseStartedId: string; testStepId: string; testStepResult: { status: string; message?: string } };
}

/** Run feature files in this process; resolves with each scenario's outcome, in run order. */
export async function runFeatures(paths: string[], worldParameters: Record<string, unknown> = {}): Promise<{ success: boolean; scenarios: ScenarioOutcome[] }> {
  const pickles = new Map<string, NonNullable<Envelope['pickle']>>();
  const testCases = new Map<string, NonNullable<Envelope['testCase']>>();
  const started = new Map<string, ScenarioOutcome & { testCaseId: string }>();
  const order: Array<ScenarioOutcome & { testCaseId: string }> = [];
  const onMessage = (envelope: Envelope) => {
    if (envelope.pickle) pickles.set(envelope.pickle.id, envelope.pickle);
    if (envelope.testCase) testCases.set(envelope.testCase.id, envelope.testCase);
    if (envelope.testCaseStarted) {
      const testCase = testCases.get(envelope.testCaseStarted.testCaseId)!;
      const outcome = { name: pickles.get(testCase.pickleId)!.name, status: 'PASSED', message: '', testCaseId: testCase.id };
      started.set(envelope.testCaseStarted.id, outcome);
      order.push(outcome);
    }
    const finished = envelope.testStepFinished;
    if (finished) {
      const outcome = started.get(finished.testCaseStartedId)!;
      const { status, message } = finished.testStepResult;
      if (SEVERITY.indexOf(status) > SEVERITY.indexOf(outcome.status)) {
        outcome.status = status;
        const testCase = testCases.get(outcome.testCaseId)!;
        const pickleStepId = testCase.testSteps.find((s) => s.id === finished.testStepId)?.pickleStepId;
        outcome.failedStep = pickles.get(testCase.pickleId)!.steps.find((s) => s.id === pickleStepId)?.text ?? 'a hook';
        outcome.message = message ?? '';
      }
    }
  };
  const sink = new PassThrough();
  sink.resume();
  const result = await runCucumber(
    {
      sources: { paths, defaultDialect: 'en', names: [], tagExpression: '', order: 'defined' },
      support: await supportLibrary(),
      runtime: { dryRun: false, failFast: false, filterStacktraces: true, parallel: 0, retry: 0, retryTagFilter: '', strict: true, worldParameters: worldParameters as never },
      formats: { stdout: 'summary', files: {}, publish: false, options: {} },
    },
    { cwd: REPO_ROOT, stdout: sink, stderr: sink, env: process.env },
    onMessage as (envelope: unknown) => void,
  );
  return { success: result.success, scenarios: order.map(({ testCaseId: _, ...outcome }) => outcome) };
}
