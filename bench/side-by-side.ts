/**
 * Runs two implementations of the same operation in alternating slices, so that drift in machine load
 * (the benchmark shares its cores) hits both alike, and reports the best slice of each. Time is the
 * process's CPU time, not wall time: on a busy machine wall time mostly measures waiting for a core.
 */

export interface Contender {
  /** Untimed preparation for one slice (e.g. fresh input buffers); returns what `run` consumes. */
  prepare(): unknown;
  /** The timed work; returns how many operations it performed. */
  run(prepared: unknown): number;
}

export interface Budget {
  /** Slices per contender. */
  slices: number;
  /** Upper bound on one slice's timed work, in milliseconds. */
  sliceMs: number;
  /** Upper bound on `run` calls in one slice. */
  maxRunsPerSlice: number;
}

export interface SideBySideResult {
  oursOpsPerSec: number;
  theirsOpsPerSec: number;
}

export function sideBySide(ours: Contender, theirs: Contender, budget: Budget): SideBySideResult {
  // One untimed pass each lets the JIT settle before anything is measured.
  ours.run(ours.prepare());
  theirs.run(theirs.prepare());
  let bestOurs = 0;
  let bestTheirs = 0;
  for (let slice = 0; slice < budget.slices; slice++) {
    // Alternate which side goes first, so neither always inherits the other's garbage.
    if (slice % 2 === 0) {
      bestOurs = Math.max(bestOurs, timeSlice(ours, budget));
      bestTheirs = Math.max(bestTheirs, timeSlice(theirs, budget));
    } else {
      bestTheirs = Math.max(bestTheirs, timeSlice(theirs, budget));
      bestOurs = Math.max(bestOurs, timeSlice(ours, budget));
    }
  }
  return { oursOpsPerSec: bestOurs, theirsOpsPerSec: bestTheirs };
}

function timeSlice(contender: Contender, budget: Budget): number {
  let ops = 0;
  let elapsedMs = 0;
  const wallStart = performance.now();
  // The wall-clock bound keeps a starved slice from running on for long.
  for (
    let runs = 0;
    runs < budget.maxRunsPerSlice && elapsedMs < budget.sliceMs && performance.now() - wallStart < budget.sliceMs * 4;
    runs++
  ) {
    const prepared = contender.prepare();
    const start = process.cpuUsage();
    ops += contender.run(prepared);
    const used = process.cpuUsage(start);
    elapsedMs += (used.user + used.system) / 1000;
  }
  return elapsedMs > 0 ? (ops * 1000) / elapsedMs : 0;
}
