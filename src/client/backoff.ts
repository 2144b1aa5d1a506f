import type { ReconnectPolicy } from './types';

/** Delay before the given attempt (1-based): delayMs * factor^(attempt-1), capped at maxDelayMs. */
export function reconnectDelay(policy: ReconnectPolicy, attempt: number): number {
  const factor = policy.factor ?? 1;
  const raw = policy.delayMs * Math.pow(factor, Math.max(0, attempt - 1));
  const capped = policy.maxDelayMs === undefined ? raw : Math.min(raw, policy.maxDelayMs);
  return Math.max(0, Math.round(Number.isFinite(capped) ? capped : policy.maxDelayMs ?? policy.delayMs));
}

/** Whether the policy allows another attempt after `attemptsMade` consecutive failures. */
export function mayRetry(policy: ReconnectPolicy, attemptsMade: number): boolean {
  return policy.maxAttempts === undefined || attemptsMade < policy.maxAttempts;
}
