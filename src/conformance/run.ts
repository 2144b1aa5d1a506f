import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Writable } from 'node:stream';
import {
  loadConfiguration,
  loadSources,
  loadSupport,
  runCucumber,
  type IConfiguration,
  type IRunConfiguration,
  type ISupportCodeLibrary,
} from '@cucumber/cucumber/api';
import { usableSettings } from '../world/settings-check';
import { UsageError } from '../usage-error';
import { REPORT_FILES, reportFormats } from '../report/report-formats';
import type { WsbddSettings } from '../world/config';
import { locatePackFiles, type PackFiles } from './pack-files';
import { checkTarget, describeUnreachable } from './reachability';
import { collectCaseResults, type CaseResult, type RunEnvelope } from './results';
import { renderMarkdown, summarize, type ConformanceSummary } from './conformance-report';
import { Redactor } from '../secrets/redact';
import { renderUnreachableJunit, renderUnreachableMarkdown, unreachableSummary } from './unreachable-report';

export interface PackRunOptions {
  /** ws:// or wss:// URL of an echo endpoint; absent: the embedded mock server. */
  target?: string;
  /** A cucumber tag expression, e.g. "@must and not @fail-fast". */
  tags?: string;
  /** Feature files or directories to run instead of the whole pack. */
  paths?: string[];
  /** Only scenarios whose names match one of these regular expressions. */
  names?: string[];
  /** Where the reports go; default $WSBDD_REPORTS_DIR or "reports". */
  reportsDir?: string;
  /** Cucumber formats; default: progress on stdout plus the usual report files in reportsDir. */
  formats?: string[];
  /** Default wait of every step, in ms (world parameter timeoutMs). */
  timeoutMs?: number;
  parallel?: number;
  /** Stop at the first failing scenario. */
  failFast?: boolean;
  /** More world parameters (tls, ...). */
  worldParameters?: Record<string, unknown>;
  /** Support code to use instead of the pack's own (loadPackSupport(), loaded once per process). */
  support?: ISupportCodeLibrary;
  /** Write reports/conformance.md; default true. */
  writeReport?: boolean;
  stdout?: Writable;
  stderr?: Writable;
}

export interface PackRunResult {
  results: CaseResult[];
  summary: ConformanceSummary;
  markdown: string;
  durationMs: number;
  /** Path of the conformance report, when written. */
  reportPath?: string;
  /** Cucumber's own verdict (false also for undefined steps or a failing hook). */
  cucumberSuccess: boolean;
  /** Set when the target could not be reached, so no case ran: why ("cannot reach target ...: ECONNREFUSED (...)"). */
  unreachable?: string;
}

/** The embedded mock server is the target when none is given; the report says so. */
export const MOCK_TARGET_LABEL = 'the embedded mock server (ws)';

/**
 * The target as the World will resolve it (the option, else WSBDD_TARGET, else the mock server), as the
 * reports show it: a password in its URL masked.
 */
function targetLabel(options: PackRunOptions): string {
  return masked(options.target ?? (process.env.WSBDD_TARGET?.trim() || MOCK_TARGET_LABEL));
}

function masked(text: string): string {
  return new Redactor().text(text);
}

function reportsDirOf(options: PackRunOptions): string {
  return options.reportsDir ?? (process.env.WSBDD_REPORTS_DIR || 'reports');
}

/** The usual wsbdd reports; report.html also shows the conformance summary. */
function defaultFormats(reportsDir: string, files: PackFiles): string[] {
  return reportFormats(reportsDir, { html: files.formatters.html });
}

function environment(options: PackRunOptions) {
  return {
    cwd: process.cwd(),
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
    env: process.env,
  };
}

function worldParametersOf(options: PackRunOptions): Record<string, unknown> {
  const worldParameters: Record<string, unknown> = { ...options.worldParameters };
  if (options.target !== undefined) worldParameters.target = options.target;
  if (options.timeoutMs !== undefined) worldParameters.timeoutMs = options.timeoutMs;
  return worldParameters;
}

/** The settings every scenario's World will resolve, read once for the reachability check. */
function runSettings(options: PackRunOptions): WsbddSettings {
  return usableSettings(worldParametersOf(options), process.env);
}

async function resolveRunConfiguration(options: PackRunOptions, files: PackFiles): Promise<IRunConfiguration> {
  const worldParameters = worldParametersOf(options);
  const { runConfiguration } = await loadConfiguration(
    {
      file: false,
      provided: {
        paths: options.paths ?? [files.featuresDir],
        name: options.names ?? [],
        tags: options.tags ?? '',
        require: [files.stepsGlob],
        requireModule: files.requireModules,
        format: options.formats ?? defaultFormats(reportsDirOf(options), files),
        formatOptions: {
          junit: { suiteName: 'wsbdd conformance' },
          wsbddConformance: { target: targetLabel(options), embeddedMock: targetLabel(options) === MOCK_TARGET_LABEL },
        },
        worldParameters: worldParameters as IConfiguration['worldParameters'],
        parallel: options.parallel ?? 0,
        failFast: options.failFast ?? false,
      },
    },
    environment(options),
  );
  return runConfiguration;
}

