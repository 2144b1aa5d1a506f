import { UsageError } from '../usage-error';
import { normalizeTarget, resolveClientUrl } from '../world/config';
import { MAX_WAIT_MS, parseAnyDuration } from '../world/duration';

export interface ConformanceArgs {
  help: boolean;
  target?: string;
  tags?: string;
  reportsDir?: string;
  timeoutMs?: number;
  parallel?: number;
}

export const CONFORMANCE_USAGE = `Usage: wsbdd conformance [--target ws://host:port/echo] [options]

Runs the RFC 6455 conformance pack (features/conformance) against an echo endpoint and writes
reports/conformance.md next to the usual reports. Without --target it runs against the embedded
mock server (the ws library).

Options:
  --target URL      ws:// or wss:// URL of the server's echo endpoint (also: WSBDD_TARGET)
  --path PATH       path of the echo endpoint, joined onto --target (e.g. --path /echo)
  --tags EXPR       run only the cases matching a cucumber tag expression, e.g. "@must"
                    or "not @rfc6455-7.1.1"; tags: @must @should @informational @rfc6455-<section> @rfc7692
  --reports DIR     where the reports go (default: $WSBDD_REPORTS_DIR or reports)
  --timeout T       default wait of every step, e.g. 3000 or "5 s" (default 3 s)
  --parallel N      run in N worker processes
  -h, --help        show this help

For a wss:// target: WSBDD_CA_FILE, a PEM file of the CA certificate(s) to trust, or
WSBDD_INSECURE=1 to skip certificate verification (test servers only).

Exit status: 0 when no @must case failed (NON-STRICT findings are reported, not fatal),
1 when a @must case failed, a case could not run, the run stopped early, or the target could
not be reached (checked once before the run; the reason goes to stderr), 2 for bad usage
(also when --tags selects no case).`;

const WITH_VALUE = new Set(['--target', '--path', '--tags', '--reports', '--timeout', '--parallel']);

export function parseConformanceArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ConformanceArgs {
  const values = new Map<string, string>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!WITH_VALUE.has(name)) throw new UsageError(`unknown option "${arg}" (see wsbdd conformance --help)`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    values.set(name, value);
  }
  const args: ConformanceArgs = { help };
  const target = values.get('--target') ?? (env.WSBDD_TARGET?.trim() || undefined);
  const path = values.get('--path');
  if (target !== undefined) args.target = targetUrl(target, path);
  else if (path !== undefined) throw new UsageError('--path needs --target (the embedded mock server echoes on every path)');
  if (values.has('--tags')) args.tags = values.get('--tags');
  if (values.has('--reports')) args.reportsDir = values.get('--reports');
  if (values.has('--timeout')) args.timeoutMs = parseTimeout(values.get('--timeout')!);
  if (values.has('--parallel')) args.parallel = parseCount('--parallel', values.get('--parallel')!);
  return args;
}

function targetUrl(target: string, path: string | undefined): string {
  try {
    const base = normalizeTarget(target);
    return path === undefined ? base : resolveClientUrl(base, path);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseTimeout(text: string): number {
  let ms: number;
  try {
    ms = /^\d+$/.test(text.trim()) ? Number(text) : parseAnyDuration(text);
  } catch {
    throw new UsageError(`--timeout "${text}" is neither milliseconds nor a duration like "5 s"`);
  }
  // A longer timer fires at once: every wait would end before anything could arrive.
  if (ms > MAX_WAIT_MS) throw new UsageError(`--timeout "${text}" is longer than a wait can last (${MAX_WAIT_MS} ms)`);
  return ms;
}

function parseCount(name: string, text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${name} "${text}" is not a whole number`);
  return Number(text);
}
