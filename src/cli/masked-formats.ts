import type { IRunConfiguration } from '@cucumber/cucumber/api';
import { reportFormatterModule } from '../report/report-formats';

/**
 * Cucumber's own formatters that wsbdd has a masked twin of, by the name `--format` gives them. Cucumber's
 * `summary` is the console summary; wsbdd's `summary` formatter writes summary.json, so the names differ.
 */
const MASKED_TWINS = {
  progress: 'progress',
  summary: 'console-summary',
  json: 'json',
  junit: 'junit',
  message: 'message',
  html: 'html',
} as const;

/**
 * Replaces each of cucumber's formatters named plainly (`--format summary`, `--format html:out.html`) by
 * wsbdd's wrapper of the same formatter, which reads the run's masked message stream: named plainly, it
 * would write the feature text and the messages of the project's own steps with their secrets.
 */
export function maskPlainFormatters(formats: IRunConfiguration['formats']): void {
  const twin = (name: string): string => {
    const masked = (MASKED_TWINS as Record<string, (typeof MASKED_TWINS)[keyof typeof MASKED_TWINS]>)[name];
    return masked === undefined ? name : reportFormatterModule(masked);
  };
  formats.stdout = twin(formats.stdout);
  for (const [path, name] of Object.entries(formats.files)) formats.files[path] = twin(name);
}
