import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { WsWorld } from '../../src/world';
import type { NamedClient } from '../../src/world/named-client';
import { receiveMessage, textEquals } from '../../src/world/receiving';
import { waitFor } from '../../src/world/wait';

// Many clients waiting at once: an arrival re-checks the waits of its own client only, and a wait per
// client is no listener leak. bench/many-waits.bench.ts prints the time for 10,000 clients.
function world(): WsWorld {
  const noop = () => undefined;
  return new WsWorld({ attach: noop as never, log: noop, link: noop, parameters: { timeoutMs: 2000 } } as never);
}

/** A named client fed through the events a WebSocketClient raises, without a socket. */
function feedable(named: NamedClient): EventEmitter {
  const source = new EventEmitter();
  (named as unknown as { listen(client: EventEmitter): void }).listen(source);
  named.connections.push({ index: 0, open: {} as never, openedAt: performance.now(), localPort: undefined, errors: [] });
  return source;
}

/** Counts how often a wait looks into the client's inbox. */
function countLooks(named: NamedClient, counter: { checks: number }): void {
  const inbox = named.inbox;
  const look = inbox.unconsumedMessages.bind(inbox);
  inbox.unconsumedMessages = () => (counter.checks++, look());
}

test('a message to one client does not re-check the waits of the other clients', async () => {
  const w = world();
  const clients = Array.from({ length: 50 }, (_, i) => w.defineClient(`user-${i + 1}`));
  const sources = clients.map(feedable);
  const counters = clients.map(() => ({ checks: 0 }));
  clients.forEach((named, i) => countLooks(named, counters[i]!));
  const waits = clients.map((named) => receiveMessage(w, named, textEquals('hi'), 2000));
  const before = counters.map((c) => c.checks);
  // Traffic for user-1 only: messages that do not match, then the one it waits for.
  for (let n = 0; n < 20; n++) {
    sources[0]!.emit('message', { data: Buffer.from(`other ${n}`), binary: false });
    await new Promise((resolve) => setImmediate(resolve));
  }
  sources[0]!.emit('message', { data: Buffer.from('hi'), binary: false });
  await waits[0];
  const others = counters.slice(1).reduce((sum, c, i) => sum + c.checks - before[i + 1]!, 0);
  assert.equal(others, 0, 'the waits of the other clients were looked at again');
  assert.ok(counters[0]!.checks > before[0]!);
  for (const [i, source] of sources.entries()) if (i > 0) source.emit('message', { data: Buffer.from('hi'), binary: false });
  await Promise.all(waits);
});

test('more than 10 waits at once raise no MaxListenersExceeded warning', async () => {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);
  try {
    const w = world();
    const clients = Array.from({ length: 30 }, (_, i) => w.defineClient(`user-${i + 1}`));
    const sources = clients.map(feedable);
    const waits = clients.map((named) => receiveMessage(w, named, textEquals('hi'), 2000));
    // Also waits straight on the scenario's signal, as other steps make them.
    const more = Array.from({ length: 30 }, () => waitFor({ check: () => true, timeoutMs: 2000, signal: w.abortSignal, changes: w.changes, failure: () => 'never' }));
    for (const source of sources) source.emit('message', { data: Buffer.from('hi'), binary: false });
    await Promise.all([...waits, ...more]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(warnings.filter((w) => /MaxListeners/.test(w)), []);
  } finally {
    process.off('warning', onWarning);
  }
});

test('an abort still ends every one of many pending waits', async () => {
  const w = world();
  const clients = Array.from({ length: 30 }, (_, i) => w.defineClient(`user-${i + 1}`));
  clients.forEach(feedable);
  const waits = clients.map((named) => receiveMessage(w, named, textEquals('hi'), 2000).then(() => 'passed', (e: Error) => e.message));
  w.abort('Ctrl-C');
  const outcomes = await Promise.all(waits);
  assert.ok(outcomes.every((o) => /the run was interrupted: Ctrl-C/.test(o)), outcomes.join('\n'));
});
