import type { WsWorld } from '../world';
import { connectOrFail } from './connecting';
import { badArgument, StepError, StepErrorCode, type Comparison } from './errors';
import type { NamedClient } from './named-client';

/** Run an action for each client; collect every failure instead of stopping at the first. */
export async function forEvery(clients: NamedClient[], action: (named: NamedClient) => Promise<unknown> | unknown): Promise<void> {
  const outcomes = await Promise.allSettled(clients.map(async (named) => action(named)));
  const failures = outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [{ name: clients[i]!.name, error: outcome.reason as unknown }] : []));
  if (failures.length === 0) return;
  if (failures.some((f) => f.error instanceof StepError && f.error.code === StepErrorCode.Aborted)) {
    throw failures.find((f) => f.error instanceof StepError && f.error.code === StepErrorCode.Aborted)!.error;
  }
  const details = failures.map((f) => `--- "${f.name}": ${f.error instanceof Error ? f.error.message : String(f.error)}`).join('\n');
  const first = failures[0]!.error;
  const code = first instanceof StepError ? first.code : StepErrorCode.Assertion;
  throw new StepError(code, `${failures.length} of ${clients.length} clients failed:\n${details}`, perClient(failures));
}

/**
 * Every client of a group waits for the same thing, so the first failure's `expected` stands for all;
 * what each one got differs, so `actual` is keyed by client name.
 */
function perClient(failures: Array<{ name: string; error: unknown }>): Comparison {
  const compared = failures.filter((f) => f.error instanceof StepError && f.error.expected !== undefined);
  if (compared.length === 0) return {};
  return {
    expected: (compared[0]!.error as StepError).expected,
    actual: Object.fromEntries(compared.map((f) => [f.name, (f.error as StepError).actual])),
  };
}

/** Create "<prefix>-1" ... "<prefix>-<count>" and connect them all at once. */
export async function connectGroup(world: WsWorld, prefix: string, count: number): Promise<void> {
  if (!Number.isInteger(count) || count < 1) throw badArgument(`cannot create ${count} clients: use 1 or more`);
  const clients = Array.from({ length: count }, (_, i) => world.defineClient(`${prefix}-${i + 1}`));
  await forEvery(clients, (named) => connectOrFail(world, named));
}
