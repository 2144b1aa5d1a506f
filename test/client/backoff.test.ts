import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayRetry, reconnectDelay } from '../../src/client/backoff';

test('a constant delay without a factor', () => {
  assert.deepEqual([1, 2, 3].map((n) => reconnectDelay({ delayMs: 1000 }, n)), [1000, 1000, 1000]);
});

test('exponential backoff capped at maxDelayMs', () => {
  const policy = { delayMs: 100, factor: 2, maxDelayMs: 500 };
  assert.deepEqual([1, 2, 3, 4, 5, 60, 2000].map((n) => reconnectDelay(policy, n)), [100, 200, 400, 500, 500, 500, 500]);
});

test('maxAttempts bounds consecutive attempts; no maximum means unlimited', () => {
  assert.equal(mayRetry({ delayMs: 1, maxAttempts: 2 }, 1), true);
  assert.equal(mayRetry({ delayMs: 1, maxAttempts: 2 }, 2), false);
  assert.equal(mayRetry({ delayMs: 1 }, 1_000_000), true);
});
