import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { CliIo } from './io';
import { cucumberConfig, EXAMPLE_FEATURE, TSCONFIG, type StepLanguage } from './templates';
import { ExitCode, UsageError } from '../usage-error';
import { TYPESCRIPT_INSTALL } from './typescript-support';

const OPTIONS = ['--force', '--typescript', '--javascript'];

/**
 * `wsbdd init [dir] [--typescript | --javascript] [--force]`: a starter cucumber.js and features/ for a
 * project; existing files are kept unless --force. Whether the project's own steps are TypeScript comes
 * from the option, else from a tsconfig.json in the project, else from a question when someone is there
 * to answer it, else JavaScript.
 */
export async function initProject(argv: string[], io: CliIo): Promise<number> {
  const force = argv.includes('--force');
  const rest = argv.filter((a) => !OPTIONS.includes(a));
  const unknown = rest.find((a) => a.startsWith('-'));
  if (unknown) throw new UsageError(`wsbdd init: unknown option ${unknown} (only ${OPTIONS.join(', ')})`);
  if (rest.length > 1) throw new UsageError('wsbdd init takes at most one directory');
  if (argv.includes('--typescript') && argv.includes('--javascript')) throw new UsageError('wsbdd init: --typescript or --javascript, not both');
  const dir = resolve(io.cwd, rest[0] ?? '.');
  const files: Array<[string, string]> = [
    ['cucumber.js', ''],
    [join('features', 'echo.feature'), EXAMPLE_FEATURE],
  ];
  // Checked before anything is written (or asked), so that a refusal leaves the project as it was.
  for (const [file] of files) assertDirectoriesFree(dir, dirname(join(dir, file)));
  const existing = files.filter(([file]) => existsSync(join(dir, file))).map(([file]) => file);
  if (existing.length > 0 && !force) {
    throw new UsageError(`wsbdd init: ${existing.join(', ')} already exist in ${dir} (use --force to overwrite)`);
  }
  const language = await stepLanguage(argv, dir, io);
  files[0]![1] = cucumberConfig(language);
  // Without a tsconfig.json, ts-node falls back to settings of its own that TypeScript 5.9 refuses
  // ("moduleResolution must be NodeNext"); the project gets one that compiles its steps as wsbdd loads them.
  if (language === 'typescript' && !existsSync(join(dir, 'tsconfig.json'))) files.push(['tsconfig.json', TSCONFIG]);
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
  io.stdout.write(`\nYour own steps go in steps/ as ${language === 'typescript' ? 'TypeScript (.ts)' : 'JavaScript (.js)'} files.\n`);
  io.stdout.write(nextSteps(dir, language));
  return ExitCode.Passed;
}

async function stepLanguage(argv: string[], dir: string, io: CliIo): Promise<StepLanguage> {
  if (argv.includes('--typescript')) return 'typescript';
  if (argv.includes('--javascript')) return 'javascript';
  if (existsSync(join(dir, 'tsconfig.json'))) {
    io.stdout.write('tsconfig.json found: your own steps will be TypeScript (--javascript to choose JavaScript)\n');
    return 'typescript';
  }
  const stdin = io.stdin;
  if (stdin === undefined || !stdin.isTTY) return 'javascript';
  const prompt = createInterface({ input: stdin, output: io.stdout });
  try {
    const answer = await prompt.question('Will you write your own steps in TypeScript? [y/N] ');
    return /^\s*y/i.test(answer) ? 'typescript' : 'javascript';
  } finally {
    prompt.close();
  }
}

/** The root of this copy of wsbdd (dist/src/cli is three levels down). */
function packageRoot(): string {
  return resolve(__dirname, '..', '..', __filename.endsWith('.ts') ? '' : '..');
}

/** What to run next: an install command that works for this copy of wsbdd, which is not on the registry yet. */
function nextSteps(dir: string, language: StepLanguage): string {
  const installed = (name: string) => {
    try {
      require.resolve(`${name}/package.json`, { paths: [dir] });
      return true;
    } catch {
      return false;
    }
  };
  const lines: string[] = [];
  if (!installed('wsbdd')) {
    const root = packageRoot();
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    // A folder install links the folder, and the project's own steps would not find cucumber from there.
    lines.push(
      `Install wsbdd into the project from this copy, as a package file (wsbdd is not on the npm registry yet):`,
      `  npm pack ${JSON.stringify(root)}`,
      `  npm install --save-dev ./wsbdd-${version}.tgz`,
    );
  }
  if (language === 'typescript' && !(installed('ts-node') && installed('typescript'))) {
    lines.push('TypeScript steps need ts-node and TypeScript 5 (ts-node cannot use TypeScript 7):', `  ${TYPESCRIPT_INSTALL}`);
  }
  lines.push('Then run the example: npx wsbdd');
  return `\n${lines.join('\n')}\n`;
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
