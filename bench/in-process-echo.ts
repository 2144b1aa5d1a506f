import { WebSocketServer } from 'ws';

/**
 * A `ws` echo server on a loopback port in the benchmark's own process: the plain-ws baselines that
 * mirror a wsbdd run against its embedded mock server, which also shares the process.
 */
export async function inProcessEchoServer(): Promise<{ server: WebSocketServer; url: string }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', (socket) => socket.on('message', (data, binary) => socket.send(data, { binary })));
  const address = server.address();
  return { server, url: `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` };
}
