import { After, AfterAll, AfterStep, Before, setWorldConstructor } from '@cucumber/cucumber';
import { stopSharedMockServer } from '../mock/instance';
import { WsWorld } from '../world';
import { StepError, StepErrorCode } from './errors';
import { firstTimeInThisLibrary } from '../support-library';
import { registerParameterTypes } from './registry';

/** The World must be ours (or extend it): the hooks and steps call its methods. */
function asWsWorld(world: unknown): WsWorld {
  const candidate = world as Partial<WsWorld>;
  if (typeof candidate.begin !== 'function' || typeof candidate.end !== 'function') {
    throw new StepError(StepErrorCode.BadConfig, "bad configuration: the cucumber World must be wsbdd's WsWorld or a class extending it");
  }
  return world as WsWorld;
}

/**
 * Install the World and its hooks: per scenario, start (or reuse) the mock server when needed and, after
 * it, close every client and mock server socket, even when the scenario failed. Once per library.
 */
export function installWorld(): void {
  registerParameterTypes();
  if (!firstTimeInThisLibrary('world')) return;
  setWorldConstructor(WsWorld);
  Before({ name: 'wsbdd: prepare the scenario' }, async function (this: unknown, { pickle }) {
    await asWsWorld(this).begin(pickle.steps.map((step) => step.text));
  });
  // A client whose inbox filled up fails the step during which it happened, when no wait of that step did.
  AfterStep(function (this: unknown) {
    const full = asWsWorld(this).takeInboxFailure();
    if (full) throw full;
  });
  After({ name: 'wsbdd: close every connection' }, async function (this: unknown) {
    const world = asWsWorld(this);
    await world.end();
    // One that filled up after the last step fails the scenario all the same.
    const full = world.takeInboxFailure();
    if (full) throw full;
  });
  AfterAll({ name: 'wsbdd: stop the mock server' }, async () => stopSharedMockServer());
}
