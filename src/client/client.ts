import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { CloseCode } from '../protocol/constants';
import type { FrameSpec } from '../protocol/frame';
import { type PerMessageDeflateOptions, type SendMessageOptions, WebSocketProtocol } from '../protocol/protocol';
import type { PerMessageDeflateTerms } from './deflate-negotiation';
import { mayRetry, reconnectDelay } from './backoff';
import { ClientError } from './errors';
import { runHandshake } from './handshake';
import { buildHandshakeRequest } from './handshake-request';
import type { Negotiated } from './handshake-validate';
import { ReconnectTimer } from './reconnect-timer';
import { Session } from './session';
import { openTransport } from './transport';
import type {
  ClientEvents,
  ClientOptions,
  ClientState,
  CloseEvent,
  CloseOptions,
  ConnectResult,
  HandshakeRequest,
  HandshakeResponse,
  OpenEvent,
} from './types';
import { parseWebSocketUrl } from './url';

const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
const DEFAULT_HANDSHAKE_TIMEOUT_MS = 5000;
const DEFAULT_CLOSE_TIMEOUT_MS = 2000;

function toBuffer(payload: Buffer | string | undefined): Buffer {
  if (payload === undefined) return Buffer.alloc(0);
  return typeof payload === 'string' ? Buffer.from(payload) : payload;
}

/** The negotiated terms as the protocol core takes them: how the server compresses, and how we do. */
function deflateTerms(terms: PerMessageDeflateTerms | undefined, compress: boolean): PerMessageDeflateOptions | undefined {
  if (!terms) return undefined;
  return {
    noContextTakeover: terms.serverNoContextTakeover,
    windowBits: terms.serverMaxWindowBits,
    ...(compress ? { compress: { noContextTakeover: terms.clientNoContextTakeover, windowBits: terms.clientMaxWindowBits } } : {}),
  };
}

function cancelled(): ClientError {
  return new ClientError({ kind: 'usage', code: 'reconnect-cancelled', message: 'the reconnect was cancelled' });
}

function aborted(): ClientError {
  return new ClientError({ kind: 'usage', code: 'aborted', message: 'the connection attempt was abandoned by close() or terminate()' });
}

/** What close() reports when there never was a connection to close. */
function nothingToClose(): CloseEvent {
  return { code: CloseCode.Abnormal, reason: '', initiatedBy: 'client', clean: false, closeFrameReceived: false, closeFrameSent: false };
}

/**
 * Our RFC 6455 client. Configure, then connect(). Every failure is delivered through the 'error' event;
 * with no 'error' listener it is kept in lastError instead of being thrown, and an exception thrown by a
 * listener is reported as an error of kind 'usage', code 'listener-error', instead of escaping into a
 * socket callback.
 *
 * Sending before the handshake completes (or after a close frame went either way) is refused, not queued:
 * send(), sendText(), sendBinary(), ping() and pong() return false and emit a 'send' error with code
 * 'not-open'. sendFrame() and sendRaw() also work while closing, as long as TCP is writable, so a test can
 * send data after a close frame on purpose.
 *
 * The 'close' event is emitted for connections that were open; a failed connection attempt emits 'error'
 * only. A heartbeat pong timeout emits 'error' ('timeout', 'pong-timeout') and starts the closing handshake
 * with 1001 (going away); the reconnect policy treats that close as unexpected.
 */
export class WebSocketClient extends EventEmitter<ClientEvents> {
  state: ClientState = 'idle';
  request?: HandshakeRequest;
  response?: HandshakeResponse;
  /** The subprotocol the server chose. */
  protocol?: string;
  lastClose?: CloseEvent;
  lastError?: Error;

  private session?: Session;
  /** Sessions ended by close(), terminate() or reconnect(): their close never triggers the reconnect policy. */
  private readonly dismissed = new WeakSet<Session>();
  private openEvent?: OpenEvent;
  private pendingConnect?: Promise<ConnectResult>;
  private abortAttempt?: () => void;
  private attemptAbandoned = false;
  /** Reconnect attempts since the last successful open. */
  private reconnectAttempts = 0;
  /** Every reconnect(), cancelReconnect(), close() and terminate() makes older pending reconnects stand down. */
  private readonly reconnectTimer = new ReconnectTimer();
  /** reconnect() calls not settled yet, plus one while the policy may still try again. */
  private reconnectsUnderWay = 0;

