import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { CloseCode } from '../protocol/constants';
import type { FrameSpec } from '../protocol/frame';
import type { Outgoing, ProtocolEvent, SendMessageOptions, WebSocketProtocol } from '../protocol/protocol';
import { ClientError } from './errors';
import { Heartbeat } from './heartbeat';
import type { ClientErrorKind, ClientEvents, CloseEvent, CloseOptions, FrameEvent } from './types';

export type Emit = <K extends keyof ClientEvents>(event: K, ...args: ClientEvents[K]) => void;

export interface SessionOptions {
  closeTimeoutMs: number;
  pingIntervalMs: number;
  pongTimeoutMs?: number;
}

export interface SessionHooks {
  emit: Emit;
  /** Someone listens to 'frame' events: only then are they built (a time stamp and an object per frame). */
  wantsFrames(): boolean;
  /** A close frame went out or came in: the connection no longer carries messages. */
  closing(): void;
  /** TCP is gone; called once, before `closed` resolves. */
  closed(event: CloseEvent): void;
}

/**
 * Reading stops for a turn of the event loop once received bytes have kept it this long: node reads many
 * chunks in one go, and a flood of tiny frames would otherwise hold off every timer (a step's timeout).
 */
const RECEIVE_SLICE_MS = 20;

/** After TCP end() is asked for, how long the peer gets to finish before the socket is destroyed. */
const END_GRACE_MS = 500;
const WRITE_ERRORS = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

/**
 * A socket error once the handshake is done is no failed connect attempt: a write that failed is 'send',
 * a TLS failure 'tls', and anything else (a reset, a timeout of the open connection) 'transport'.
 */
function openConnectionErrorKind(code: string, writeFailed: boolean): ClientErrorKind {
  if (writeFailed) return 'send';
  return /^ERR_(SSL|TLS)_/.test(code) ? 'tls' : 'transport';
}

/**
 * One open WebSocket connection: the socket after a successful handshake around the protocol state
 * machine, heartbeats and the timers of the closing handshake (RFC 6455 section 7). What was sent and
 * received, and who started closing, is the core's to know: the session reads it after every exchange
 * and reports everything through the hooks.
 */
