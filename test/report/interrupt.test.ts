import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { INTERRUPTED_EXIT_CODE, InterruptController } from '../../src/report/interrupt';

function setup(quiet = false) {
  const exits: number[] = [];
  const notices: string[] = [];
  const target = new EventEmitter();
  const controller = new InterruptController({ exit: (code) => exits.push(code), notify: (line) => notices.push(line), quiet });
  controller.install(target);
  return { exits, notices, target, controller };
}

describe('interrupt handling', () => {
  it('aborts the running scenario on the first SIGINT and remembers the interrupt', () => {
    const { exits, notices, target, controller } = setup();
    const reasons: string[] = [];
    const world = { abort: (reason: string) => reasons.push(reason) };
    controller.scenarioStarted(world);
    assert.equal(controller.interrupted, false);
    target.emit('SIGINT');
    assert.equal(controller.interrupted, true);
    assert.deepEqual(reasons, ['interrupted']);
    assert.deepEqual(exits, []);
    assert.match(notices[0] ?? '', /SIGINT: stopping the running scenario/);
  });

  it('exits at once on the second signal', () => {
    const { exits, target } = setup();
    target.emit('SIGINT');
    target.emit('SIGTERM');
    assert.deepEqual(exits, [INTERRUPTED_EXIT_CODE]);
  });

  it('does not abort a scenario that already finished', () => {
    const { target, controller } = setup();
    const reasons: string[] = [];
    const world = { abort: (reason: string) => reasons.push(reason) };
    controller.scenarioStarted(world);
    controller.scenarioFinished(world);
    target.emit('SIGINT');
    assert.deepEqual(reasons, []);
  });

  it('prints nothing in quiet mode (parallel workers) but still acts', () => {
    const { notices, target, controller } = setup(true);
    target.emit('SIGINT');
    assert.deepEqual(notices, []);
    assert.equal(controller.interrupted, true);
  });

  it('installs once and uninstalls its listeners', () => {
    const { target, controller } = setup();
    controller.install(target);
    assert.equal(target.listenerCount('SIGINT'), 1);
    controller.uninstall();
    assert.equal(target.listenerCount('SIGINT'), 0);
    assert.equal(target.listenerCount('SIGTERM'), 0);
  });
});
