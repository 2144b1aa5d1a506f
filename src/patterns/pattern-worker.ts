/**
 * The thread that runs the patterns too costly to run on the main one. It answers through shared memory
 * (see pattern-thread.ts), so that the main thread can wait for it synchronously, with a time limit,
 * and terminate it when a pattern runs away.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Answer, type PatternJob } from './pattern-protocol';

const state = new Int32Array(workerData.state as SharedArrayBuffer);
const compiled = new Map<string, RegExp>();

function answer(value: number): void {
  Atomics.store(state, 0, value);
  Atomics.notify(state, 0);
}

parentPort!.on('message', (job: PatternJob) => {
  const key = `${job.flags}/${job.source}`;
  let pattern = compiled.get(key);
  if (!pattern) compiled.set(key, (pattern = new RegExp(job.source, job.flags)));
  pattern.lastIndex = 0;
  answer(pattern.test(job.text) ? Answer.Matched : Answer.NotMatched);
});

answer(Answer.Ready);
