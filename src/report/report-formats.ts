import { join } from 'node:path';

/** The formatters behind wsbdd's reports, each a module beside this one (see cucumber.js). */
export type ReportFormatterName = 'progress' | 'html' | 'junit' | 'message' | 'json' | 'summary';

/** Every formatter module of wsbdd: the reports' and masked copies of cucumber's console formatters. */
export type MaskedFormatterName = ReportFormatterName | 'console-summary' | 'pretty' | 'usage' | 'usage-json';

/**
 * A formatter module of this copy of wsbdd. Cucumber import()s formatters, which cannot compile
 * TypeScript, so from the sources it gets the compiled copy (`npm run build`).
 */
export function reportFormatterModule(name: MaskedFormatterName): string {
  const dir = __filename.endsWith('.ts') ? join(__dirname, '..', '..', 'dist', 'src', 'report') : __dirname;
  return join(dir, `${name}-formatter.js`);
}

/** The files the usual formatters write into the reports directory, by formatter. */
export const REPORT_FILES = {
  html: 'report.html',
  junit: 'junit.xml',
  message: 'messages.ndjson',
  json: 'report.json',
  summary: 'summary.json',
} as const;

/**
 * Cucumber `format` entries for the progress display and the usual report files in `reportsDir`, for
 * runs that bring no configuration of their own. `modules` replaces a formatter, e.g. an HTML report
 * that adds more to the page.
 */
export function reportFormats(reportsDir: string, modules: Partial<Record<ReportFormatterName, string>> = {}): string[] {
  const module = (name: ReportFormatterName) => JSON.stringify(modules[name] ?? reportFormatterModule(name));
  const file = (name: string) => JSON.stringify(join(reportsDir, name));
  return [
    module('progress'),
    `${module('html')}:${file(REPORT_FILES.html)}`,
    `${module('junit')}:${file(REPORT_FILES.junit)}`,
    `${module('message')}:${file(REPORT_FILES.message)}`,
    `${module('json')}:${file(REPORT_FILES.json)}`,
    `${module('summary')}:${file(REPORT_FILES.summary)}`,
  ];
}
