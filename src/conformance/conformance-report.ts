import { collectFindings, findingLines } from './findings';
import type { CaseResult, Verdict } from './results';

/** The pack's areas in reading order; a feature not listed here is shown after them. */
export const AREA_ORDER = [
  'Opening handshake',
  'Framing',
  'Pings and pongs',
  'Reserved bits',
  'Opcodes',
  'Fragmentation',
  'UTF-8 handling',
  'Close handling',
  'Limits and sizes',
  'Compression',
];

export interface AreaSummary {
  area: string;
  cases: number;
  passed: number;
  /** FAILED cases: protocol violations. */
  failed: number;
  nonStrict: number;
  /** ERROR cases: nothing was checked (see Verdict), which is no finding about the server. */
  errors: number;
  notRun: number;
  /** SKIPPED cases: they need something optional the server declined (permessage-deflate). */
  skipped: number;
}

export interface ConformanceSummary {
  areas: AreaSummary[];
  total: AreaSummary;
  /** Exit status of `wsbdd conformance`: 1 when a @must case failed, or a case could not run or was not run. */
  exitCode: 0 | 1;
  /**
   * One word for the whole run. Only FAILED says the server violates RFC 6455; INCOMPLETE is a run
   * with cases that could not run or were not run and no violation; NOT-TESTED, a target that could
   * not be reached at all.
   */
  overall: 'PASSED' | 'NON-STRICT' | 'FAILED' | 'INCOMPLETE' | 'NOT-TESTED';
}

export interface ReportContext {
  /** What was tested, as shown in the report header. */
  target: string;
  startedAt: Date;
  durationMs: number;
  /** The tag expression the run was filtered with, if any. */
  tags?: string;
  /**
   * The target is the embedded mock server, whose known deviations (@known-deviation-* tags) are
   * named as such; against any other server they are ordinary findings.
   */
  embeddedMock?: boolean;
}

export function summarize(results: CaseResult[]): ConformanceSummary {
  const byArea = new Map<string, AreaSummary>();
  const total: AreaSummary = emptyRow('Total');
  for (const result of results) {
    let area = byArea.get(result.area);
    if (!area) {
      area = emptyRow(result.area);
      byArea.set(result.area, area);
    }
    for (const row of [area, total]) {
      row.cases++;
      if (result.verdict === 'PASSED') row.passed++;
      else if (result.verdict === 'NON-STRICT') row.nonStrict++;
      else if (result.verdict === 'NOT-RUN') row.notRun++;
      else if (result.verdict === 'ERROR') row.errors++;
      else if (result.verdict === 'SKIPPED') row.skipped++;
      else row.failed++;
    }
  }
  const areas = [...byArea.values()].sort((a, b) => areaRank(a.area) - areaRank(b.area));
  const incomplete = total.errors > 0 || total.notRun > 0;
  const overall = total.failed > 0 ? 'FAILED' : incomplete ? 'INCOMPLETE' : total.nonStrict > 0 ? 'NON-STRICT' : 'PASSED';
  return { areas, total, exitCode: total.failed > 0 || incomplete ? 1 : 0, overall };
}

export function emptyRow(area: string): AreaSummary {
  return { area, cases: 0, passed: 0, failed: 0, nonStrict: 0, errors: 0, notRun: 0, skipped: 0 };
}

function areaRank(area: string): number {
  const index = AREA_ORDER.indexOf(area);
  return index < 0 ? AREA_ORDER.length : index;
}

/** Who a @known-deviation-<name> tag is about. */
const DEVIATION_OWNERS: Record<string, string> = {
  ws: 'the ws library',
  mock: "wsbdd's embedded mock server",
};

const VERDICT_NOTE: Record<Verdict, string> = {
  PASSED: 'passed',
  FAILED: 'FAILED',
  'NON-STRICT': 'NON-STRICT',
  ERROR: 'ERROR (the case could not run)',
  'NOT-RUN': 'not run',
  SKIPPED: 'skipped',
};

