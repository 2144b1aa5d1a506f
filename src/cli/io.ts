import type { Writable } from 'node:stream';
import { extname, join } from 'node:path';

/** Where the command reads and writes; tests pass their own. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/** wsbdd's whole step library (World, hooks, steps): dist/steps/index.js next to dist/src/cli. */
export const STEPS_ENTRY = join(__dirname, '..', '..', 'steps', `index${extname(__filename)}`);

/**
 * wsbdd's report formatters, compiled beside this file: cucumber's own, wrapped so that secrets written in
 * feature files are masked, plus the HTML report with the run summary and summary.json.
 */
const reportFormatter = (name: string) => join(__dirname, '..', 'report', `${name}-formatter${extname(__filename)}`);
export const REPORT_FORMATTERS = {
  progress: reportFormatter('progress'),
  html: reportFormatter('html'),
  junit: reportFormatter('junit'),
  json: reportFormatter('json'),
  message: reportFormatter('message'),
  summary: reportFormatter('summary'),
};
