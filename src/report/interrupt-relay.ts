import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Names the file through which the main process of a parallel run passes a signal on to its workers.
 * Cucumber forks the workers with the main process's environment and gives no handle on them, so a
 * signal sent to the main process alone (CI cancel, `timeout`, `docker stop`) would never reach them.
 */
export const RELAY_ENV = 'WSBDD_INTERRUPT_FILE';

/** Workers look this often: a scenario's wait ends within a fraction of a second, at negligible cost. */
const POLL_MS = 150;

export function freshRelayPath(): string {
  return join(tmpdir(), `wsbdd-interrupt-${process.pid}-${randomBytes(6).toString('hex')}`);
}

/** Records how many signals the main process has had; the file goes when the main process exits. */
export function writeRelay(path: string, signals: number): void {
  try {
    writeFileSync(path, String(signals));
  } catch {
    // A relay that cannot be written must not stop the main process from handling its own signal.
    return;
  }
  if (!cleanups.has(path)) {
    cleanups.add(path);
    process.once('exit', () => rmSync(path, { force: true }));
  }
}
const cleanups = new Set<string>();

/**
 * Calls back with the main process's signal count whenever it grows; never keeps the worker alive. Until
 * a signal the file does not exist, and a poll is one stat: a run without a signal costs its workers next
 * to nothing (reading, and failing to read, would build an error each time).
 */
export function watchRelay(path: string, onSignals: (signals: number) => void): () => void {
  let seen = 0;
  const timer = setInterval(() => {
    if (!existsSync(path)) return;
    let signals: number;
    try {
      signals = Number.parseInt(readFileSync(path, 'utf8'), 10);
    } catch {
      return;
    }
    // A read between the main process's truncate and write sees an empty file: the next poll has it.
    if (!(signals > seen)) return;
    seen = signals;
    onSignals(signals);
  }, POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
