import { normalizeTarget } from '../world/config';
import { parseDuration } from '../world/duration';
import { UsageError } from './usage-error';

/** What `wsbdd [paths...] [options]` asks for. */
export interface RunArgs {
  paths: string[];
  profiles: string[];
  configFile?: string;
  target?: string;
  timeoutMs?: number;
  /** Options handed to cucumber as they were written (tags, parallel, retry, format...). */
  cucumberArgv: string[];
  help: boolean;
}

/** Cucumber options that take a value, long and short; wsbdd passes them through. */
const CUCUMBER_WITH_VALUE = new Set([
  '--format', '-f', '--format-options', '--import', '-i', '--loader', '-l', '--language', '--name', '--order',
  '--parallel', '--plugin', '--plugin-options', '--require', '-r', '--require-module', '--retry',
  '--retry-tag-filter', '--shard', '--tags', '-t', '--world-parameters',
]);
const CUCUMBER_FLAGS = new Set(['--backtrace', '-b', '--dry-run', '-d', '--exit', '--force-exit', '--fail-fast', '--publish', '--strict', '--no-strict']);

function count(option: string, value: string): string {
  if (!/^\d+$/.test(value)) throw new UsageError(`${option} needs a whole number, not "${value}"`);
  return value;
}

function timeout(value: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  try {
    return parseDuration(value);
  } catch {
    throw new UsageError(`--timeout needs milliseconds or a duration like "5 s", not "${value}"`);
  }
}

export function parseRunArgs(argv: string[]): RunArgs {
  const args: RunArgs = { paths: [], profiles: [], cucumberArgv: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq > 0 ? token.slice(0, eq) : token;
    const takeValue = (): string => {
      if (eq > 0) return token.slice(eq + 1);
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      return value;
    };
    if (!token.startsWith('-') || token === '-') {
      args.paths.push(token);
    } else if (name === '--help' || name === '-h') {
      args.help = true;
    } else if (name === '--target') {
      const value = takeValue();
      try {
        args.target = normalizeTarget(value);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    } else if (name === '--timeout') {
      args.timeoutMs = timeout(takeValue());
    } else if (name === '--profile' || name === '-p') {
      args.profiles.push(takeValue());
    } else if (name === '--config' || name === '-c') {
      args.configFile = takeValue();
    } else if (CUCUMBER_WITH_VALUE.has(name)) {
      const value = takeValue();
      args.cucumberArgv.push(name, name === '--parallel' || name === '--retry' ? count(name, value) : value);
    } else if (CUCUMBER_FLAGS.has(name)) {
      args.cucumberArgv.push(token);
    } else {
      throw new UsageError(`unknown option ${name} (see wsbdd --help)`);
    }
  }
  return args;
}
