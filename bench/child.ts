/**
 * Benchmarks run in child processes, one section each, so that one section's heap, sockets and open-file
 * limit do not weigh on the next. A child prints its figures as one JSON line after RESULT_PREFIX.
 */
import { spawn } from 'node:child_process';

export const RESULT_PREFIX = 'BENCH_RESULT ';

export function emitResult(result: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

export interface ChildOptions {
  args?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Raise the open-file limit to this before node starts (a shell's `ulimit -n`). */
  openFiles?: number;
  /** Kill the child after this long. */
  timeoutMs: number;
  nodeFlags?: string[];
  /** Pass the child's own progress lines (stderr) through. */
  echoStderr?: boolean;
}

export interface ChildOutcome<T> {
  result: T;
  wallMs: number;
}

/** Run `node script` and return the figures it emitted; fails with its output when it emitted none. */
export function runNodeChild<T>(script: string, options: ChildOptions): Promise<ChildOutcome<T>> {
  const nodeArgs = [...(options.nodeFlags ?? []), script, ...(options.args ?? [])];
  const [command, args] =
    options.openFiles !== undefined
      ? ['/bin/sh', ['-c', `ulimit -n ${options.openFiles} && exec "$0" "$@"`, process.execPath, ...nodeArgs]]
      : [process.execPath, nodeArgs];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args as string[], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (options.echoStderr) process.stderr.write(chunk);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (line) return resolve({ result: JSON.parse(line.slice(RESULT_PREFIX.length)) as T, wallMs });
      const why = signal === 'SIGKILL' ? `was killed after ${options.timeoutMs} ms` : `exited with ${code ?? signal}`;
      reject(new Error(`${script} ${why} without figures\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
    });
  });
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function positiveIntFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
