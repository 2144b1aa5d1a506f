import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abortedError, waitFor, holdFor, sleep, untilAborted, type ChangeSource } from '../../src/world/wait';
import { StepError } from '../../src/world/errors';

function bus(): { changes: ChangeSource; fire(): void } {
  const listeners = new Set<() => void>();
  return {
    changes: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fire: () => listeners.forEach((l) => l()),
  };
}

test('waitFor resolves when a change makes the check true', async () => {
  const { changes, fire } = bus();
  let value: number | undefined;
  const waiting = waitFor({ check: () => value, timeoutMs: 1000, signal: new AbortController().signal, changes, failure: () => 'never' });
  setTimeout(() => {
    value = 7;
    fire();
  }, 10);
  assert.equal(await waiting, 7);
});

test('waitFor fails on time with the message it was given, and stops listening', async () => {
  const { changes } = bus();
  let subscribed = 0;
  const counting: ChangeSource = (l) => {
    subscribed++;
    const off = changes(l);
    return () => {
      subscribed--;
      off();
    };
  };
  await assert.rejects(
    waitFor({ check: () => undefined, timeoutMs: 20, signal: new AbortController().signal, changes: counting, failure: (w) => `nothing within ${w}` }),
    (error: unknown) => error instanceof StepError && error.code === 'WSBDD_TIMEOUT' && error.message === 'nothing within 20 ms',
  );
  assert.equal(subscribed, 0);
});

test('an abort ends every kind of wait at once with a clear message', async () => {
  const controller = new AbortController();
  const { changes } = bus();
  const started = performance.now();
  const waits = [
    waitFor({ check: () => undefined, timeoutMs: 10_000, signal: controller.signal, changes, failure: () => '' }),
    holdFor({ violation: () => undefined, durationMs: 10_000, signal: controller.signal, changes }),
    sleep(10_000, controller.signal),
    untilAborted(new Promise(() => undefined), controller.signal),
  ];
  setTimeout(() => controller.abort(new Error('Ctrl-C')), 10);
  for (const wait of waits) {
    await assert.rejects(wait, (e: unknown) => e instanceof StepError && e.code === 'WSBDD_ABORTED' && /interrupted: Ctrl-C/.test(e.message));
  }
  assert.ok(performance.now() - started < 2000);
});

test('holdFor passes when nothing happens and fails as soon as something does', async () => {
  const { changes, fire } = bus();
  await holdFor({ violation: () => undefined, durationMs: 20, signal: new AbortController().signal, changes });
  let bad: string | undefined;
  const holding = holdFor({ violation: () => bad, durationMs: 5000, signal: new AbortController().signal, changes });
  setTimeout(() => {
    bad = 'a message arrived';
    fire();
  }, 10);
  await assert.rejects(holding, (e: unknown) => e instanceof StepError && e.code === 'WSBDD_ASSERTION' && e.message === 'a message arrived');
});

test('a waitFor failure may carry what was awaited and what came, beside its message', async () => {
  const { changes } = bus();
  await assert.rejects(
    waitFor({
      check: () => undefined,
      timeoutMs: 20,
      signal: new AbortController().signal,
      changes,
      failure: (w) => ({ message: `no pong within ${w}`, expected: { kind: 'pong', within: w }, actual: { received: 0 } }),
    }),
    (error: unknown) => {
      assert.ok(error instanceof StepError);
      assert.equal(error.code, 'WSBDD_TIMEOUT');
      assert.equal(error.message, 'no pong within 20 ms');
      assert.deepEqual(error.expected, { kind: 'pong', within: '20 ms' });
      assert.deepEqual(error.actual, { received: 0 });
      return true;
    },
  );
});

test('waitFor ends at once when impossible says the awaited thing cannot come, but what came first still counts', async () => {
  const { changes, fire } = bus();
  const signal = new AbortController().signal;
  let arrived: string | undefined;
  let closed = false;
  const impossible = () => (closed ? { message: 'closed before it came', expected: { kind: 'message' }, actual: { state: 'closed' } } : undefined);
  const started = performance.now();
  const waiting = waitFor({ check: () => arrived, timeoutMs: 10_000, signal, changes, failure: () => 'timed out', impossible });
  setTimeout(() => {
    closed = true;
    fire();
  }, 10);
  await assert.rejects(waiting, (error: unknown) => {
    assert.ok(error instanceof StepError);
    assert.equal(error.code, 'WSBDD_ASSERTION');
    assert.equal(error.message, 'closed before it came');
    assert.deepEqual(error.expected, { kind: 'message' });
    assert.deepEqual(error.actual, { state: 'closed' });
    return true;
  });
  assert.ok(performance.now() - started < 2000);

  arrived = 'the message';
  assert.equal(await waitFor({ check: () => arrived, timeoutMs: 10_000, signal, changes, failure: () => 'timed out', impossible }), 'the message');
});

test('an interrupted wait says so once, and why when there is more to say', () => {
  const plain = new AbortController();
  plain.abort('interrupted');
  assert.equal(abortedError(plain.signal).message, 'the run was interrupted');
  const bare = new AbortController();
  bare.abort();
  assert.equal(abortedError(bare.signal).message, 'the run was interrupted');
  const bySignal = new AbortController();
  bySignal.abort(new Error('SIGINT received'));
  assert.equal(abortedError(bySignal.signal).message, 'the run was interrupted: SIGINT received');
});