  constructor(readonly options: ClientOptions) {
    super();
  }

  /**
   * Bytes sent but still waiting in the socket: a server that does not read makes this grow, and sends
   * are never refused for it, so a sender that must not outrun the server waits for 'drain'.
   */
  get bufferedAmount(): number {
    return this.session?.bufferedAmount ?? 0;
  }

  /**
   * A reconnect is coming: reconnect() was called and has not settled, or the reconnect policy is
   * between an unexpected close and its last attempt. Whoever waits for this connection to come back
   * (or for anything to arrive on it) can tell a closed connection from one that is only closed for now.
   */
  get reconnectPending(): boolean {
    return this.reconnectsUnderWay > 0;
  }

  /** 'error' with no listener is kept in lastError instead of throwing. */
  override emit<K extends keyof ClientEvents>(event: K, ...args: ClientEvents[K]): boolean {
    if (event === 'error') {
      this.lastError = args[0] as ClientError;
      if (this.listenerCount('error') === 0) return false;
    }
    return (super.emit as (event: K, ...args: ClientEvents[K]) => boolean)(event, ...args);
  }

  /** Open TCP/TLS, then the handshake. Never rejects: the outcome is in the result (and the events). */
  connect(): Promise<ConnectResult> {
    if (this.pendingConnect) return this.pendingConnect;
    if (this.state === 'open' && this.openEvent) return Promise.resolve({ ok: true, open: this.openEvent });
    const attempt = this.establish().finally(() => {
      if (this.pendingConnect === attempt) this.pendingConnect = undefined;
    });
    this.pendingConnect = attempt;
    return attempt;
  }

  /** Send in the given type; strings go in the default frame type unless options.binary says otherwise. Returns false (and emits 'error' not-open) when not open. */
  send(data: string | Buffer, options: SendMessageOptions = {}): boolean {
    const binary = typeof data === 'string' ? (options.binary ?? this.options.defaultType === 'binary') : options.binary !== false;
    const payload = binary && typeof data === 'string' ? Buffer.from(data) : data;
    const session = this.openSession();
    return session ? session.sendMessage(payload, { ...options, binary }) : false;
  }

  sendText(text: string, options?: Omit<SendMessageOptions, 'binary'>): boolean {
    return this.send(text, { ...options, binary: false });
  }

  sendBinary(data: Buffer, options?: Omit<SendMessageOptions, 'binary'>): boolean {
    return this.send(data, { ...options, binary: true });
  }

  ping(payload?: Buffer | string): boolean {
    return this.openSession()?.ping(toBuffer(payload)) ?? false;
  }

  pong(payload?: Buffer | string): boolean {
    return this.openSession()?.pong(toBuffer(payload)) ?? false;
  }

  /**
   * Any frame, valid or not. Allowed while closing too. A close frame (opcode 8, whatever it carries)
   * is the client's close: the server's close is not answered after it, and close() sends no other.
   */
  sendFrame(spec: FrameSpec): boolean {
    return this.writableSession()?.sendFrame(spec) ?? false;
  }

  /** Arbitrary bytes, unframed. Allowed while closing too. Opaque: they change no state, also when they hold a close frame. */
  sendRaw(bytes: Buffer): boolean {
    return this.writableSession()?.sendRaw(bytes) ?? false;
  }

