import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Answer, type PatternJob } from './pattern-protocol';

/** A fresh thread boots in tens of milliseconds, far more on a loaded machine; this is not the pattern's time. */
const START_LIMIT_MS = 10_000;

interface Running {
  worker: Worker;
  state: Int32Array;
}

let running: Running | undefined;

function start(): Running {
  const state = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(join(__dirname, 'pattern-worker.js'), { workerData: { state: state.buffer } });
  // It must not keep a finished run alive, nor take it down.
  worker.unref();
  worker.on('error', () => stop(worker));
  worker.on('exit', () => stop(worker));
  if (Atomics.wait(state, 0, Answer.Pending, START_LIMIT_MS) === 'timed-out') {
    void worker.terminate();
    throw new Error(`the thread that runs regular expressions did not start within ${START_LIMIT_MS} ms`);
  }
  return { worker, state };
}

function stop(worker: Worker): void {
  if (running?.worker === worker) running = undefined;
}

/**
 * Runs the pattern on the pattern thread and waits for the answer, synchronously, at most `limitMs`:
 * undefined when it did not answer in time. The thread is then terminated (V8 stops the pattern where
 * it is) and the next call starts a new one.
 */
export function testOnPatternThread(job: PatternJob, limitMs: number): boolean | undefined {
  const thread = (running ??= start());
  Atomics.store(thread.state, 0, Answer.Pending);
  thread.worker.postMessage(job);
  if (Atomics.wait(thread.state, 0, Answer.Pending, limitMs) === 'timed-out') {
    running = undefined;
    void thread.worker.terminate();
    return undefined;
  }
  return Atomics.load(thread.state, 0) === Answer.Matched;
}
