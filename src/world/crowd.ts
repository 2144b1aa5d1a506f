import type { WsWorld } from '../world';
import { connectOrFail } from './connecting';
import { badArgument, StepError, StepErrorCode, type Comparison } from './errors';
import type { NamedClient } from './named-client';

/** A failure names this many clients; the rest are counted, so a thousand failures stay readable. */
const LISTED_FAILURES = 20;

/**
 * Run an action for each client; collect every failure instead of stopping at the first. `limit` caps how
 * many actions run at the same time (the rest start as earlier ones finish).
 */
export async function forEvery(
  clients: NamedClient[],
  action: (named: NamedClient) => Promise<unknown> | unknown,
  limit = Infinity,
): Promise<void> {
  const outcomes = await settleAll(clients, action, limit);
  const failures = outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [{ name: clients[i]!.name, error: outcome.reason as unknown }] : []));
  if (failures.length === 0) return;
  const aborted = failures.find((f) => f.error instanceof StepError && f.error.code === StepErrorCode.Aborted);
  if (aborted) throw aborted.error;
  const listed = failures.slice(0, LISTED_FAILURES).map((f) => `--- "${f.name}": ${f.error instanceof Error ? f.error.message : String(f.error)}`);
  if (failures.length > LISTED_FAILURES) listed.push(`--- and ${failures.length - LISTED_FAILURES} more`);
  const first = failures[0]!.error;
  const code = first instanceof StepError ? first.code : StepErrorCode.Assertion;
  throw new StepError(code, `${failures.length} of ${clients.length} clients failed:\n${listed.join('\n')}`, perClient(failures));
}

async function settleAll(
  clients: NamedClient[],
  action: (named: NamedClient) => Promise<unknown> | unknown,
  limit: number,
): Promise<PromiseSettledResult<unknown>[]> {
  if (limit >= clients.length) return Promise.allSettled(clients.map(async (named) => action(named)));
  const outcomes: PromiseSettledResult<unknown>[] = new Array(clients.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < clients.length) {
      const i = next++;
      try {
        outcomes[i] = { status: 'fulfilled', value: await action(clients[i]!) };
      } catch (reason) {
        outcomes[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return outcomes;
}

/**
 * Every client of a group waits for the same thing, so the first failure's `expected` stands for all;
 * what each one got differs, so `actual` is keyed by client name.
 */
function perClient(failures: Array<{ name: string; error: unknown }>): Comparison {
  const compared = failures.filter((f) => f.error instanceof StepError && f.error.expected !== undefined).slice(0, LISTED_FAILURES);
  if (compared.length === 0) return {};
  return {
    expected: (compared[0]!.error as StepError).expected,
    actual: Object.fromEntries(compared.map((f) => [f.name, (f.error as StepError).actual])),
  };
}

export interface GroupSetup {
  /** A path joined onto the target (or a full URL), as for one client. */
  path?: string;
  headers?: Array<[string, string]>;
  /** How many connect at the same time; default: the connectConcurrency setting. */
  concurrency?: number;
}

/** Create "<prefix>-1" ... "<prefix>-<count>" and connect them, `concurrency` at a time. */
export async function connectGroup(world: WsWorld, prefix: string, count: number, setup: GroupSetup = {}): Promise<void> {
  if (!Number.isInteger(count) || count < 1) throw badArgument(`cannot create ${count} clients: use 1 or more`);
  const concurrency = setup.concurrency ?? world.settings.connectConcurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw badArgument(`cannot connect ${concurrency} clients at a time: use 1 or more`);
  const clients = Array.from({ length: count }, (_, i) => {
    const named = world.defineClient(`${prefix}-${i + 1}`, setup.path);
    if (setup.headers) named.setup.headers.push(...setup.headers);
    return named;
  });
  await forEvery(clients, (named) => connectOrFail(world, named), concurrency);
}
