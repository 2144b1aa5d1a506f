import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { CliIo } from './io';
import { CUCUMBER_CONFIG, EXAMPLE_FEATURE } from './templates';
import { ExitCode, UsageError } from './usage-error';

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
  const existing = files.filter(([file]) => existsSync(join(dir, file))).map(([file]) => file);
  if (existing.length > 0 && !force) {
    throw new UsageError(`wsbdd init: ${existing.join(', ')} already exist in ${dir} (use --force to overwrite)`);
  }
  for (const [file, content] of files) {
    const path = join(dir, file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
    io.stdout.write(`wrote ${relative(io.cwd, path) || path}\n`);
  }
  io.stdout.write('\nNext: npm install --save-dev wsbdd (if not done yet), then npx wsbdd\n');
  return ExitCode.Passed;
}
