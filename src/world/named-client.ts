import { performance } from 'node:perf_hooks';
import { WebSocketClient } from '../client/client';
import type { ClientError } from '../client/errors';
import type { ClientOptions, CloseEvent, ConnectResult, FrameType, OpenEvent } from '../client/types';
import type { Transcript, TranscriptEntry } from '../transcript/transcript';
import { Opcode } from '../protocol/constants';
import type { DeflateOffer } from '../client/deflate-negotiation';
import { exactBytes, formatBytes } from '../report/frames';
import { DEFAULT_INBOX_LIMIT, Inbox, type InboxMessage } from './inbox';
import { StepError, StepErrorCode } from './errors';
import { countOf } from './plural';
import { RoundTrips } from './round-trips';
import type { ChangeSource } from './wait';

type FrameEntry = Omit<Extract<TranscriptEntry, { kind: 'frame' }>, 't'>;

/** How a client is set up by Given steps before it connects. */
export interface ClientSetup {
  /** A path joined onto the target, or a full ws:// / wss:// URL; absent: the target itself. */
  url?: string;
  headers: Array<[string, string]>;
  origin?: string;
  protocols?: string[];
  pingIntervalMs?: number;
  defaultType: FrameType;
  reconnectDelayMs?: number;
  /** permessage-deflate offers, in order of preference; absent: none. */
  deflateOffers?: DeflateOffer[];
  /** Leave server pings unanswered (a client that stopped answering its heartbeat). */
  ignorePings?: boolean;
}

/** One WebSocket connection of a client, from its handshake to its close. */
export interface ConnectionRecord {
  index: number;
  open: OpenEvent;
  openedAt: number;
  localPort: number | undefined;
  close?: CloseEvent;
  closedAt?: number;
  /** Errors the client reported while this connection was open (a violation by the server, a close timeout, ...). */
  errors: ClientError[];
  /** When the client last wrote a frame or raw bytes on this connection (performance.now()). */
  lastSentAt?: number;
  /** When the first close frame went out and came in on this connection. */
  closeFrameSentAt?: number;
  closeFrameReceivedAt?: number;
}

/**
 * A client of the scenario, by name: its setup, its WebSocketClient once it connects, and everything it
 * saw (inbox, connections, errors), kept across reconnects and written to the transcript as it happens.
 */
export class NamedClient {
  readonly setup: ClientSetup = { headers: [], defaultType: 'text' };
  readonly inbox: Inbox;
  /**
   * Set when the inbox reached its limit and the connection was dropped: the failure of the step during
   * which it happened, or of the scenario. `reported` once a step has failed with it.
   */
  inboxFull?: { message: string; reported: boolean };
  /** Message and ping round trips, for the percentile steps. */
  readonly roundTrips = new RoundTrips();
  readonly connections: ConnectionRecord[] = [];
  readonly errors: ClientError[] = [];
  /** Every local port this client connected from: how the mock server tells it apart. */
  readonly localPorts: number[] = [];
  client?: WebSocketClient;
  /** The outcome of the last connection attempt made by a step. */
  lastAttempt?: ConnectResult;
  /** TCP (and TLS) came up during the last attempt. */
  tcpEstablished = false;
  /**
   * The connection the scenario talks about: the one the last connect step opened, or the one
   * "should reconnect" found. Close assertions look at its close.
   */
  watched = -1;
  /** The message the last receive step matched, for "remembers the JSON field". */
  lastMatched?: InboxMessage;
  private tcpAt = 0;
  /** TCP came up and the handshake has been neither answered nor recorded yet. */
  private handshakePending = false;
  private currentPort: number | undefined;
  /** Called with the WebSocketClient once it exists: what watches every frame (a contract) hooks in here. */
  readonly observers: Array<(client: WebSocketClient) => void> = [];

