import type { Readable, Writable } from 'node:stream';
import { extname, join } from 'node:path';

/** Where the command reads and writes; tests pass their own. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where a question is answered (`wsbdd init`); without one, or when it is not a terminal, nothing is asked. */
  stdin?: Readable & { isTTY?: boolean };
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, stdin: process.stdin };
}

/** wsbdd's whole step library (World, hooks, steps): dist/steps/index.js next to dist/src/cli. */
export const STEPS_ENTRY = join(__dirname, '..', '..', 'steps', `index${extname(__filename)}`);
