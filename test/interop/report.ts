import type { Verdict } from '../../src/conformance/results';
import type { FailedCase, Flip } from './verdicts';

export interface RunOutcome {
  run: number;
  reportsDir: string;
  wallMs: number;
  /** Exit status of `wsbdd conformance`, or the signal that ended it. */
  exitStatus: number | string;
  timedOut: boolean;
  /** Undefined when the run wrote no messages (see problem). */
  counts?: Record<Verdict, number>;
  cases?: number;
  overall?: string;
  problem?: string;
}

export interface ServerOutcome {
  server: string;
  label: string;
  version?: string;
  port?: number;
  /** Set when the server could not be installed or started, or a run produced no verdicts. */
  problem?: string;
  runs: RunOutcome[];
  flips: Flip[];
  failed: FailedCase[];
}

export interface InteropReport {
  startedAt: string;
  runsPerServer: number;
  servers: ServerOutcome[];
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** "258" when every run agrees, "258 / 257" when they do not. */
function perRun(runs: RunOutcome[], pick: (run: RunOutcome) => number | string | undefined): string {
  const values = runs.map((run) => pick(run) ?? '-').map(String);
  return new Set(values).size <= 1 ? (values[0] ?? '-') : values.join(' / ');
}

/** The table of servers, one row each; the same table goes into features/conformance/README.md. */
export function renderServerTable(report: InteropReport): string {
  const lines = [
    '| Server | Version | Cases | PASSED | FAILED | NON-STRICT | ERROR | Verdict | Flips between runs | Wall time per run |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |',
  ];
  for (const server of report.servers) {
    const { runs } = server;
    if (server.problem !== undefined && runs.every((run) => run.counts === undefined)) {
      lines.push(`| ${server.server} | ${cell(server.version ?? '-')} | - | - | - | - | - | not tested: ${cell(server.problem)} | - | - |`);
      continue;
    }
    lines.push(
      `| ${server.server} | ${cell(server.version ?? '-')} | ${perRun(runs, (r) => r.cases)} | ${perRun(runs, (r) => r.counts?.PASSED)} | ` +
        `${perRun(runs, (r) => r.counts?.FAILED)} | ${perRun(runs, (r) => r.counts?.['NON-STRICT'])} | ${perRun(runs, (r) => r.counts?.ERROR)} | ` +
        `${perRun(runs, (r) => r.overall)} | ${server.flips.length} | ${runs.map((r) => seconds(r.wallMs)).join(', ')} |`,
    );
  }
  return lines.join('\n');
}

/** Every FAILED case of every server in one table, as the README lists them under the server table. */
export function renderFailedTable(report: InteropReport): string {
  const rows = report.servers.flatMap((server) =>
    server.failed.map((failed) => `| ${server.server} | ${cell(failed.name)} | ${failed.sections.join(', ')} | ${failed.inRuns.join(', ')} | ${cell(failed.failure ?? '')} |`),
  );
  if (rows.length === 0) return 'No server has a FAILED case.';
  return ['| Server | FAILED case | RFC 6455 | Runs | First line of the failure |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

export function renderMarkdown(report: InteropReport): string {
  const out = [
    '# wsbdd conformance pack against real servers',
    '',
    `- Run: ${report.startedAt}, ${report.runsPerServer} run(s) of the pack per server`,
    '- Each server is a minimal echo server with its library\'s default settings on 127.0.0.1 (test/interop/servers/).',
    '',
    renderServerTable(report),
  ];
  for (const server of report.servers) {
    out.push('', `## ${server.server}: ${server.label}`, '');
    if (server.version) out.push(`- Version: ${server.version}`);
    if (server.problem) out.push(`- Problem: ${server.problem}`);
    for (const run of server.runs) {
      out.push(
        `- Run ${run.run}: ${run.overall ?? 'no verdicts'}, exit status ${run.exitStatus}${run.timedOut ? ' (timed out)' : ''}, ` +
          `${seconds(run.wallMs)}, reports in ${run.reportsDir}${run.problem ? `: ${run.problem}` : ''}`,
      );
    }
    if (server.flips.length > 0) {
      out.push('', `### Verdicts that differ between runs (${server.flips.length})`, '', '| Case | RFC 6455 | Verdicts | Failures |', '| --- | --- | --- | --- |');
      for (const flip of server.flips) {
        out.push(`| ${cell(flip.name)} | ${flip.sections.join(', ')} | ${flip.verdicts.join(' / ')} | ${cell(flip.failures.map((f) => f ?? '-').join(' / '))} |`);
      }
    }
    if (server.failed.length > 0) {
      out.push('', `### FAILED cases (${server.failed.length})`, '', '| Area | Case | RFC 6455 | Runs | First line of the failure |', '| --- | --- | --- | --- | --- |');
      for (const failed of server.failed) {
        out.push(`| ${cell(failed.area)} | ${cell(failed.name)} | ${failed.sections.join(', ')} | ${failed.inRuns.join(', ')} | ${cell(failed.failure ?? '')} |`);
      }
    }
  }
  return out.join('\n') + '\n';
}

export const README_START = '<!-- interop:start -->';
export const README_END = '<!-- interop:end -->';

/** The text with what lies between the two markers replaced; throws when the markers are missing. */
export function replaceMarkedSection(text: string, section: string): string {
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`no section between ${README_START} and ${README_END}`);
  return `${text.slice(0, start + README_START.length)}\n${section}\n${text.slice(end)}`;
}
