import { ATTACHMENT } from './attachment-names';
import { attachmentText, timestampMs, type Envelope } from './envelopes';
import type { ScenarioTimingReport } from './scenario-report';
import { formatBytes } from './frames';
import { contractSummary, contractSummaryPhrase, parseContractPart, type ContractPart, type ContractSummary } from './contract-summary';
import {
  TIMING_LABELS,
  TIMING_METRICS,
  formatMs,
  formatStats,
  round,
  timingStats,
  type TimingMetric,
  type TimingStats,
} from './timings';

/** Cucumber's statuses, worst last, as cucumber ranks them to decide a scenario's outcome. */
const STATUS_ORDER = ['unknown', 'passed', 'skipped', 'pending', 'undefined', 'ambiguous', 'failed'] as const;
export type ScenarioStatus = (typeof STATUS_ORDER)[number];

export type StatusCounts = Record<ScenarioStatus, number> & { total: number };

export interface ScenarioSummary {
  name: string;
  uri: string;
  status: ScenarioStatus;
  /** Cucumber's attempt number (0 for the first run; higher with --retry). */
  attempt: number;
  durationMs?: number;
  /** Skipped because the run was interrupted, not because of the scenario. */
  notRun: boolean;
  timings: Partial<Record<TimingMetric, TimingStats>>;
}

export interface FailureSummary {
  scenario: string;
  uri: string;
  step?: string;
  status: ScenarioStatus;
  message: string;
}

/** summary.json: the run at a glance, for people and CI. */
export interface RunSummary {
  version: 1;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  /** Cucumber's verdict; absent when the run did not finish (messages cut short). */
  success?: boolean;
  /** The run was stopped (SIGINT): scenarios after it were not run. */
  interrupted: boolean;
  /** Final attempts only: a scenario retried and then passed counts once, as passed. */
  scenarios: StatusCounts & { notRun: number; retried: number };
  steps: StatusCounts;
  /** Over every sample of every scenario. */
  timings: Partial<Record<TimingMetric, TimingStats>>;
  /** True when a scenario had too many samples and attached a thinned set. */
  timingsThinned: boolean;
  frames: { in: number; out: number };
  bytes: { in: number; out: number };
  failures: FailureSummary[];
  scenarioList: ScenarioSummary[];
  /** Per AsyncAPI document the run used: what it exercised and how often it broke; absent when none was used. */
  contract?: ContractSummary[];
}

interface AttemptState {
  testCaseId: string;
  attempt: number;
  startedAt?: number;
  finishedAt?: number;
  finished: boolean;
  willBeRetried: boolean;
  steps: Array<{ testStepId: string; status: ScenarioStatus }>;
  failure?: { step?: string; status: ScenarioStatus; message: string };
  timing?: ScenarioTimingReport;
  notRun: boolean;
  interrupted: boolean;
  contract?: ContractPart;
}

/** Failures listed in full in the summary; the counts always cover all of them. */
const MAX_LISTED_FAILURES = 50;

/**
 * Builds the run summary from Cucumber messages, in any process that sees them: a formatter in the
 * coordinator (which receives every worker's messages), or a reader of messages.ndjson after the run.
 */
export class RunSummaryCollector {
  private startedAt?: number;
  private finishedAt?: number;
  private success?: boolean;
  private readonly pickles = new Map<string, NonNullable<Envelope['pickle']>>();
  private readonly testCases = new Map<string, NonNullable<Envelope['testCase']>>();
  private readonly attempts = new Map<string, AttemptState>();

  add(envelope: Envelope): void {
    if (envelope.testRunStarted) this.startedAt = timestampMs(envelope.testRunStarted.timestamp);
    else if (envelope.testRunFinished) {
      this.finishedAt = timestampMs(envelope.testRunFinished.timestamp);
      this.success = envelope.testRunFinished.success;
    } else if (envelope.pickle) this.pickles.set(envelope.pickle.id, envelope.pickle);
    else if (envelope.testCase) this.testCases.set(envelope.testCase.id, envelope.testCase);
    else if (envelope.testCaseStarted) {
      const started = envelope.testCaseStarted;
      this.attempts.set(started.id, {
        testCaseId: started.testCaseId,
        attempt: started.attempt,
        startedAt: timestampMs(started.timestamp),
        finished: false,
        willBeRetried: false,
        steps: [],
        notRun: false,
        interrupted: false,
      });
    } else if (envelope.testCaseFinished) {
      const attempt = this.attempts.get(envelope.testCaseFinished.testCaseStartedId);
      if (attempt) {
        attempt.finished = true;
        attempt.finishedAt = timestampMs(envelope.testCaseFinished.timestamp);
        attempt.willBeRetried = envelope.testCaseFinished.willBeRetried;
      }
    } else if (envelope.testStepFinished) this.addStepResult(envelope.testStepFinished);
    else if (envelope.attachment) this.addAttachment(envelope.attachment);
  }

