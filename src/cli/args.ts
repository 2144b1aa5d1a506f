import { normalizeTarget } from '../world/config';
import { MAX_WAIT_MS, parseAnyDuration } from '../world/duration';
import { BYTE_SIZE_UNITS, parseByteSize } from '../world/byte-size';
import { UsageError } from '../usage-error';

/** What `wsbdd [paths...] [options]` asks for: wsbdd's own options, and the rest for cucumber. */
export interface RunArgs {
  target?: string;
  timeoutMs?: number;
  /** Bytes of unmatched messages a client holds at most (the inboxLimit world parameter). */
  inboxLimit?: number;
  /** An AsyncAPI document every scenario is checked against. */
  contract?: string;
  /** Where every report goes; becomes WSBDD_REPORTS_DIR for the run. */
  reportsDir?: string;
  help: boolean;
  version: boolean;
  /** Paths and cucumber's options, as they were written and in order: cucumber's own parser reads them. */
  cucumberArgv: string[];
}

function count(option: string, value: string): string {
  if (!/^\d+$/.test(value)) throw new UsageError(`${option} needs a whole number, not "${value}"`);
  return value;
}

/** Cucumber checks only the form "i/n"; shard 0 or 3 of 2 would run nothing and pass. */
function shard(value: string): string {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) {
    throw new UsageError(`--shard needs INDEX/TOTAL with 1 <= INDEX <= TOTAL, e.g. 1/3, not "${value}"`);
  }
  return `${index}/${total}`;
}

function timeout(value: string): number {
  let ms: number;
  try {
    ms = /^\d+$/.test(value) ? Number(value) : parseAnyDuration(value);
  } catch {
    throw new UsageError(`--timeout needs milliseconds or a duration like "5 s", not "${value}"`);
  }
  if (ms > MAX_WAIT_MS) throw new UsageError(`--timeout "${value}" is longer than a wait can last (${MAX_WAIT_MS} ms)`);
  return ms;
}

function inboxLimit(value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === undefined) throw new UsageError(`--inbox-limit needs bytes or a size like "256 MiB" (${BYTE_SIZE_UNITS}), not "${value}"`);
  return bytes;
}

function target(value: string): string {
  try {
    return normalizeTarget(value);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function parseRunArgs(argv: string[]): RunArgs {
  const args: RunArgs = { cucumberArgv: [], help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      // Everything after "--" is a path, even when it looks like an option.
      args.cucumberArgv.push(...argv.slice(i));
      break;
    }
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq > 0 ? token.slice(0, eq) : token;
    const takeValue = (): string => {
      if (eq > 0) return token.slice(eq + 1);
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      return value;
    };
    if (name === '--help' || name === '-h') args.help = true;
    else if (name === '--version' || name === '-v') args.version = true;
    else if (name === '--target') args.target = target(takeValue());
    else if (name === '--timeout') args.timeoutMs = timeout(takeValue());
    else if (name === '--inbox-limit') args.inboxLimit = inboxLimit(takeValue());
    else if (name === '--contract') {
      const file = takeValue();
      if (file.trim() === '') throw new UsageError('--contract needs an AsyncAPI document');
      args.contract = file;
    }
    else if (name === '--reports') {
      const dir = takeValue();
      if (dir.trim() === '') throw new UsageError('--reports needs a directory');
      args.reportsDir = dir;
    } else if (name === '--parallel' || name === '--retry') {
      // Cucumber would read "2x" as 2; a typo in a number should not change the run silently.
      args.cucumberArgv.push(name, count(name, takeValue()));
    } else if (name === '--shard') args.cucumberArgv.push(name, shard(takeValue()));
    else args.cucumberArgv.push(token);
  }
  return args;
}
