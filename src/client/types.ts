import type { LookupFunction } from 'node:net';
import type { DeflateOffer, PerMessageDeflateTerms } from './deflate-negotiation';
import type { ProtocolErrorCodeValue } from '../protocol/errors';
import type { Frame, MaskKeySource } from '../protocol/frame';
import type { IgnoredReason } from '../protocol/protocol';

export type FrameType = 'text' | 'binary';

export interface TlsOptions {
  /** PEM CA certificate(s); when given, only these are trusted. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Client certificate and key (PEM) for mutual TLS. */
  cert?: string | Buffer;
  key?: string | Buffer;
  /** SNI server name and the name checked against the certificate; default: the URL's host. */
  servername?: string;
  /** Skip certificate verification. Off unless asked for explicitly. */
  insecure?: boolean;
}

export interface ReconnectPolicy {
  /** Delay before the first attempt after an unexpected close. */
  delayMs: number;
  /** Each further attempt waits delay * factor^(attempt-1). Default 1. */
  factor?: number;
  maxDelayMs?: number;
  /** Give up after this many consecutive failed attempts. Default: unlimited. */
  maxAttempts?: number;
}

export interface ClientOptions {
  /** ws:// or wss:// URL. */
  url: string;
  /**
   * Extra handshake headers, in order; repeated names allowed. A header named here replaces the one the
   * client would generate (Host, Upgrade, Connection, Sec-WebSocket-Key, Sec-WebSocket-Version, ...).
   */
  headers?: Array<[string, string]> | Record<string, string>;
  /** Generated headers to leave out (case-insensitive names), to test how a server treats an incomplete handshake. */
  omitHeaders?: string[];
  origin?: string;
  /** Offered subprotocols (Sec-WebSocket-Protocol). */
  protocols?: string[];
  /**
   * Offered extensions, each a full Sec-WebSocket-Extensions element, sent as given (before the
   * perMessageDeflate offers). Of those a server may accept, the client implements permessage-deflate;
   * any other extension is only negotiated: RSV bits it would set stay protocol violations.
   */
  extensions?: string[];
  /**
   * Offer permessage-deflate (RFC 7692): `true` for a plain offer, or offers with parameters, several in
   * order of preference. However it was offered, once the server accepts it the client inflates the
   * server's compressed messages and compresses its own (see compressMessages) within the negotiated
   * windows and context takeover; an answer that accepts no offer fails the handshake (bad-extension).
   */
  perMessageDeflate?: boolean | DeflateOffer | DeflateOffer[];
  /** With permessage-deflate negotiated, send messages compressed unless a send says otherwise. Default true. */
  compressMessages?: boolean;
  /** Frame type used by send() for strings: Workerman's websocketType. Default text. */
  defaultType?: FrameType;
  /** Send a ping every N ms while open (Workerman's websocketPingInterval). 0 or absent: never. */
  pingIntervalMs?: number;
  /** Fail with a 'pong-timeout' error when a heartbeat ping gets no pong within this many ms. */
  pongTimeoutMs?: number;
  /** Answer server pings automatically. Default true. */
  autoPong?: boolean;
  connectTimeoutMs?: number; // default 5000
  handshakeTimeoutMs?: number; // default 5000
  /** How long close() waits for the server's close frame, then for TCP to end. Default 2000. */
  closeTimeoutMs?: number;
  maxMessageSize?: number; // default 64 MiB
  /** Reject non-minimal length encodings from the server. Default true. */
  strictLengths?: boolean;
  tls?: TlsOptions;
  /**
   * Resolves the URL's host name instead of the system resolver (node's `net.connect` lookup option): pin
   * names to test addresses, or provoke ENOTFOUND without touching real DNS. Not called for IP literals.
   */
  lookup?: LookupFunction;
  /** Reconnect automatically after an unexpected close. */
  reconnect?: ReconnectPolicy;
  maskKeySource?: MaskKeySource;
}

export type ClientState = 'idle' | 'connecting' | 'handshaking' | 'open' | 'closing' | 'closed';

/** The raw handshake request as sent. */
export interface HandshakeRequest {
  method: 'GET';
  /** path?query */
  path: string;
  /** In order sent, repeated names kept. */
  headers: Array<[string, string]>;
  /** The exact bytes of the request head. */
  head: string;
}

/** The server's handshake answer, kept raw for assertions and reports. */
export interface HandshakeResponse {
  httpVersion: string;
  statusCode: number;
  statusMessage: string;
  /** In order received, repeated names kept, names as the server wrote them. */
  headers: Array<[string, string]>;
  /** The exact status line and header lines. */
  head: string;
  /** For a non-101 answer: the body read so far (bounded). */
  body?: Buffer;
}

export type ClientErrorKind = 'connect' | 'tls' | 'handshake' | 'protocol' | 'transport' | 'timeout' | 'send' | 'usage';

