/**
 * The reference server of the client benchmarks: a `ws` echo server on 127.0.0.1 in its own process, so
 * that the clients measured do not share their event loop with it. Prints its port, then serves until
 * its stdin closes (the benchmark that started it ended) or BENCH_SERVER_MAX_MS pass.
 */
import { WebSocketServer } from 'ws';
import { positiveIntFromEnv } from './child';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024 * 1024, backlog: 4096 });
server.on('connection', (socket) => {
  socket.on('message', (data, binary) => socket.send(data, { binary }));
  socket.on('error', () => undefined);
});
server.on('listening', () => {
  const address = server.address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
});
const stop = (): void => {
  for (const client of server.clients) client.terminate();
  server.close();
  process.exit(0);
};
process.stdin.on('end', stop).on('close', stop).resume();
setTimeout(stop, positiveIntFromEnv('BENCH_SERVER_MAX_MS', 600_000)).unref();