  /** Waits about this client only: told of its own changes, not of every client's. */
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly name: string,
    private readonly transcript: Transcript,
    /** Tells the scenario's waits that are not about one client. */
    private readonly notifyScenario: () => void,
    /** Bytes of unmatched messages (and pings, pongs) the client holds at most. */
    inboxLimit: number = DEFAULT_INBOX_LIMIT,
  ) {
    this.inbox = new Inbox(inboxLimit);
  }

  readonly changes: ChangeSource = (onChange) => {
    this.listeners.add(onChange);
    return () => this.listeners.delete(onChange);
  };

  private changed(): void {
    for (const listener of this.listeners) listener();
    this.notifyScenario();
  }

  get connected(): boolean {
    return this.client?.state === 'open';
  }

  get watchedConnection(): ConnectionRecord | undefined {
    return this.connections[this.watched];
  }

  /** Setup steps only make sense before the client exists: its options are fixed at creation. */
  assertConfigurable(what: string): void {
    if (this.client) {
      throw new StepError(StepErrorCode.Usage, `"${this.name}" has already connected: ${what} must come before it connects`);
    }
  }

  /** Like Workerman's websocketType, this may change at any time, also while connected. */
  setDefaultType(type: FrameType): void {
    this.setup.defaultType = type;
    if (this.client) this.client.options.defaultType = type;
  }

  /** Create the WebSocketClient (once) from the setup and the scenario settings. */
  ensureClient(options: Pick<ClientOptions, 'url' | 'tls' | 'connectTimeoutMs' | 'handshakeTimeoutMs' | 'closeTimeoutMs'>): WebSocketClient {
    if (this.client) return this.client;
    const setup = this.setup;
    const client = new WebSocketClient({
      ...options,
      headers: setup.headers,
      origin: setup.origin,
      protocols: setup.protocols,
      defaultType: setup.defaultType,
      pingIntervalMs: setup.pingIntervalMs,
      autoPong: setup.ignorePings ? false : undefined,
      reconnect: setup.reconnectDelayMs === undefined ? undefined : { delayMs: setup.reconnectDelayMs },
      perMessageDeflate: setup.deflateOffers,
    });
    this.listen(client);
    this.client = client;
    for (const observe of this.observers) observe(client);
    return client;
  }

  /** Connect (or reconnect) and make the new connection the watched one. */
  async attempt(run: (client: WebSocketClient) => Promise<ConnectResult>): Promise<ConnectResult> {
    this.tcpEstablished = false;
    // An attempt abandoned after TCP came up ends without an error event: its request must not be
    // recorded for the next attempt.
    this.handshakePending = false;
    const result = await run(this.client!);
    this.lastAttempt = result;
    if (result.ok) this.watched = this.connections.length - 1;
    this.changed();
    return result;
  }

  private listen(client: WebSocketClient): void {
    const actor = this.name;
    client.on('tcpConnect', (info) => {
      this.tcpEstablished = true;
      this.handshakePending = true;
      this.tcpAt = performance.now();
      this.currentPort = info.localPort;
      if (info.localPort !== undefined) this.localPorts.push(info.localPort);
      // Recorded at tcpAt: the handshake request is placed just after it, so time order and cause order agree.
      this.transcript.record({ actor, kind: 'tcp-connect', remote: `${info.remoteAddress}:${info.remotePort}`, elapsedMs: info.elapsedMs }, this.tcpAt);
      this.changed();
    });
    client.on('open', (open) => {
      this.recordHandshake(client, open.response);
      this.connections.push({ index: this.connections.length, open, openedAt: performance.now(), localPort: this.currentPort, errors: [] });
      this.changed();
    });
    client.on('message', (message) => {
      if (!this.inbox.addMessage(message.data, message.binary, message.compressedLength)) return this.overflowed(client);
      this.roundTrips.received(performance.now());
      if (message.compressedLength !== undefined) {
        this.transcript.record({ actor, kind: 'note', text: compressionNote('received', message.data.length, message.compressedLength) });
      }
      this.changed();
    });
    client.on('ping', (payload) => {
      if (!this.inbox.addControl('ping', payload)) return this.overflowed(client);
      this.changed();
    });
    client.on('pong', (payload) => {
      if (!this.inbox.addControl('pong', payload)) return this.overflowed(client);
      this.roundTrips.pong(payload, performance.now());
      this.changed();
    });
    client.on('frame', (event) => {
      this.inbox.addFrame(event);
      if (event.direction === 'out') this.roundTrips.sent(event);
      const open = this.openConnection();
      if (open) {
        if (event.direction === 'out') open.lastSentAt = event.time;
        if (event.frame?.opcode === Opcode.Close && event.ignored === undefined) {
          if (event.direction === 'out') open.closeFrameSentAt ??= event.time;
          else open.closeFrameReceivedAt ??= event.time;
          this.changed();
        }
      }
      // The marks become keys only when the frame has them, so an acted-upon frame's entry has neither.
      const entry: FrameEntry = { actor, kind: 'frame', direction: event.direction, frame: event.frame, raw: event.raw };
      if (event.rejected !== undefined) entry.rejected = event.rejected;
      if (event.ignored !== undefined) entry.ignored = event.ignored;
      this.transcript.record(entry, event.time);
      if (event.inflatedLength !== undefined) {
        const note = compressionNote('sent', event.inflatedLength, event.frame?.payload.length ?? 0, event.frame?.fin === false);
        this.transcript.record({ actor, kind: 'note', text: note }, event.time);
      }
    });
    client.on('error', (error) => {
      this.errors.push(error);
      this.openConnection()?.errors.push(error);
      // Any failure after TCP came up (a refusal, a timeout, a reset) happened to a request that was sent.
      if (this.handshakePending) this.recordHandshake(client, error.response);
      this.transcript.record({ actor, kind: 'error', code: error.code, message: error.message });
      this.changed();
    });
    client.on('close', (close) => {
      this.roundTrips.forgetPending();
      const connection = this.connections[this.connections.length - 1];
      if (connection && !connection.close) {
        connection.close = close;
        connection.closedAt = performance.now();
      }
      this.transcript.record({
        actor,
        kind: 'close',
        code: close.code,
        reason: close.reason,
        initiatedBy: close.initiatedBy,
        clean: close.clean,
      });
      this.changed();
    });
    client.on('pongsHeld', (event) => {
      const waiting = formatBytes(event.bufferedAmount);
      const text = event.held
        ? `pongs held: the server does not read what it is sent (${waiting} waiting to go out); only the latest ping will be answered (RFC 6455 5.5.3)`
        : event.answered
          ? `pongs released: ${countOf(event.pings, 'ping')} came while held, answered by one pong for the latest`
          : `${countOf(event.pings, 'ping')} held got no pong: the connection ended first`;
      this.transcript.record({ actor, kind: 'note', text, keep: true });
    });
    client.on('reconnect', (event) => {
      this.handshakePending = false;
      this.transcript.record({ actor, kind: 'reconnect', attempt: event.attempt, delayMs: event.delayMs });
      this.changed();
    });
  }

  /**
   * The inbox is full: holding more would let a server fill memory with what no step asked for. The
   * connection is dropped at once (a close frame would leave the flood running until it is answered).
   */
  private overflowed(client: WebSocketClient): void {
    if (this.inboxFull) return;
    const overflow = this.inbox.overflow;
    const limit = formatBytes(this.inbox.limit);
    const held = formatBytes(overflow?.held ?? this.inbox.heldBytes);
    const message =
      `"${this.name}" reached its inbox limit of ${limit}: it holds ${held} of received messages, pings and pongs that no step has matched, ` +
      'so wsbdd dropped the connection instead of keeping more. ' +
      'Match them in a step, or raise the limit: inboxLimit in the world parameters (bytes, or "256 MiB"), WSBDD_INBOX_LIMIT, or --inbox-limit.';
    this.inboxFull = { message, reported: false };
    this.transcript.record({ actor: this.name, kind: 'error', code: 'inbox-limit', message });
    client.terminate();
    this.changed();
  }

  /** The latest connection while it has not closed. */
  private openConnection(): ConnectionRecord | undefined {
    const latest = this.connections[this.connections.length - 1];
    return latest && !latest.close ? latest : undefined;
  }

  /** The request goes in at the time TCP came up (it is written right then); the answer when it arrived. */
  private recordHandshake(client: WebSocketClient, response: OpenEvent['response'] | undefined): void {
    this.handshakePending = false;
    // Just after the TCP connect entry, so that time order and cause order agree.
    if (client.request) this.transcript.record({ actor: this.name, kind: 'handshake-request', request: client.request }, this.tcpAt + 0.001);
    if (response) {
      const elapsedMs = performance.now() - this.tcpAt;
      this.transcript.record({ actor: this.name, kind: 'handshake-response', response, elapsedMs });
    }
  }
}

/** A transcript line for a compressed message: its size once inflated and on the wire. */
function compressionNote(direction: 'sent' | 'received', inflated: number, compressed: number, firstOfMore = false): string {
  const wire = firstOfMore ? `${exactBytes(compressed)} in its first frame` : `${exactBytes(compressed)} compressed`;
  return `permessage-deflate: message ${direction}, ${exactBytes(inflated)} inflated, ${wire}`;
}