  private addStepResult(finished: NonNullable<Envelope['testStepFinished']>): void {
    const attempt = this.attempts.get(finished.testCaseStartedId);
    if (!attempt) return;
    const status = normaliseStatus(finished.testStepResult.status);
    attempt.steps.push({ testStepId: finished.testStepId, status });
    const failing = status === 'failed' || status === 'ambiguous' || status === 'undefined' || status === 'pending';
    if (failing && !attempt.failure) {
      attempt.failure = {
        step: this.stepText(attempt.testCaseId, finished.testStepId),
        status,
        message: finished.testStepResult.message ?? status,
      };
    }
  }

  private addAttachment(attachment: NonNullable<Envelope['attachment']>): void {
    const attempt = attachment.testCaseStartedId ? this.attempts.get(attachment.testCaseStartedId) : undefined;
    if (!attempt) return;
    if (attachment.fileName === ATTACHMENT.timings.fileName) {
      try {
        attempt.timing = JSON.parse(attachmentText(attachment)) as ScenarioTimingReport;
        attempt.interrupted = attempt.timing.interrupted === true;
      } catch {
        // A damaged timings attachment leaves this scenario out of the figures; the counts stay right.
      }
    } else if (attachment.fileName === ATTACHMENT.notRun.fileName) {
      attempt.notRun = true;
    } else if (attachment.fileName === ATTACHMENT.contract.fileName) {
      attempt.contract = parseContractPart(attachmentText(attachment));
    }
  }

  private stepText(testCaseId: string, testStepId: string): string | undefined {
    const testCase = this.testCases.get(testCaseId);
    const step = testCase?.testSteps.find((candidate) => candidate.id === testStepId);
    if (!testCase || !step) return undefined;
    if (!step.pickleStepId) return 'a hook';
    return this.pickles.get(testCase.pickleId)?.steps.find((pickleStep) => pickleStep.id === step.pickleStepId)?.text;
  }

  /** The contract parts of the final attempts, for the coverage report and its section in report.html. */
  contractParts(): ContractPart[] {
    return [...this.attempts.values()].filter((attempt) => !attempt.willBeRetried && attempt.contract).map((attempt) => attempt.contract!);
  }

  summary(): RunSummary {
    const finalAttempts = [...this.attempts.values()].filter((attempt) => !attempt.willBeRetried);
    const scenarios = { ...emptyCounts(), notRun: 0, retried: 0 };
    const steps = emptyCounts();
    const samples = Object.fromEntries(TIMING_METRICS.map((metric) => [metric, [] as number[]])) as Record<
      TimingMetric,
      number[]
    >;
    const frames = { in: 0, out: 0 };
    const bytes = { in: 0, out: 0 };
    const failures: FailureSummary[] = [];
    const scenarioList: ScenarioSummary[] = [];
    let thinned = false;

    for (const attempt of finalAttempts) {
      const testCase = this.testCases.get(attempt.testCaseId);
      const pickle = testCase ? this.pickles.get(testCase.pickleId) : undefined;
      const status = attempt.finished ? worstStatus(attempt.steps.map((step) => step.status)) : 'unknown';
      scenarios[status]++;
      scenarios.total++;
      if (attempt.notRun) scenarios.notRun++;
      if (attempt.attempt > 0) scenarios.retried++;
      if (testCase) this.countSteps(testCase, attempt, steps);
      for (const metric of TIMING_METRICS) {
        for (const sample of attempt.timing?.samples[metric] ?? []) samples[metric].push(sample);
      }
      if (attempt.timing) {
        thinned ||= attempt.timing.thinned;
        frames.in += attempt.timing.frames.in;
        frames.out += attempt.timing.frames.out;
        bytes.in += attempt.timing.bytes.in;
        bytes.out += attempt.timing.bytes.out;
      }
      const name = pickle?.name ?? attempt.testCaseId;
      const uri = pickle?.uri ?? '';
      if (status !== 'passed' && status !== 'skipped' && attempt.failure && failures.length < MAX_LISTED_FAILURES) {
        failures.push({ scenario: name, uri, ...attempt.failure, status });
      }
      scenarioList.push({
        name,
        uri,
        status,
        attempt: attempt.attempt,
        durationMs:
          attempt.startedAt !== undefined && attempt.finishedAt !== undefined ? round(attempt.finishedAt - attempt.startedAt) : undefined,
        notRun: attempt.notRun,
        timings: attempt.timing?.stats ?? {},
      });
    }

    const timings: Partial<Record<TimingMetric, TimingStats>> = {};
    for (const metric of TIMING_METRICS) {
      const stats = timingStats(samples[metric]);
      if (stats) timings[metric] = stats;
    }
    return {
      version: 1,
      startedAt: isoTime(this.startedAt),
      finishedAt: isoTime(this.finishedAt),
      durationMs:
        this.startedAt !== undefined && this.finishedAt !== undefined ? round(this.finishedAt - this.startedAt) : undefined,
      success: this.success,
      interrupted: scenarios.notRun > 0 || finalAttempts.some((attempt) => attempt.interrupted),
      scenarios,
      steps,
      timings,
      timingsThinned: thinned,
      frames,
      bytes,
      failures,
      scenarioList,
      ...(this.contractParts().length > 0 ? { contract: contractSummary(this.contractParts()) } : {}),
    };
  }

