/**
 * Our client and the `ws` client behind one small interface, so that every client benchmark runs the
 * same code for both and only the library differs.
 */
import WebSocket from 'ws';
import { WebSocketClient } from '../src/client/client';

export type Implementation = 'ours' | 'ws';

export interface BenchConnection {
  send(data: Buffer): void;
  /** Called for every message received; replaces the previous handler. */
  onMessage(handler: (size: number) => void): void;
  close(): Promise<void>;
  terminate(): void;
}

const CONNECT_TIMEOUT_MS = 20_000;

export function connect(implementation: Implementation, url: string): Promise<BenchConnection> {
  return implementation === 'ours' ? connectOurs(url) : connectWs(url);
}

async function connectOurs(url: string): Promise<BenchConnection> {
  const client = new WebSocketClient({ url, connectTimeoutMs: CONNECT_TIMEOUT_MS, handshakeTimeoutMs: CONNECT_TIMEOUT_MS });
  const result = await client.connect();
  if (!result.ok) throw new Error(`our client could not connect: ${result.error.message}`);
  let handler: (size: number) => void = () => undefined;
  client.on('message', (message) => handler(message.data.length));
  return {
    send: (data) => void client.send(data, { binary: true }),
    onMessage: (h) => (handler = h),
    close: async () => void (await client.close(1000, '', { waitForServerTcpClose: false })),
    terminate: () => client.terminate(),
  };
}

function connectWs(url: string): Promise<BenchConnection> {
  // No permessage-deflate offer: ours makes none either, and the echo server would decline it anyway.
  const socket = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: CONNECT_TIMEOUT_MS });
  let handler: (size: number) => void = () => undefined;
  socket.on('message', (data: Buffer) => handler(data.length));
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => {
      socket.off('error', reject);
      socket.on('error', () => undefined);
      resolve({
        send: (data) => socket.send(data, { binary: true }),
        onMessage: (h) => (handler = h),
        close: () =>
          new Promise<void>((done) => {
            if (socket.readyState === WebSocket.CLOSED) return done();
            socket.once('close', () => done());
            socket.close(1000);
          }),
        terminate: () => socket.terminate(),
      });
    });
  });
}
