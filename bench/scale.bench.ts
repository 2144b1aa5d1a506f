/**
 * 10,000 concurrent idle connections in one process: time to connect them all and memory per
 * connection, ours next to the `ws` client, each in its own process against one `ws` server (in a third
 * process). 10,000 sockets need more open files than the usual default of 1024: the runner raises the
 * limit (`ulimit -n`) for the client and server processes. Run through `npm run bench`; alone:
 * `sh -c 'ulimit -n 20000 && node --expose-gc dist/bench/scale.bench.js ours ws://127.0.0.1:PORT/'`.
 */
import { emitResult, positiveIntFromEnv } from './child';
import { connect, type BenchConnection, type Implementation } from './peers';

const COUNT = positiveIntFromEnv('BENCH_CONNECTIONS', 10_000);
/** Connection attempts in flight at once. */
const WINDOW = 200;
const CONNECT_ALL_LIMIT_MS = 120_000;

export interface ScaleResult {
  implementation: Implementation;
  connections: number;
  connectMs: number;
  /** Growth of the resident set, and of the JS heap plus buffers outside it, per connection. */
  rssPerConnection: number;
  heapPerConnection: number;
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc: memory per connection is measured after a full collection');
  gc();
  gc();
}

function heapAndBuffers(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

async function main(): Promise<void> {
  const [implementation, url] = process.argv.slice(2) as [Implementation, string];
  if ((implementation !== 'ours' && implementation !== 'ws') || !url) throw new Error('usage: scale.bench.js ours|ws URL');
  // One connection first, so that module loading and JIT warm-up are not counted per connection.
  const warm = await connect(implementation, url);
  await warm.close();
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = heapAndBuffers();
  const connections: BenchConnection[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < COUNT && performance.now() - started < CONNECT_ALL_LIMIT_MS) {
      next++;
      connections.push(await connect(implementation, url));
    }
  };
  await Promise.all(Array.from({ length: WINDOW }, worker));
  const connectMs = performance.now() - started;
  if (connections.length < COUNT) throw new Error(`only ${connections.length} of ${COUNT} connections within ${CONNECT_ALL_LIMIT_MS} ms`);
  // Idle for a moment, so that what the handshakes left behind can be collected.
  await new Promise((resolve) => setTimeout(resolve, 500));
  collectGarbage();
  const result: ScaleResult = {
    implementation,
    connections: connections.length,
    connectMs,
    rssPerConnection: (process.memoryUsage().rss - rssBefore) / connections.length,
    heapPerConnection: (heapAndBuffers() - heapBefore) / connections.length,
  };
  emitResult({ scale: result });
  for (const c of connections) c.terminate();
}

main().catch((error: unknown) => {
  process.stderr.write(`scale bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