  /**
   * Send a close frame, wait for the server's (closeTimeoutMs), then end TCP. After a close frame already
   * went out (also one from sendFrame) nothing more is sent: it only waits. Cancels any pending reconnect. Never rejects.
   * With `waitForServerTcpClose: false` it half-closes TCP as soon as the closing handshake is done and
   * resolves then; the 'close' event still comes when TCP is gone.
   */
  async close(code: number = CloseCode.Normal, reason = '', options: CloseOptions = {}): Promise<CloseEvent> {
    this.cancelReconnect();
    const pending = this.pendingConnect;
    if (pending) this.abandonAttempt();
    const session = this.session;
    if (session) {
      this.dismissed.add(session);
      return session.close(code, reason, options);
    }
    if (pending) await pending;
    return this.lastClose ?? nothingToClose();
  }

  /** Drop TCP at once, no close frame. Also abandons a connection attempt and cancels any pending reconnect. */
  terminate(): void {
    this.cancelReconnect();
    if (this.pendingConnect) this.abandonAttempt();
    if (this.session) {
      this.dismissed.add(this.session);
      this.session.terminate();
    }
  }

  /** Close what is open (without a close frame if not open), wait delayMs, then connect again with the same options and a fresh key. */
  async reconnect(delayMs = 0): Promise<ConnectResult> {
    this.reconnectsUnderWay++;
    try {
      const ticket = this.reconnectTimer.take();
      await this.teardown();
      if (!this.reconnectTimer.isCurrent(ticket)) return { ok: false, error: cancelled() };
      const attempt = ++this.reconnectAttempts;
      if (!(await this.reconnectTimer.wait(ticket, delayMs))) return { ok: false, error: cancelled() };
      this.fire('reconnect', { attempt, delayMs });
      return await this.connect();
    } finally {
      this.reconnectsUnderWay--;
    }
  }

  /** Stop a pending reconnect (its promise resolves with 'reconnect-cancelled') and any policy retries. */
  cancelReconnect(): void {
    this.reconnectTimer.cancel();
  }

  /** End whatever is open or opening, without a close frame; resolves once it is gone. */
  private async teardown(): Promise<void> {
    const session = this.session;
    if (session) {
      this.dismissed.add(session);
      session.terminate();
      await session.closed;
    }
    const pending = this.pendingConnect;
    if (pending) {
      this.abandonAttempt();
      await pending;
    }
  }

  private abandonAttempt(): void {
    this.attemptAbandoned = true;
    this.abortAttempt?.();
  }

  private async establish(): Promise<ConnectResult> {
    this.attemptAbandoned = false;
    if (this.session) await this.session.closed;
    if (this.attemptAbandoned) return this.connectFailed(aborted());
    this.state = 'connecting';
    const target = parseWebSocketUrl(this.options.url);
    if (target instanceof ClientError) return this.connectFailed(target);
    const built = buildHandshakeRequest(target, this.options);
    if (built instanceof ClientError) return this.connectFailed(built);

    const connectStartedAt = performance.now();
    const transport = openTransport(
      target,
      this.options.tls ?? {},
      this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      this.options.lookup,
    );
    this.abortAttempt = transport.abort;
    const opened = await transport.result;
    if (!opened.ok) return this.connectFailed(opened.error);
    if (this.listenerCount('tcpConnect') > 0) this.fire('tcpConnect', { ...opened.info(), elapsedMs: performance.now() - connectStartedAt });
    if (this.attemptAbandoned) {
      opened.socket.destroy();
      return this.connectFailed(aborted());
    }

    this.state = 'handshaking';
    this.request = built.request;
    this.response = undefined;
    this.protocol = undefined;
    const handshake = runHandshake(opened.socket, built, this.options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS);
    this.abortAttempt = handshake.abort;
    const answer = await handshake.result;
    if (!answer.ok) {
      opened.socket.destroy();
      if (answer.error.response) this.response = answer.error.response;
      return this.connectFailed(answer.error);
    }
    this.abortAttempt = undefined;
    return this.opened(opened.socket, built.request, answer.response, answer.negotiated, answer.rest);
  }

