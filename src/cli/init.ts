import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { CliIo } from './io';
import { CUCUMBER_CONFIG, EXAMPLE_FEATURE } from './templates';
import { ExitCode, UsageError } from '../usage-error';

/** `wsbdd init [dir] [--force]`: a starter cucumber.js and features/ for a project; existing files are kept unless --force. */
export function initProject(argv: string[], io: CliIo): number {
  const force = argv.includes('--force');
  const rest = argv.filter((a) => a !== '--force');
  const unknown = rest.find((a) => a.startsWith('-'));
  if (unknown) throw new UsageError(`wsbdd init: unknown option ${unknown} (only --force)`);
  if (rest.length > 1) throw new UsageError('wsbdd init takes at most one directory');
  const dir = resolve(io.cwd, rest[0] ?? '.');
  const files: Array<[string, string]> = [
    ['cucumber.js', CUCUMBER_CONFIG],
    [join('features', 'echo.feature'), EXAMPLE_FEATURE],
  ];
  // Checked before anything is written, so that a refusal leaves the project as it was.
  for (const [file] of files) assertDirectoriesFree(dir, dirname(join(dir, file)));
  const existing = files.filter(([file]) => existsSync(join(dir, file))).map(([file]) => file);
  if (existing.length > 0 && !force) {
    throw new UsageError(`wsbdd init: ${existing.join(', ')} already exist in ${dir} (use --force to overwrite)`);
  }
  for (const [file, content] of files) {
    const path = join(dir, file);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    } catch (error) {
      throw new UsageError(`wsbdd init: cannot write ${path}: ${(error as Error).message}`);
    }
    io.stdout.write(`wrote ${relative(io.cwd, path) || path}\n`);
  }
  io.stdout.write('\nNext: npm install --save-dev wsbdd (if not done yet), then npx wsbdd\n');
  return ExitCode.Passed;
}

/** Every directory from `root` down to `dir` is a directory or does not exist yet; --force never replaces a file by a directory. */
function assertDirectoriesFree(root: string, dir: string): void {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(at) && !statSync(at).isDirectory()) {
      throw new UsageError(`wsbdd init: ${at} is a file, but wsbdd init needs a directory there`);
    }
    if (at === root || dirname(at) === at) return;
  }
}
