import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReconnectTimer } from '../../src/client/reconnect-timer';

test('a wait resolves true after its delay', async () => {
  const timer = new ReconnectTimer();
  const ticket = timer.take();
  assert.equal(await timer.wait(ticket, 5), true);
  assert.equal(timer.isCurrent(ticket), true);
});

test('a newer ticket or cancel() makes older waits resolve false at once', async () => {
  const timer = new ReconnectTimer();
  const first = timer.take();
  const waiting = timer.wait(first, 60_000);
  const second = timer.take();
  assert.equal(await waiting, false);
  assert.equal(timer.isCurrent(first), false);
  const again = timer.wait(second, 60_000);
  timer.cancel();
  assert.equal(await again, false);
  assert.equal(await timer.wait(second, 1), false, 'a stale ticket cannot wait again');
});