export class Session {
  readonly closed: Promise<CloseEvent>;
  private resolveClosed!: (event: CloseEvent) => void;
  /** terminate() ended TCP: with no close frame either way, the client is who ended the connection. */
  private terminated = false;
  /** hooks.closing() has been called for our own close frame. */
  private closingReported = false;
  private closeFrameTimer: NodeJS.Timeout | undefined;
  private tcpEndTimer: NodeJS.Timeout | undefined;
  private destroyTimer: NodeJS.Timeout | undefined;
  /** Set by a close() that does not wait for the server's TCP close: settled when the closing handshake is done. */
  private handshakeDone: { promise: Promise<CloseEvent>; resolve: (event: CloseEvent) => void } | undefined;
  /** Only with a ping interval: a connection without heartbeats keeps no timer state or callbacks for them. */
  private readonly heartbeat: Heartbeat | undefined;
  /** When this turn of reading began (see RECEIVE_SLICE_MS); undefined between turns. */
  private readingSince: number | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly protocol: WebSocketProtocol,
    private readonly options: SessionOptions,
    private readonly hooks: SessionHooks,
  ) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    if (options.pingIntervalMs > 0) {
      this.heartbeat = new Heartbeat({
        intervalMs: options.pingIntervalMs,
        pongTimeoutMs: options.pongTimeoutMs,
        sendPing: () => {
          if (this.carriesMessages) this.run(() => this.protocol.ping(Buffer.alloc(0)));
        },
        onPongTimeout: (waited) => this.onPongTimeout(waited),
      });
    }
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('drain', () => {
      this.releasePongs();
      this.hooks.emit('drain');
    });
    socket.on('error', (error) => this.onSocketError(error));
    socket.once('close', () => this.onSocketClose());
  }

  /** Start reading; `rest` holds bytes that arrived together with the handshake response. */
  start(rest: Buffer): void {
    if (this.socket.destroyed) return;
    this.heartbeat?.start();
    if (rest.length > 0) this.receive(rest);
    this.socket.resume();
  }

  /** Neither side has started closing, so messages may flow. */
  get carriesMessages(): boolean {
    return this.protocol.state === 'open' && this.writable;
  }

  /** Bytes handed to the socket that it has not yet sent: they grow while the server does not read. */
  get bufferedAmount(): number {
    return this.socket.writableLength;
  }

  get writable(): boolean {
    return !this.socket.destroyed && this.socket.writable;
  }

  sendMessage(data: string | Buffer, options: SendMessageOptions): boolean {
    return this.run(() => this.protocol.sendMessage(data, options));
  }

  sendFrame(spec: FrameSpec): boolean {
    return this.run(() => this.protocol.sendFrame(spec));
  }

  sendRaw(bytes: Buffer): boolean {
    return this.run(() => this.protocol.sendRaw(bytes));
  }

  ping(payload: Buffer): boolean {
    return this.run(() => this.protocol.ping(payload));
  }

  pong(payload: Buffer): boolean {
    return this.run(() => this.protocol.pong(payload));
  }

  /**
   * Start the closing handshake unless a close frame already went out (also one written with
   * sendFrame); resolves when TCP is gone.
   */
  close(code: number, reason: string, options: CloseOptions = {}): Promise<CloseEvent> {
    const halfClose = options.waitForServerTcpClose === false;
    if (halfClose && !this.handshakeDone) {
      let resolve!: (event: CloseEvent) => void;
      const promise = new Promise<CloseEvent>((r) => (resolve = r));
      this.handshakeDone = { promise, resolve };
    }
    if (!this.protocol.closeSent && this.writable) {
      // A code that cannot be encoded at all (reported as usage/invalid-send) or a failed write leaves no
      // closing handshake to wait for: drop TCP so that the returned promise settles.
      if (!this.run(() => this.protocol.close(code, reason))) this.terminate();
    } else if (halfClose) {
      // The handshake may be done already (the server's close frame came first, or a raw close went out).
      this.followClosing();
    }
    return this.handshakeDone && halfClose ? Promise.race([this.closed, this.handshakeDone.promise]) : this.closed;
  }

  terminate(): void {
    this.terminated = true;
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    const time = this.hooks.wantsFrames() ? performance.now() : undefined;
    this.holdPongsWhileFull();
    let events: ProtocolEvent[];
    try {
      events = this.protocol.receive(chunk);
    } catch (error) {
      this.hooks.emit('error', new ClientError({
        kind: 'protocol',
        code: 'WSBDD_ERR_INTERNAL',
        message: `the protocol engine failed on received bytes: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      }));
      this.terminate();
      return;
    }
    for (const event of events) this.handle(event, time);
    this.flush();
    this.yieldWhenBusy();
  }

  /** Lets timers and other sockets run when reading has kept the event loop for RECEIVE_SLICE_MS. */
  private yieldWhenBusy(): void {
    const now = performance.now();
    if (this.readingSince === undefined) {
      this.readingSince = now;
      setImmediate(() => (this.readingSince = undefined));
      return;
    }
    if (now - this.readingSince < RECEIVE_SLICE_MS || this.socket.isPaused()) return;
    this.socket.pause();
    // setImmediate runs after this turn's reads; the timers' phase comes before the next one.
    setTimeout(() => {
      this.readingSince = undefined;
      if (!this.socket.destroyed) this.socket.resume();
    }, 0);
  }

  private handle(event: ProtocolEvent, time: number | undefined): void {
    switch (event.type) {
      case 'frame': {
        if (time === undefined) return;
        // The marks become keys only when the frame has them: no undefined-valued keys for a listener's
        // deepEqual or key listing to trip over.
        const frame: FrameEvent = { direction: 'in', time, frame: event.frame };
        if (event.rejected !== undefined) frame.rejected = event.rejected;
        if (event.ignored !== undefined) frame.ignored = event.ignored;
        return this.hooks.emit('frame', frame);
      }
      case 'message':
        return this.hooks.emit(
          'message',
          event.compressedLength === undefined
            ? { data: event.data, binary: event.binary }
            : { data: event.data, binary: event.binary, compressedLength: event.compressedLength },
        );
      case 'ping':
        return this.hooks.emit('ping', event.payload);
      case 'pong':
        this.heartbeat?.pongReceived();
        return this.hooks.emit('pong', event.payload);
      case 'close':
        clearTimeout(this.closeFrameTimer);
        this.heartbeat?.stop();
        return this.hooks.closing();
      case 'error':
        this.heartbeat?.stop();
        this.hooks.closing();
        return this.hooks.emit('error', new ClientError({
          kind: 'protocol',
          code: event.error.code,
          message: event.error.message,
          closeCode: event.error.closeCode,
          rfcSection: event.error.rfcSection,
          cause: event.error,
        }));
    }
  }

  /**
   * A server that pings and never reads would otherwise grow our send buffer by a pong per ping without
   * end: while the socket asks us to wait for 'drain', automatic pongs are held (see the core's holdPongs).
   */
  private holdPongsWhileFull(): void {
    if (this.protocol.holdingPongs || !this.socket.writableNeedDrain) return;
    this.protocol.holdPongs();
    this.hooks.emit('pongsHeld', { held: true, bufferedAmount: this.socket.writableLength });
  }

  private releasePongs(): void {
    if (!this.protocol.holdingPongs) return;
    const pings = this.protocol.pongsPending;
    const answered = pings > 0 && !this.protocol.closeSent;
    this.protocol.releasePongs();
    if (answered) this.flush();
    this.hooks.emit('pongsHeld', { held: false, pings, answered, bufferedAmount: this.socket.writableLength });
  }

  /** Run a protocol call that queues output, then write it; a refused call is a 'usage' error. */
  private run(action: () => void): boolean {
    try {
      action();
    } catch (error) {
      this.hooks.emit('error', new ClientError({
        kind: 'usage',
        code: 'invalid-send',
        message: `cannot send: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      }));
      return false;
    }
    return this.flush();
  }

  private flush(): boolean {
    let written = true;
    for (const outgoing of this.protocol.takeOutgoing()) written = this.write(outgoing) && written;
    this.followClosing();
    return written;
  }

  private write(outgoing: Outgoing): boolean {
    if (!this.writable) {
      this.hooks.emit('error', new ClientError({ kind: 'send', code: 'write-failed', message: 'the connection is no longer writable' }));
      return false;
    }
    const chunks = outgoing.chunks;
    if (chunks.length === 1) this.socket.write(chunks[0]);
    else {
      this.socket.cork();
      for (const chunk of chunks) this.socket.write(chunk);
      this.socket.uncork();
    }
    if (!this.hooks.wantsFrames()) return true;
    const time = performance.now();
    const frame = outgoing.frame;
    const event: FrameEvent = frame ? { direction: 'out', time, frame } : { direction: 'out', time, raw: Buffer.concat(outgoing.chunks) };
    if (outgoing.inflatedLength !== undefined) event.inflatedLength = outgoing.inflatedLength;
    if (outgoing.inflated !== undefined) event.inflated = outgoing.inflated;
    this.hooks.emit('frame', event);
    return true;
  }

  /** Runs the timers the core's closing state calls for, once what it queued has been written. */
  private followClosing(): void {
    const protocol = this.protocol;
    if (protocol.closeSent && !this.closingReported) {
      this.closingReported = true;
      this.heartbeat?.stop();
      this.hooks.closing();
    }
    if (protocol.awaitingPeerClose) this.awaitPeerClose();
    else clearTimeout(this.closeFrameTimer);
    if (protocol.tcpCloseExpected) {
      if (this.handshakeDone) this.halfClose();
      else this.awaitTcpEnd();
    }
  }

  /** The closing handshake is done and nobody waits for the server's TCP close: send our FIN now. */
  private halfClose(): void {
    clearTimeout(this.tcpEndTimer);
    this.endTcp();
    this.handshakeDone?.resolve(this.closeEvent());
  }

  private awaitPeerClose(): void {
    if (this.closeFrameTimer || this.socket.destroyed) return;
    this.closeFrameTimer = setTimeout(() => {
      this.hooks.emit('error', new ClientError({
        kind: 'timeout',
        code: 'close-timeout',
        message: `no close frame from the server within ${this.options.closeTimeoutMs} ms of ours`,
      }));
      this.endTcp();
    }, this.options.closeTimeoutMs);
  }

  /** RFC 6455 section 7.1.1: the server should close TCP first; the client waits, then closes it itself. */
  private awaitTcpEnd(): void {
    if (this.tcpEndTimer || this.socket.destroyed) return;
    this.tcpEndTimer = setTimeout(() => this.endTcp(), this.options.closeTimeoutMs);
  }

  private endTcp(): void {
    if (this.socket.destroyed || this.destroyTimer) return;
    this.socket.end();
    this.destroyTimer = setTimeout(() => this.socket.destroy(), Math.min(END_GRACE_MS, this.options.closeTimeoutMs));
  }

  private onPongTimeout(waitedMs: number): void {
    this.hooks.emit('error', new ClientError({
      kind: 'timeout',
      code: 'pong-timeout',
      message: `no pong within ${waitedMs} ms of a heartbeat ping`,
    }));
    // A peer that stopped answering pings is treated as gone: close with 1001 (going away); if it does
    // not answer that either, closeTimeoutMs ends TCP.
    void this.close(CloseCode.GoingAway, 'pong timeout');
  }

  private onSocketError(error: Error): void {
    // After both close frames, or a violation of the server's, TCP going down is what is expected.
    if (this.protocol.tcpCloseExpected) return;
    const code = (error as NodeJS.ErrnoException).code ?? 'socket-error';
    const writeFailed = WRITE_ERRORS.has(code);
    this.hooks.emit('error', new ClientError({
      kind: openConnectionErrorKind(code, writeFailed),
      code: writeFailed ? 'write-failed' : code,
      message: writeFailed ? `writing to the connection failed: ${error.message}` : `the open connection failed: ${error.message}`,
      cause: error,
    }));
  }

  private onSocketClose(): void {
    clearTimeout(this.closeFrameTimer);
    clearTimeout(this.tcpEndTimer);
    clearTimeout(this.destroyTimer);
    this.heartbeat?.stop();
    if (this.protocol.holdingPongs) {
      this.hooks.emit('pongsHeld', { held: false, pings: this.protocol.pongsPending, answered: false, bufferedAmount: this.socket.writableLength });
    }
    const event = this.closeEvent();
    this.hooks.closed(event);
    this.resolveClosed(event);
  }

  /** How the connection ended (or is ending: the closing handshake is done, TCP may not be gone yet). */
  private closeEvent(): CloseEvent {
    const protocol = this.protocol;
    const received = protocol.peerClose;
    const sentCode = protocol.sentCloseCode;
    return {
      code: received ? (received.code ?? CloseCode.NoStatus) : CloseCode.Abnormal,
      reason: received ? received.reason : '',
      initiatedBy: this.initiatedBy(),
      clean: protocol.closeSent && protocol.closeReceived,
      closeFrameReceived: protocol.closeReceived,
      closeFrameSent: protocol.closeSent,
      ...(sentCode !== undefined ? { sentCode } : {}),
    };
  }

  /** The first close frame on the wire decides; with none, whoever ended TCP. */
  private initiatedBy(): CloseEvent['initiatedBy'] {
    const initiator = this.protocol.closeInitiator;
    if (initiator !== undefined) return initiator === 'self' ? 'client' : 'server';
    return this.terminated ? 'client' : 'transport';
  }
}
