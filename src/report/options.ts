import { DIAGRAM_DEFAULTS } from './diagram-model';
import { ReportError, ReportErrorCode } from './errors';
import { parseHeaderList } from '../secrets/redact';
import { DEFAULT_MAX_ENTRIES, DEFAULT_TEXT_PREVIEW } from './transcript-text';
import { DEFAULT_TRANSCRIPT_LIMIT } from '../transcript/transcript';

/** When an attachment is added to a scenario. */
export type AttachWhen = 'always' | 'failure' | 'never';
export type TranscriptFormat = 'text' | 'html';

/** What is attached to each scenario, and how much of it. */
export interface ReportOptions {
  /** The wire transcript. Default: always. */
  transcript: AttachWhen;
  /** text/plain, text/html (a table, for viewers that render HTML attachments), or both. Default: text. */
  transcriptFormats: TranscriptFormat[];
  /** The SVG sequence diagram. Default: on failure. */
  diagram: AttachWhen;
  /** The failing step's expectation next to what arrived. Default: on failure; "always" means the same. */
  failure: AttachWhen;
  /** Extra header names whose values are secret (Authorization, Cookie, Set-Cookie, Proxy-Authorization always are). */
  secretHeaders: string[];
  /** Characters of payload shown per frame in the transcript. */
  previewLimit: number;
  /** Events listed at most in a transcript. */
  maxEntries: number;
  /** Rows drawn at most in a diagram. */
  maxDiagramRows: number;
  /** Client lanes drawn at most in a diagram. */
  maxDiagramLanes: number;
  /**
   * Events a scenario's transcript keeps while it runs: the first half and the last half; the rest is
   * counted (a flooding server must not fill memory). Also what every report of it is built from.
   */
  transcriptLimit: number;
}

export const DEFAULT_REPORT_OPTIONS: Readonly<ReportOptions> = {
  transcript: 'always',
  transcriptFormats: ['text'],
  diagram: 'failure',
  failure: 'failure',
  secretHeaders: [],
  previewLimit: DEFAULT_TEXT_PREVIEW,
  maxEntries: DEFAULT_MAX_ENTRIES,
  maxDiagramRows: DIAGRAM_DEFAULTS.maxRows,
  maxDiagramLanes: DIAGRAM_DEFAULTS.maxClientLanes,
  transcriptLimit: DEFAULT_TRANSCRIPT_LIMIT,
};

/** Environment variables read, each overriding the matching world parameter. */
export const REPORT_ENV = {
  transcript: 'WSBDD_REPORT_TRANSCRIPT',
  transcriptFormats: 'WSBDD_REPORT_TRANSCRIPT_FORMAT',
  diagram: 'WSBDD_REPORT_DIAGRAM',
  failure: 'WSBDD_REPORT_FAILURE',
  secretHeaders: 'WSBDD_SECRET_HEADERS',
  transcriptLimit: 'WSBDD_TRANSCRIPT_LIMIT',
} as const;

/**
 * Reads report options from world parameters (`reports: {...}`, plus `secretHeaders` at the top level)
 * and the environment; the environment wins, except for secret headers, which add up. Bad values throw a
 * ReportError naming the option and the values it accepts.
 */
