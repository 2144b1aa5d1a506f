/**
 * Loaded by both sides of the start-up bench, after the steps: says on stderr when the first scenario is
 * about to run its first step (after every hook defined before this one), as a wall-clock time the bench
 * compares with the moment it spawned the process, and the CPU time the process had used by then (which
 * machine load changes less than wall time).
 */
import { Before } from '@cucumber/cucumber';
import { FIRST_STEP_MARK } from './first-step-mark';

let said = false;
Before(function () {
  if (said) return;
  said = true;
  const cpu = process.cpuUsage();
  process.stderr.write(`${FIRST_STEP_MARK}${performance.timeOrigin + performance.now()} ${(cpu.user + cpu.system) / 1000}\n`);
});
