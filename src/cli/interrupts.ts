import { extname, join } from 'node:path';
import type { IRunConfiguration } from '@cucumber/cucumber/api';
import { RELAY_ENV } from '../report/interrupt-relay';
import { processInterruptController, type InterruptController } from '../report/interrupt';

const EARLY_MODULE = join(__dirname, '..', 'report', `install-interrupts${extname(__filename)}`);

/**
 * Takes over Ctrl-C from the start of the command, not only once cucumber has loaded the step library:
 * a signal during start-up then stops the command with a word instead of killing it silently.
 */
export function takeOverInterrupts(env: NodeJS.ProcessEnv): { controller: InterruptController; env: NodeJS.ProcessEnv } {
  const controller = processInterruptController();
  controller.beforeRun = true;
  return { controller, env: controller.relayFile === undefined ? env : { ...env, [RELAY_ENV]: controller.relayFile } };
}

/** Parallel workers take over Ctrl-C before compiling the steps, which is most of their start-up. */
export function interruptsFirstInWorkers(run: IRunConfiguration): void {
  const modules = (run.support.requireModules ?? []).filter((module) => module !== EARLY_MODULE);
  // Compiled, it needs nothing else; as a TypeScript source it needs the project's ts-node loaded first.
  run.support.requireModules = extname(EARLY_MODULE) === '.js' ? [EARLY_MODULE, ...modules] : [...modules, EARLY_MODULE];
}