/** What each verdict means; the report explains only those that occur in it. */
const VERDICT_LEGEND: Array<[Verdict, string]> = [
  ['FAILED', 'FAILED: a `@must` case failed, the server violates RFC 6455.'],
  [
    'NON-STRICT',
    'NON-STRICT: a `@should` or `@informational` case failed, or a `@must` case held what the RFC requires but not what it recommends (e.g. the connection was failed by a TCP close instead of a close frame with 1002); the server is conformant but not strict.',
  ],
  ['ERROR', 'ERROR: the case could not run (it never reached the server, or a step is undefined or ambiguous); it says nothing about the server.'],
  ['NOT-RUN', 'Not run: the run stopped before the case.'],
  ['SKIPPED', 'Skipped: the case needs something optional the server declined (permessage-deflate); no finding either way.'],
];

/** reports/conformance.md: the summary table, then every area's cases with their verdicts. */
export function renderMarkdown(results: CaseResult[], context: ReportContext): string {
  const summary = summarize(results);
  const lines: string[] = [
    '# RFC 6455 conformance report',
    '',
    `- Target: ${context.target}`,
    `- Run: ${context.startedAt.toISOString()}, ${summary.total.cases} cases in ${(context.durationMs / 1000).toFixed(1)} s` +
      (context.tags ? `, tags \`${context.tags}\`` : ''),
    `- Verdict: **${summary.overall}**` + overallNote(summary),
    '',
    ...legend(results),
    '| Area | Cases | Passed | Failed | Non-strict | Error | Not run | Skipped |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...summary.areas.map(tableRow),
    tableRow({ ...summary.total, area: '**Total**' }),
  ];
  const findings = findingLines(collectFindings(results));
  if (findings.length > 0) lines.push('', '## Findings', '', ...findings);

  for (const area of summary.areas) {
    lines.push('', `## ${area.area}`, '', '| Case | RFC 6455 | Level | Verdict | Details |', '| --- | --- | --- | --- | --- |');
    for (const result of results.filter((r) => r.area === area.area)) lines.push(caseRow(result, context.embeddedMock === true));
  }
  return `${lines.join('\n')}\n`;
}

function overallNote(summary: ConformanceSummary): string {
  const { failed, nonStrict, errors, notRun, skipped } = summary.total;
  const parts = [
    failed > 0 && `${failed} failed`,
    nonStrict > 0 && `${nonStrict} non-strict`,
    errors > 0 && `${errors} could not run`,
    notRun > 0 && `${notRun} not run`,
    skipped > 0 && `${skipped} skipped`,
  ].filter(Boolean);
  if (parts.length === 0) return '';
  return failed === 0 ? ` (no violation found; ${parts.join(', ')})` : ` (${parts.join(', ')})`;
}

function legend(results: CaseResult[]): string[] {
  const present = new Set(results.map((r) => r.verdict));
  const lines = VERDICT_LEGEND.filter(([verdict]) => present.has(verdict)).map(([, text]) => text);
  return lines.length > 0 ? [...lines, ''] : [];
}

function tableRow(row: AreaSummary): string {
  return `| ${row.area} | ${row.cases} | ${row.passed} | ${row.failed} | ${row.nonStrict} | ${row.errors} | ${row.notRun} | ${row.skipped} |`;
}

function caseRow(result: CaseResult, embeddedMock: boolean): string {
  const details: string[] = [];
  if (result.skipped) details.push(result.skipped);
  if (result.notConnected) details.push(`never reached the server: ${result.notConnected}`);
  else if (result.verdict !== 'PASSED' && result.failure) details.push(result.failure);
  details.push(...result.nonStrict.map((n) => `short of a SHOULD: ${n}`));
  if (result.verdict !== 'PASSED' && result.knownDeviation && embeddedMock) {
    const owner = DEVIATION_OWNERS[result.knownDeviation] ?? result.knownDeviation;
    details.push(`known deviation of ${owner} (see features/conformance/README.md)`);
  }
  details.push(...result.observations.map((o) => `observed: ${o}`));
  const cells = [
    result.name,
    result.sections.join(', '),
    result.strictness,
    VERDICT_NOTE[result.verdict],
    details.join('; '),
  ];
  return `| ${cells.map(escapeCell).join(' | ')} |`;
}

function escapeCell(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  const short = flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
  return short.replace(/\|/g, '\\|');
}