let packSupport: Promise<ISupportCodeLibrary> | undefined;

/**
 * The pack's step definitions, loaded once per process: step files register themselves when first
 * required, so a second load would find them in the require cache and register nothing.
 */
export function loadPackSupport(options: Pick<PackRunOptions, 'stdout' | 'stderr'> = {}): Promise<ISupportCodeLibrary> {
  packSupport ??= (async () => {
    const files = locatePackFiles();
    prepareTsNode(files);
    const runConfiguration = await resolveRunConfiguration({ ...options, formats: [] }, files);
    return loadSupport(runConfiguration, environment(options));
  })();
  return packSupport;
}

/** Refuse to run nothing: an empty selection must not read as a conformant server. */
async function checkPlan(runConfiguration: IRunConfiguration, options: PackRunOptions): Promise<void> {
  const { plan, errors } = await loadSources(runConfiguration.sources, environment(options));
  if (errors.length > 0) {
    throw new UsageError(`the pack's feature files have errors:\n${errors.map((e) => `  ${e.uri}:${e.location.line}: ${e.message}`).join('\n')}`);
  }
  if (plan.length === 0) {
    const filter = [options.tags && `tags "${options.tags}"`, options.names?.length && `names ${options.names.join(', ')}`].filter(Boolean).join(' and ');
    throw new UsageError(`no case of the conformance pack matches ${filter || 'the selection'}`);
  }
}

function prepareTsNode(files: PackFiles): void {
  // Sources are type-checked by tsc already; ts-node only has to transpile them.
  if (files.requireModules.includes('ts-node/register')) process.env.TS_NODE_TRANSPILE_ONLY ??= 'true';
}

/**
 * Run the conformance pack with cucumber's own runner (so every usual report is written), then judge
 * each case from the run's messages and write reports/conformance.md.
 */
export async function runConformancePack(options: PackRunOptions = {}): Promise<PackRunResult> {
  const files = locatePackFiles();
  prepareTsNode(files);
  const runConfiguration = await resolveRunConfiguration(options, files);
  await checkPlan(runConfiguration, options);
  const startedAt = new Date();
  const settings = runSettings(options);
  if (settings.target !== undefined) {
    const check = await checkTarget(settings.target, { timeoutMs: settings.timeoutMs, ...(settings.tls ? { tls: settings.tls } : {}) });
    if (!check.reachable) return unreachableRun(options, settings.target, startedAt, describeUnreachable(settings.target, check));
  }
  const envelopes: RunEnvelope[] = [];
  const started = performance.now();
  const support = options.support ?? (await loadPackSupport(options));
  const { success } = await runCucumber(
    { ...runConfiguration, support },
    environment(options),
    (envelope) => envelopes.push(envelope as RunEnvelope),
  );
  const durationMs = performance.now() - started;
  const results = collectCaseResults(envelopes);
  const markdown = renderMarkdown(results, {
    target: targetLabel(options),
    embeddedMock: targetLabel(options) === MOCK_TARGET_LABEL,
    startedAt,
    durationMs,
    ...(options.tags ? { tags: options.tags } : {}),
  });
  const reportPath = await writeReport(options, markdown);
  return { results, summary: summarize(results), markdown, durationMs, cucumberSuccess: success, ...(reportPath ? { reportPath } : {}) };
}

async function writeReport(options: PackRunOptions, markdown: string): Promise<string | undefined> {
  if (!(options.writeReport ?? true)) return undefined;
  const dir = reportsDirOf(options);
  await mkdir(dir, { recursive: true });
  const reportPath = join(dir, 'conformance.md');
  await writeFile(reportPath, markdown);
  return reportPath;
}

async function unreachableRun(options: PackRunOptions, givenTarget: string, startedAt: Date, givenReason: string): Promise<PackRunResult> {
  const target = masked(givenTarget);
  const reason = masked(givenReason);
  const markdown = renderUnreachableMarkdown({ target, startedAt, reason });
  const reportPath = await writeReport(options, markdown);
  // Files of an earlier run would read as this run's results: junit.xml says what happened, the rest goes.
  if (reportPath !== undefined && options.formats === undefined) {
    const dir = reportsDirOf(options);
    const { junit, ...others } = REPORT_FILES;
    await writeFile(join(dir, junit), renderUnreachableJunit({ target, startedAt, reason }));
    await Promise.all(Object.values(others).map((file) => rm(join(dir, file), { force: true })));
  }
  return {
    results: [],
    summary: unreachableSummary(),
    markdown,
    durationMs: Date.now() - startedAt.getTime(),
    cucumberSuccess: false,
    unreachable: reason,
    ...(reportPath ? { reportPath } : {}),
  };
}
