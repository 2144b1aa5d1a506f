/**
 * The wait machinery with many clients: N clients each wait for a message (one receive step for all of
 * them, like "every client ... should receive"), then each client gets its message, one after another.
 * Each arrival should re-check the waits of its own client only; re-checking every pending wait of every
 * client made this quadratic. The clients are fed through the same events a socket would raise, without
 * sockets, so the figure is the wait machinery's own. Prints the time; run with
 * `npx tsc -p . && node dist/bench/many-waits.bench.js [clients]` (default 10000). Warnings (such as
 * MaxListenersExceeded) are counted and printed.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { WsWorld } from '../src/world';
import { forEvery } from '../src/world/crowd';
import { receiveMessage, textEquals } from '../src/world/receiving';
import type { NamedClient } from '../src/world/named-client';

const clients = Number(process.argv[2] ?? 10_000);
const STEP_TIMEOUT_MS = 3000;
let warnings = 0;
process.on('warning', (warning) => {
  warnings++;
  if (warnings === 1) console.log(`warning: ${warning.name}: ${warning.message}`);
});

function world(): WsWorld {
  const noop = () => undefined;
  return new WsWorld({ attach: noop as never, log: noop, link: noop, parameters: { timeoutMs: STEP_TIMEOUT_MS } } as never);
}

/** Gives a named client an event source in place of a WebSocketClient, and a connection to receive on. */
function feedable(named: NamedClient): EventEmitter {
  const source = new EventEmitter();
  (named as unknown as { listen(client: EventEmitter): void }).listen(source);
  named.connections.push({ index: 0, open: {} as never, openedAt: performance.now(), localPort: undefined, errors: [] });
  return source;
}

async function main(): Promise<void> {
  const w = world();
  const group = Array.from({ length: clients }, (_, i) => w.defineClient(`user-${i + 1}`));
  const sources = group.map(feedable);
  const started = performance.now();
  let outcome = 'passed';
  const all = forEvery(group, (named) => receiveMessage(w, named, textEquals('hi'), STEP_TIMEOUT_MS)).catch(
    (error: unknown) => (outcome = `FAILED: ${(error as Error).message.split('\n')[0]}`),
  );
  // One arrival per macrotask, as separate socket reads would come.
  for (const source of sources) {
    source.emit('message', { data: Buffer.from('hi'), binary: false });
    await new Promise((resolve) => setImmediate(resolve));
  }
  await all;
  const ms = performance.now() - started;
  console.log(`${clients} clients waiting, one message each: ${ms.toFixed(0)} ms (step timeout ${STEP_TIMEOUT_MS} ms), ${outcome}, ${warnings} warning(s)`);
}

void main();
