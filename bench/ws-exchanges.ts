/**
 * The baseline of the harness overhead: the work of one connect/send/receive/close scenario done with a
 * plain `ws` client against a `ws` server in the same process (as the embedded mock server is in a wsbdd
 * run), N times in a row. Prints the mean time per exchange.
 */
import WebSocket from 'ws';
import { emitResult, positiveIntFromEnv } from './child';
import { inProcessEchoServer } from './in-process-echo';

const COUNT = positiveIntFromEnv('BENCH_SCENARIOS', 1000);
const EXCHANGE_LIMIT_MS = 5000;

function exchange(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const timer = setTimeout(() => reject(new Error('an exchange took over 5 s')), EXCHANGE_LIMIT_MS);
    socket.on('open', () => socket.send('hi'));
    socket.on('message', () => socket.close(1000));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.on('error', reject);
  });
}

async function main(): Promise<void> {
  const { server, url } = await inProcessEchoServer();
  const started = performance.now();
  for (let i = 0; i < COUNT; i++) await exchange(url);
  const msPerExchange = (performance.now() - started) / COUNT;
  server.close();
  emitResult({ exchanges: COUNT, msPerExchange });
}

main().catch((error: unknown) => {
  process.stderr.write(`ws exchanges failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
