import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INTERRUPTED_EXIT_CODE, InterruptController } from '../../src/report/interrupt';
import { watchRelay, writeRelay } from '../../src/report/interrupt-relay';
import { waitUntil } from './cucumber-run';

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
    assert.deepEqual(reasons, ['SIGINT received']);
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

  it('counts a Ctrl-C that reaches a worker both directly and relayed as one signal, in either order', () => {
    for (const order of [['direct', 'relay'], ['relay', 'direct']]) {
      const { exits, controller, target } = setup(true);
      const reasons: string[] = [];
      controller.scenarioStarted({ abort: (reason: string) => reasons.push(reason) });
      for (const way of order) {
        if (way === 'direct') target.emit('SIGINT');
        else controller.relay(1);
      }
      assert.deepEqual(exits, [], order.join(' then '));
      assert.deepEqual(reasons, ['SIGINT received']);
      assert.equal(controller.interrupted, true);
    }
  });

  it('exits when the main process relays its second signal', () => {
    const { exits, controller } = setup(true);
    controller.relay(1);
    controller.relay(1);
    assert.deepEqual(exits, []);
    controller.relay(2);
    assert.deepEqual(exits, [INTERRUPTED_EXIT_CODE]);
  });

  it('tells the relay each escalation before acting on it', () => {
    const levels: string[] = [];
    const exits: number[] = [];
    const controller = new InterruptController({ quiet: true, exit: (code) => exits.push(code), onEscalate: (level) => levels.push(`${level} after ${exits.length} exits`) });
    controller.signal('SIGTERM');
    controller.signal('SIGTERM');
    // The workers must learn of the second signal before the main process is gone.
    assert.deepEqual(levels, ['1 after 0 exits', '2 after 0 exits']);
    assert.deepEqual(exits, [INTERRUPTED_EXIT_CODE]);
  });
});

describe('the interrupt relay file', () => {
  it('passes each new signal count to a watcher and only new ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wsbdd-relay-'));
    const path = join(dir, 'relay');
    const seen: number[] = [];
    const stop = watchRelay(path, (signals) => seen.push(signals));
    try {
      writeRelay(path, 1);
      await waitUntil(async () => seen.length === 1, 10_000, 'the first count');
      writeRelay(path, 2);
      await waitUntil(async () => seen.length === 2, 10_000, 'the second count');
      assert.deepEqual(seen, [1, 2]);
    } finally {
      stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