export function resolveReportOptions(parameters: unknown, env: NodeJS.ProcessEnv = process.env): ReportOptions {
  const params = isRecord(parameters) ? parameters : {};
  const reports = isRecord(params.reports) ? params.reports : {};
  // Returns the value and where it came from, so that an error names the place to fix.
  const pick = (key: keyof typeof REPORT_ENV, param: string = key): [unknown, string] => {
    const fromEnv = env[REPORT_ENV[key]];
    return fromEnv !== undefined && fromEnv !== '' ? [fromEnv, REPORT_ENV[key]] : [reports[param], `reports.${param}`];
  };

  const [formatValue, formatSource] = pick('transcriptFormats');
  const formats = stringList(formatValue, formatSource);
  for (const format of formats) {
    if (format !== 'text' && format !== 'html') throw badOption(formatSource, format, 'text, html (comma separated)');
  }
  return {
    transcript: attachWhen(pick('transcript'), DEFAULT_REPORT_OPTIONS.transcript),
    transcriptFormats: formats.length > 0 ? [...new Set(formats as TranscriptFormat[])] : [...DEFAULT_REPORT_OPTIONS.transcriptFormats],
    diagram: attachWhen(pick('diagram'), DEFAULT_REPORT_OPTIONS.diagram),
    failure: attachWhen(pick('failure'), DEFAULT_REPORT_OPTIONS.failure),
    secretHeaders: resolveSecretHeaders(parameters, env),
    previewLimit: positiveInt(reports.previewLimit, 'reports.previewLimit', DEFAULT_REPORT_OPTIONS.previewLimit),
    maxEntries: positiveInt(reports.maxEntries, 'reports.maxEntries', DEFAULT_REPORT_OPTIONS.maxEntries),
    maxDiagramRows: positiveInt(reports.maxDiagramRows, 'reports.maxDiagramRows', DEFAULT_REPORT_OPTIONS.maxDiagramRows),
    maxDiagramLanes: positiveInt(reports.maxDiagramLanes, 'reports.maxDiagramLanes', DEFAULT_REPORT_OPTIONS.maxDiagramLanes),
    transcriptLimit: resolveTranscriptLimit(parameters, env),
  };
}

/** The transcript limit (reports.transcriptLimit, WSBDD_TRANSCRIPT_LIMIT wins); throws a ReportError when bad. */
export function resolveTranscriptLimit(parameters: unknown, env: NodeJS.ProcessEnv = process.env): number {
  const params = isRecord(parameters) ? parameters : {};
  const reports = isRecord(params.reports) ? params.reports : {};
  const fromEnv = env[REPORT_ENV.transcriptLimit];
  const [value, name] = fromEnv !== undefined && fromEnv !== '' ? [fromEnv, REPORT_ENV.transcriptLimit] : [reports.transcriptLimit, 'reports.transcriptLimit'];
  const limit = positiveInt(value, name, DEFAULT_REPORT_OPTIONS.transcriptLimit);
  if (limit < 2) throw badOption(name, value, 'a whole number of at least 2 (the first and the last events are kept)');
  return limit;
}

/**
 * The extra secret header names: `secretHeaders` and `reports.secretHeaders` of these parameters plus
 * WSBDD_SECRET_HEADERS, lower case. Formatters pass their format options here, as cucumber gives them no
 * world parameters.
 */
export function resolveSecretHeaders(parameters: unknown, env: NodeJS.ProcessEnv = process.env): string[] {
  const params = isRecord(parameters) ? parameters : {};
  const reports = isRecord(params.reports) ? params.reports : {};
  const names = [
    ...stringList(params.secretHeaders, 'secretHeaders'),
    ...stringList(reports.secretHeaders, 'reports.secretHeaders'),
    ...parseHeaderList(env[REPORT_ENV.secretHeaders]),
  ];
  return [...new Set(names.map((name) => name.toLowerCase()))];
}

/** Whether an attachment configured this way is added to a scenario that passed or failed. */
export function shouldAttach(when: AttachWhen, failed: boolean): boolean {
  return when === 'always' || (when === 'failure' && failed);
}

function attachWhen([value, name]: [unknown, string], fallback: AttachWhen): AttachWhen {
  if (value === undefined || value === '') return fallback;
  if (value === true) return 'always';
  if (value === false) return 'never';
  const text = String(value).trim().toLowerCase();
  if (text === 'always' || text === 'failure' || text === 'never') return text;
  if (text === 'on-failure' || text === 'failed') return 'failure';
  throw badOption(name, value, 'always, failure, never');
}

function positiveInt(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw badOption(name, value, 'a whole number of at least 1');
  return number;
}

function stringList(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return parseHeaderList(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value.map((item) => item.trim()).filter((item) => item.length > 0);
  }
  throw badOption(name, value, 'a list of strings or a comma-separated string');
}

function badOption(name: string, value: unknown, accepted: string): ReportError {
  return new ReportError(ReportErrorCode.BadOption, `Report option ${name} cannot be ${JSON.stringify(value)}; use ${accepted}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