/**
 * Every failure of the client, delivered through the 'error' event (and never only printed).
 * `code` examples: ECONNREFUSED, ENOTFOUND, and ECONNRESET before the handshake is done (connect); a node
 * TLS code like DEPTH_ZERO_SELF_SIGNED_CERT (tls); bad-status, bad-accept, bad-upgrade, bad-connection,
 * bad-subprotocol, bad-extension, bad-response (handshake); a WSBDD_ERR_* code (protocol); node's code
 * for an open connection that failed, e.g. ECONNRESET (transport); connect-timeout, handshake-timeout,
 * close-timeout, pong-timeout (timeout); not-open, write-failed (send); invalid-url, invalid-header,
 * invalid-send, listener-error, aborted, reconnect-cancelled (usage).
 */
export interface ClientErrorInit {
  kind: ClientErrorKind;
  code: string;
  message: string;
  /** For handshake errors: the answer as received (status, headers, body). */
  response?: HandshakeResponse;
  /** For protocol errors: the close code the client answered with. */
  closeCode?: number;
  rfcSection?: string;
  cause?: unknown;
}

export interface TcpConnectEvent {
  remoteAddress: string | undefined;
  remotePort: number | undefined;
  localPort: number | undefined;
  /** Time from the start of the TCP connect to TCP (and TLS, for wss://) being up. */
  elapsedMs?: number;
  /** Present for wss://. */
  tls?: { protocol: string | null; authorized: boolean; authorizationError?: string };
}

export interface OpenEvent {
  request: HandshakeRequest;
  response: HandshakeResponse;
  /** The subprotocol the server chose, if any. */
  protocol: string | undefined;
  extensions: string | undefined;
  /** Present when the server accepted permessage-deflate: the terms both sides keep to. */
  perMessageDeflate?: PerMessageDeflateTerms;
}

export interface MessageEvent {
  data: Buffer;
  binary: boolean;
  /** The message came compressed (permessage-deflate), in this many bytes on the wire; absent otherwise. */
  compressedLength?: number;
}

export interface FrameEvent {
  direction: 'in' | 'out';
  /** performance.now() when the frame was read or written. */
  time: number;
  /** The frame; absent for bytes written with sendRaw (see raw). */
  frame?: Frame;
  raw?: Buffer;
  /** Out only, on the first frame of a message sent compressed: the message's size before compression. */
  inflatedLength?: number;
  /** Out only, on the first frame of a message sent compressed: the message before compression. */
  inflated?: Buffer;
  /**
   * In only: the WSBDD_ERR_* code of the violation this frame committed; its 'error' event follows. Its
   * payload is what had arrived of it when it was judged (`frame.declaredLength` is what it claimed).
   */
  rejected?: ProtocolErrorCodeValue;
  /** In only: read but not acted upon, as it came after a violation or after the server's close frame. */
  ignored?: IgnoredReason;
}

/** How close() ends a connection. */
export interface CloseOptions {
  /**
   * false: once both close frames went (or the server's was a violation), end TCP from our side at once
   * (a half-close: the server's FIN is still read) and settle without waiting for the server to close
   * TCP. True (the default) waits for it, as RFC 6455 7.1.1 has the client do, up to closeTimeoutMs.
   */
  waitForServerTcpClose?: boolean;
}

export interface CloseEvent {
  /** The code from the close frame received; 1005 if it had none; 1006 if TCP ended without one. */
  code: number;
  reason: string;
  initiatedBy: 'client' | 'server' | 'transport';
  /** The close handshake completed: both close frames were exchanged. */
  clean: boolean;
  closeFrameReceived: boolean;
  closeFrameSent: boolean;
  /** The code of the first close frame this client sent (by close(), sendFrame() or as an answer); absent for none or a payload under 2 bytes. */
  sentCode?: number;
}

export interface ReconnectEvent {
  attempt: number;
  delayMs: number;
}

/** Map of event names to listener payloads, for a typed EventEmitter. */
export interface ClientEvents {
  tcpConnect: [TcpConnectEvent];
  open: [OpenEvent];
  message: [MessageEvent];
  ping: [Buffer];
  pong: [Buffer];
  frame: [FrameEvent];
  error: [import('./errors').ClientError];
  close: [CloseEvent];
  reconnect: [ReconnectEvent];
  /** What was buffered (see bufferedAmount) has been sent: a sender that waits on a slow server goes on. */
  drain: [];
  /**
   * Automatic pongs wait while the send buffer is full (the server does not read what it is sent):
   * `held` when that starts; when it ends, the `pings` that came meanwhile, answered by one pong for the
   * latest once the buffer drained (RFC 6455 5.5.3), or not at all when the connection closed first
   * (`answered: false`).
   */
  pongsHeld: [PongsHeldEvent];
}

export type PongsHeldEvent =
  | { held: true; bufferedAmount: number }
  | { held: false; pings: number; answered: boolean; bufferedAmount: number };

/** connect() never rejects: its outcome is one of these. */
export type ConnectResult = { ok: true; open: OpenEvent } | { ok: false; error: import('./errors').ClientError };
