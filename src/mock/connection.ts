import type { WebSocket } from 'ws';

/** A handshake request as the mock server received it. */
export interface MockRequestHead {
  method: string;
  url: string;
  /** In the order received, names as the client wrote them, repeated names kept. */
  headers: Array<[string, string]>;
}

export interface MockReceivedMessage {
  data: Buffer;
  binary: boolean;
}

/** One client connection attempt seen by the mock server, accepted or rejected. */
export interface MockConnection {
  id: number;
  /** The client's port: how the World tells which named client this is. */
  remotePort: number | undefined;
  request: MockRequestHead;
  /** HTTP status the handshake was answered with (101 when accepted). */
  status: number;
  received: MockReceivedMessage[];
  /** The accepted socket; absent for rejected handshakes. */
  socket?: WebSocket;
  open: boolean;
  /** Timers owned by this connection (heartbeat pings), cleared when it ends. */
  timers: NodeJS.Timeout[];
}

/** Header values the client sent under this name (case-insensitive), in order. */
export function headerValues(request: MockRequestHead, name: string): string[] {
  const lower = name.toLowerCase();
  return request.headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
}

export function pairRawHeaders(raw: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  return pairs;
}