  private countSteps(testCase: NonNullable<Envelope['testCase']>, attempt: AttemptState, steps: StatusCounts): void {
    // Hooks are test steps too; count the scenario's own steps only.
    const pickleSteps = new Set(testCase.testSteps.filter((step) => step.pickleStepId).map((step) => step.id));
    for (const step of attempt.steps) {
      if (!pickleSteps.has(step.testStepId)) continue;
      steps[step.status]++;
      steps.total++;
    }
  }
}

function emptyCounts(): StatusCounts {
  return { total: 0, unknown: 0, passed: 0, skipped: 0, pending: 0, undefined: 0, ambiguous: 0, failed: 0 };
}

function normaliseStatus(status: string): ScenarioStatus {
  const lower = status.toLowerCase();
  return (STATUS_ORDER as readonly string[]).includes(lower) ? (lower as ScenarioStatus) : 'unknown';
}

function worstStatus(statuses: ScenarioStatus[]): ScenarioStatus {
  if (statuses.length === 0) return 'passed';
  return statuses.reduce((worst, status) => (STATUS_ORDER.indexOf(status) > STATUS_ORDER.indexOf(worst) ? status : worst));
}

function isoTime(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

const COUNT_ORDER: ScenarioStatus[] = ['passed', 'failed', 'undefined', 'ambiguous', 'pending', 'skipped', 'unknown'];

/**
 * "5 scenarios (2 passed, 1 failed, 2 not run)": the parts add up to the total. Scenarios not run because
 * the run was interrupted are counted as that, not also among the skipped (cucumber skips them).
 */
function describeCounts(counts: StatusCounts, noun: string, notRun = 0): string {
  const shown = { ...counts, skipped: counts.skipped - Math.min(notRun, counts.skipped) };
  const parts = COUNT_ORDER.filter((status) => shown[status] > 0).map((status) => `${shown[status]} ${status}`);
  if (notRun > 0) parts.push(`${notRun} not run`);
  return `${counts.total} ${noun}${counts.total === 1 ? '' : 's'}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** One line for the console at the end of a run. */
export function summaryLine(summary: RunSummary, summaryPath?: string): string {
  const parts = [`wsbdd: ${describeCounts(summary.scenarios, 'scenario', summary.scenarios.notRun)}`];
  if (summary.interrupted) parts.push('INTERRUPTED');
  if (summary.durationMs !== undefined) parts.push(formatMs(summary.durationMs));
  const short: Record<TimingMetric, string> = {
    connectMs: 'connect',
    handshakeMs: 'handshake',
    pingRttMs: 'ping rtt',
    messageRttMs: 'message rtt',
    fanOutMs: 'fan-out',
  };
  for (const metric of TIMING_METRICS) {
    const stats = summary.timings[metric];
    if (stats) parts.push(`${short[metric]} p50 ${formatMs(stats.p50)} p95 ${formatMs(stats.p95)}`);
  }
  const contract = contractSummaryPhrase(summary.contract ?? []);
  if (contract) parts.push(contract);
  if (summaryPath) parts.push(summaryPath);
  return parts.join(' · ');
}

/** The summary as a few lines of text, for the HTML report; `sections` go at its end (the contract's). */
export function summaryText(summary: RunSummary, sections: string[] = []): string {
  const lines = [`wsbdd run summary${summary.interrupted ? ' (interrupted: the rest was not run)' : ''}`];
  lines.push(`${describeCounts(summary.scenarios, 'scenario', summary.scenarios.notRun)} · ${describeCounts(summary.steps, 'step')}`);
  if (summary.durationMs !== undefined) lines.push(`duration: ${formatMs(summary.durationMs)}`);
  lines.push(
    `frames: ${summary.frames.out} out (${formatBytes(summary.bytes.out)}), ${summary.frames.in} in (${formatBytes(summary.bytes.in)})`,
  );
  const metrics = TIMING_METRICS.filter((metric) => summary.timings[metric]);
  if (metrics.length === 0) lines.push('timings: no samples');
  for (const metric of metrics) {
    const stats = summary.timings[metric];
    if (stats) lines.push(`${TIMING_LABELS[metric]}: ${formatStats(stats)}`);
  }
  if (summary.failures.length > 0) {
    lines.push('', 'not passed:');
    for (const failure of summary.failures) {
      const firstLine = failure.message.split('\n', 1)[0] ?? '';
      lines.push(`  ${failure.uri}: ${failure.scenario} [${failure.status}]${failure.step ? ` at "${failure.step}"` : ''}: ${firstLine}`);
    }
  }
  lines.push(...sections);
  return lines.join('\n') + '\n';
}
