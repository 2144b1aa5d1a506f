import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';

/**
 * Child processes of the interop run. Each is started in its own process group, so that stopping it
 * also stops what it started (a runtime's worker processes); every live group is killed when this
 * process exits, also after an uncaught error or Ctrl-C.
 */
const liveGroups = new Set<number>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

let exitHooksInstalled = false;

/** Kill every live child group on exit; SIGINT and SIGTERM end the run (status 130 / 143). */
export function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  });
  for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.on(signal, () => {
      process.stderr.write(`\ninterop: ${signal}, stopping ${liveGroups.size} child process group(s)\n`);
      process.exit(status);
    });
  }
}

export interface Started {
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
}

/** Starts a command in its own process group, its output appended to logPath. */
export function startGroup(command: string, args: string[], logPath: string, options: SpawnOptions = {}): Started {
  const log = createWriteStream(logPath, { flags: 'a' });
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  if (child.pid !== undefined) liveGroups.add(child.pid);
  const exited = new Promise<number | string>((resolve) => {
    child.once('error', (error) => {
      log.write(`\n[interop] cannot start ${command}: ${error.message}\n`);
      resolve(error.message);
    });
    child.once('close', (code, signal) => {
      if (child.pid !== undefined) liveGroups.delete(child.pid);
      log.end();
      resolve(code ?? signal ?? 'unknown');
    });
  });
  return { child, exited };
}

/** SIGTERM to the whole group, SIGKILL after graceMs; resolves once the process has exited. */
export async function stopGroup(started: Started, graceMs = 3000): Promise<void> {
  const pid = started.child.pid;
  if (pid === undefined || !liveGroups.has(pid)) return;
  killGroup(pid, 'SIGTERM');
  const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
  await started.exited;
  clearTimeout(timer);
  // The leader is gone; stragglers of its group are not welcome either.
  killGroup(pid, 'SIGKILL');
}

/** Runs a command to its end (in its own group, killed after timeoutMs) and collects its output. */
export async function runToEnd(
  command: string,
  args: string[],
  logPath: string,
  timeoutMs: number,
  options: SpawnOptions = {},
): Promise<{ status: number | string; timedOut: boolean }> {
  const started = startGroup(command, args, logPath, options);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stopGroup(started);
  }, timeoutMs);
  const status = await started.exited;
  clearTimeout(timer);
  return { status, timedOut };
}

/** A port that was free on 127.0.0.1 a moment ago (the server binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function acceptsTcp(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Waits until something accepts TCP on the port, polling every 100 ms for at most timeoutMs; gives up
 * early when the server process has exited. Resolves with why it did not come up, or undefined.
 */
export async function waitForTcp(port: number, started: Started, timeoutMs: number): Promise<string | undefined> {
  let exitedWith: number | string | undefined;
  void started.exited.then((status) => (exitedWith = status));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitedWith !== undefined) return `the server exited (${exitedWith}) before accepting connections`;
    if (await acceptsTcp(port, 500)) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return `nothing accepted TCP on 127.0.0.1:${port} within ${timeoutMs} ms`;
}
