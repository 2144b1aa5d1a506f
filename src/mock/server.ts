import { createServer, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { defaultBehaviour, type MockBehaviour } from './behaviour';
import { headerValues, pairRawHeaders, type MockConnection } from './connection';

/**
 * The embedded mock server: a configurable WebSocket server on 127.0.0.1 (port 0) built on `ws`, used
 * when no target is configured. It records every handshake request and message per connection so that
 * steps can assert what a client really sent, and reports what it does as notes for the transcript.
 */
export class MockServer {
  behaviour: MockBehaviour = defaultBehaviour();
  /** Connections of the current scenario, accepted and rejected, in arrival order. */
  readonly connections: MockConnection[] = [];
  private http?: Server;
  private wss?: WebSocketServer;
  private address?: AddressInfo;
  private nextId = 1;
  private readonly noteListeners = new Set<(text: string) => void>();
  private readonly changeListeners = new Set<() => void>();

  get url(): string {
    if (!this.address) throw new Error('the mock server is not running');
    return `ws://127.0.0.1:${this.address.port}/`;
  }

  get running(): boolean {
    return this.address !== undefined;
  }

  async start(): Promise<string> {
    if (this.address) return this.url;
    const http = createServer((_req, res) => {
      // A plain HTTP request is not a WebSocket handshake.
      res.writeHead(426, { Upgrade: 'websocket', 'Content-Type': 'text/plain' }).end('This is a WebSocket server.\n');
    });
    // autoPong is off so that "does not answer pings" can be honoured per scenario; pongs are sent by hand.
    const wss = new WebSocketServer({
      noServer: true,
      autoPong: false,
      clientTracking: false,
      perMessageDeflate: false,
      handleProtocols: (offered: Set<string>) => this.behaviour.subprotocol ?? offered.values().next().value ?? false,
    });
    wss.on('wsClientError', (error, socket, req) => this.answerInvalidHandshake(error, socket, req));
    http.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(0, '127.0.0.1', () => {
        http.off('error', reject);
        resolve();
      });
    });
    this.http = http;
    this.wss = wss;
    this.address = http.address() as AddressInfo;
    return this.url;
  }

  /** Back to an echo server; called before every scenario. */
  reset(): void {
    this.behaviour = defaultBehaviour();
  }

  onNote(listener: (text: string) => void): () => void {
    this.noteListeners.add(listener);
    return () => this.noteListeners.delete(listener);
  }

  /** Called whenever a connection opens, closes or receives something. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Connections whose client port is one of these (the ports a named client used). */
  connectionsFrom(ports: Iterable<number>): MockConnection[] {
    const wanted = new Set(ports);
    return this.connections.filter((c) => c.remotePort !== undefined && wanted.has(c.remotePort));
  }

  openConnections(): MockConnection[] {
    return this.connections.filter((c) => c.open);
  }

  /**
   * TCP connections to the server that are still open, upgraded or not, as the listening server counts
   * them (not from our own records, which are cleared after each scenario): what proves nothing leaked.
   */
  openSocketCount(): Promise<number> {
    const http = this.http;
    if (!http) return Promise.resolve(0);
    return new Promise((resolve, reject) => http.getConnections((error, count) => (error ? reject(error) : resolve(count))));
  }

  /** Send a text message to every open connection; returns how many got it. */
  sendToAll(text: string): number {
    const open = this.openConnections();
    for (const connection of open) connection.socket!.send(text);
    this.note(`sent ${JSON.stringify(text)} to ${open.length} client(s)`);
    return open.length;
  }

  /** End a connection's TCP at once, without a close frame. */
  drop(connection: MockConnection, why = 'as asked'): void {
    if (!connection.socket || !connection.open) return;
    this.note(`dropping the connection from port ${connection.remotePort} (${why}), no close frame`);
    connection.socket.terminate();
  }

  /** Drop every connection and forget them; called after every scenario. */
  async closeConnections(): Promise<void> {
    const sockets = this.connections.filter((c) => c.socket && c.open).map((c) => c.socket!);
    for (const connection of this.connections) stopTimers(connection);
    const closed = sockets.map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())));
    for (const socket of sockets) socket.terminate();
    await Promise.race([Promise.all(closed), delay(1000)]);
    this.connections.length = 0;
  }

  async stop(): Promise<void> {
    await this.closeConnections();
    const http = this.http;
    this.http = undefined;
    this.wss = undefined;
    this.address = undefined;
    if (!http) return;
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A client that drops during the handshake must not take the run down.
    socket.on('error', () => undefined);
    const connection = this.record(req);
    const behaviour = this.behaviour;
    if (behaviour.rejectStatus !== undefined) {
      this.reject(connection, socket, behaviour.rejectStatus, 'rejected as configured');
      return;
    }
    let missing: MockBehaviour['requiredHeaders'][number] | undefined;
    try {
      missing = behaviour.requiredHeaders.find(
        (required) => !headerValues(connection.request, required.name).some((value) => required.pattern.test(value)),
      );
    } catch (error) {
      // A required-header pattern that ran out of time: the client hears why, not a hang.
      this.reject(connection, socket, 500, (error as Error).message);
      return;
    }
    if (missing) {
      this.reject(connection, socket, 401, `no ${missing.name} header matching /${missing.pattern.source}/`);
      return;
    }
    // ws reads its permessage-deflate options at each upgrade: this scenario's terms, or none.
    const deflate = behaviour.perMessageDeflate;
    this.wss!.options.perMessageDeflate = deflate ? { ...deflate, threshold: 0 } : false;
    this.wss!.handleUpgrade(req, socket, head, (ws) => this.accept(connection, ws));
  }

  private record(req: IncomingMessage): MockConnection {
    const connection: MockConnection = {
      id: this.nextId++,
      remotePort: req.socket.remotePort,
      request: { method: req.method ?? 'GET', url: req.url ?? '/', headers: pairRawHeaders(req.rawHeaders) },
      status: 0,
      received: [],
      open: false,
      timers: [],
    };
    this.connections.push(connection);
    return connection;
  }

  private reject(connection: MockConnection, socket: Duplex, status: number, why: string, extraHeaders = ''): void {
    connection.status = status;
    const reason = STATUS_CODES[status] ?? 'Rejected';
    const body = `${why}\n`;
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n${extraHeaders}` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    this.note(`answered the handshake from port ${connection.remotePort} with ${status} ${reason}: ${why}`);
    this.changed();
  }

  private answerInvalidHandshake(error: Error, socket: Duplex, req: IncomingMessage): void {
    const connection = this.connections.find((c) => c.remotePort === req.socket.remotePort && c.status === 0);
    const status = req.method !== 'GET' ? 405 : 400;
    // RFC 6455 4.2.2: a refused version is answered with the versions this server speaks, as ws itself does.
    const versions = /Sec-WebSocket-Version/i.test(error.message) ? 'Sec-WebSocket-Version: 13, 8\r\n' : '';
    if (connection) this.reject(connection, socket, status, `invalid handshake: ${error.message}`, versions);
    else socket.destroy();
  }

  private accept(connection: MockConnection, ws: WebSocket): void {
    connection.status = 101;
    connection.socket = ws;
    connection.open = true;
    const behaviour = this.behaviour;
    const protocol = ws.protocol ? ` with subprotocol ${ws.protocol}` : '';
    const extensions = ws.extensions ? ` and extensions "${ws.extensions}"` : '';
    this.note(`accepted a connection from port ${connection.remotePort} on ${connection.request.url}${protocol}${extensions}`);
    ws.on('message', (data, isBinary) => this.onMessage(connection, toBuffer(data), isBinary));
    ws.on('ping', (payload) => {
      if (this.behaviour.answerPings) ws.pong(payload);
      else this.note(`did not answer a ping from port ${connection.remotePort} (as configured)`);
    });
    ws.on('error', (error) => this.note(`error on the connection from port ${connection.remotePort}: ${error.message}`));
    ws.on('close', (code, reason) => {
      connection.open = false;
      stopTimers(connection);
      this.note(`connection from port ${connection.remotePort} closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`);
      this.changed();
    });
    for (const greeting of behaviour.greetings) ws.send(greeting);
    if (behaviour.pingIntervalMs !== undefined && behaviour.pingIntervalMs > 0) {
      connection.timers.push(setInterval(() => ws.ping(), behaviour.pingIntervalMs));
    }
    this.changed();
  }

  private onMessage(connection: MockConnection, data: Buffer, binary: boolean): void {
    connection.received.push({ data, binary });
    this.changed();
    const ws = connection.socket!;
    const behaviour = this.behaviour;
    const count = connection.received.length;
    const dropNow = behaviour.dropAfter !== undefined && count >= behaviour.dropAfter.messages;
    // When the connection is to be dropped, cut TCP only once the reply has been written.
    const afterReply = dropNow ? () => this.drop(connection, `after ${count} message(s)`) : undefined;
    const answers = behaviour.answer?.(connection.request.url ?? '/', data, binary);
    const reply = binary ? undefined : behaviour.replies.get(data.toString('utf8'));
    if (answers !== undefined) {
      answers.forEach((text, i) => ws.send(text, i === answers.length - 1 ? afterReply : undefined));
      if (answers.length === 0) afterReply?.();
    } else if (reply !== undefined) ws.send(reply, afterReply);
    else if (behaviour.mode === 'broadcast') {
      for (const other of this.openConnections()) {
        other.socket!.send(data, { binary }, other === connection ? afterReply : undefined);
      }
    } else ws.send(data, { binary }, afterReply);

    if (!dropNow && behaviour.closeAfter && count >= behaviour.closeAfter.messages) {
      this.note(`closing the connection from port ${connection.remotePort} with ${behaviour.closeAfter.code} after ${count} message(s)`);
      ws.close(behaviour.closeAfter.code, behaviour.closeAfter.reason);
    }
  }

  private note(text: string): void {
    for (const listener of this.noteListeners) listener(text);
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }
}

function stopTimers(connection: MockConnection): void {
  for (const timer of connection.timers) clearInterval(timer);
  connection.timers.length = 0;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
