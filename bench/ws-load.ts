/**
 * The baseline of the load-shaped scenario: what `Given N clients "user" are connected` and `When every
 * client "user" sends M messages of 64 bytes` (then every echo received) do, with plain `ws` clients
 * against a `ws` echo server in the same process (as the embedded mock server is in a wsbdd run), the
 * connects 100 at a time like wsbdd's default. Prints the time of each phase.
 */
import WebSocket from 'ws';
import { emitResult, positiveIntFromEnv } from './child';
import { inProcessEchoServer } from './in-process-echo';

const CLIENTS = positiveIntFromEnv('BENCH_LOAD_CLIENTS', 1000);
const MESSAGES = positiveIntFromEnv('BENCH_LOAD_MESSAGES', 10);
const CONCURRENCY = 100;
const PHASE_LIMIT_MS = 60_000;

function connect(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function withinLimit<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${PHASE_LIMIT_MS} ms`)), PHASE_LIMIT_MS)));
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

async function main(): Promise<void> {
  const { server, url } = await inProcessEchoServer();

  let started = performance.now();
  const sockets: WebSocket[] = new Array(CLIENTS);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < CLIENTS) {
      const i = next++;
      sockets[i] = await connect(url);
    }
  };
  await withinLimit(Promise.all(Array.from({ length: Math.min(CONCURRENCY, CLIENTS) }, worker)), 'connecting');
  const connectMs = performance.now() - started;

  started = performance.now();
  const payload = 'x'.repeat(64);
  const echoed = sockets.map(
    (socket) =>
      new Promise<void>((resolve) => {
        let count = 0;
        socket.on('message', () => {
          if (++count === MESSAGES) resolve();
        });
      }),
  );
  for (const socket of sockets) for (let m = 0; m < MESSAGES; m++) socket.send(payload);
  await withinLimit(Promise.all(echoed), 'the echoes');
  const messagesMs = performance.now() - started;

  for (const socket of sockets) socket.terminate();
  server.close();
  emitResult({ clients: CLIENTS, messages: MESSAGES, connectMs, messagesMs });
}

main().catch((error: unknown) => {
  process.stderr.write(`ws load failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