  private opened(
    socket: Socket,
    request: HandshakeRequest,
    response: HandshakeResponse,
    negotiated: Negotiated,
    rest: Buffer,
  ): ConnectResult {
    const protocol = new WebSocketProtocol({
      role: 'client',
      maxMessageSize: this.options.maxMessageSize,
      strictLengths: this.options.strictLengths,
      autoPong: this.options.autoPong,
      maskKeySource: this.options.maskKeySource,
      perMessageDeflate: deflateTerms(negotiated.perMessageDeflate, this.options.compressMessages !== false),
    });
    const session: Session = new Session(
      socket,
      protocol,
      {
        closeTimeoutMs: this.options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS,
        pingIntervalMs: this.options.pingIntervalMs ?? 0,
        pongTimeoutMs: this.options.pongTimeoutMs,
      },
      {
        emit: (event, ...args) => this.fire(event, ...args),
        wantsFrames: () => this.listenerCount('frame') > 0,
        closing: () => {
          if (this.session === session) this.state = 'closing';
        },
        closed: (event) => this.onSessionClosed(session, event),
      },
    );
    this.session = session;
    this.state = 'open';
    this.response = response;
    this.protocol = negotiated.protocol;
    this.reconnectAttempts = 0;
    const open: OpenEvent = { request, response, protocol: negotiated.protocol, extensions: negotiated.extensions };
    if (negotiated.perMessageDeflate) open.perMessageDeflate = negotiated.perMessageDeflate;
    this.openEvent = open;
    this.fire('open', open);
    session.start(rest);
    return { ok: true, open };
  }

  private connectFailed(error: ClientError): ConnectResult {
    this.abortAttempt = undefined;
    this.state = 'closed';
    // An attempt abandoned on the user's request is not a failure worth an 'error' event.
    if (error.code !== 'aborted') this.fire('error', error);
    return { ok: false, error };
  }

  private onSessionClosed(session: Session, event: CloseEvent): void {
    if (this.session === session) {
      this.session = undefined;
      this.openEvent = undefined;
      this.state = 'closed';
    }
    this.lastClose = event;
    this.fire('close', event);
    if (!this.dismissed.has(session) && this.options.reconnect) this.reconnectByPolicy();
  }

  /** One step of the reconnect policy; a failed attempt schedules the next until maxAttempts. */
  private reconnectByPolicy(): void {
    const policy = this.options.reconnect;
    if (!policy) return;
    if (!mayRetry(policy, this.reconnectAttempts)) {
      this.fire('error', new ClientError({
        kind: 'connect',
        code: 'reconnect-gave-up',
        message: `gave up reconnecting after ${this.reconnectAttempts} failed attempt(s)`,
      }));
      return;
    }
    const pending = this.reconnect(reconnectDelay(policy, this.reconnectAttempts + 1));
    // reconnect() took its ticket synchronously; a failed attempt retries only if nobody intervened since.
    const ticket = this.reconnectTimer.current;
    // Counted until the policy has decided on its next attempt, so that no moment between two attempts
    // looks like "no reconnect coming".
    this.reconnectsUnderWay++;
    void pending.then((result) => {
      this.reconnectsUnderWay--;
      if (!result.ok && this.reconnectTimer.isCurrent(ticket)) this.reconnectByPolicy();
    });
  }

  private openSession(): Session | undefined {
    if (this.session?.carriesMessages) return this.session;
    this.notOpen();
    return undefined;
  }

  private writableSession(): Session | undefined {
    if (this.session?.writable) return this.session;
    this.notOpen();
    return undefined;
  }

  private notOpen(): void {
    this.fire('error', new ClientError({
      kind: 'send',
      code: 'not-open',
      message: `cannot send: the connection is ${this.state === 'open' ? 'closing' : this.state}`,
    }));
  }

  /** Emit without letting a listener's exception escape into a socket callback. */
  private fire<K extends keyof ClientEvents>(event: K, ...args: ClientEvents[K]): void {
    try {
      this.emit(event, ...args);
    } catch (thrown) {
      const failure = new ClientError({
        kind: 'usage',
        code: 'listener-error',
        message: `a '${String(event)}' listener threw: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
        cause: thrown,
      });
      // An 'error' listener that throws gets no second chance: its failure is kept, not emitted again.
      if (event === 'error') this.lastError = failure;
      else this.fire('error', failure);
    }
  }
}
