import { EventEmitter } from 'node:events';
import type { FrameSpec } from '../protocol/frame';
import type { SendMessageOptions } from '../protocol/protocol';
import type {
  ClientEvents,
  ClientOptions,
  ClientState,
  CloseEvent,
  ConnectResult,
  HandshakeRequest,
  HandshakeResponse,
} from './types';

/**
 * Our RFC 6455 client. Configure, then connect(). Every failure is delivered through the 'error' event;
 * with no 'error' listener it is kept in lastError instead of being thrown.
 *
 * CONTRACT STUB: the implementation replaces the bodies; the signatures are what the World codes against.
 */
export class WebSocketClient extends EventEmitter<ClientEvents> {
  state: ClientState = 'idle';
  request?: HandshakeRequest;
  response?: HandshakeResponse;
  /** The subprotocol the server chose. */
  protocol?: string;
  lastClose?: CloseEvent;
  lastError?: Error;

  constructor(readonly options: ClientOptions) {
    super();
  }

  /** Open TCP/TLS, then the handshake. Never rejects: the outcome is in the result (and the events). */
  connect(): Promise<ConnectResult> {
    throw new Error('not implemented');
  }

  /** Send in the given type; strings go in the default frame type unless options.binary says otherwise. Returns false (and emits 'error' not-open) when not open. */
  send(_data: string | Buffer, _options?: SendMessageOptions): boolean {
    throw new Error('not implemented');
  }

  sendText(_text: string, _options?: Omit<SendMessageOptions, 'binary'>): boolean {
    throw new Error('not implemented');
  }

  sendBinary(_data: Buffer, _options?: Omit<SendMessageOptions, 'binary'>): boolean {
    throw new Error('not implemented');
  }

  ping(_payload?: Buffer | string): boolean {
    throw new Error('not implemented');
  }

  pong(_payload?: Buffer | string): boolean {
    throw new Error('not implemented');
  }

  /** Any frame, valid or not. */
  sendFrame(_spec: FrameSpec): boolean {
    throw new Error('not implemented');
  }

  /** Arbitrary bytes, unframed. */
  sendRaw(_bytes: Buffer): boolean {
    throw new Error('not implemented');
  }

  /** Send a close frame, wait for the server's (closeTimeoutMs), then end TCP. Cancels any pending reconnect. Never rejects. */
  close(_code?: number, _reason?: string): Promise<CloseEvent> {
    throw new Error('not implemented');
  }

  /** Drop TCP at once, no close frame. */
  terminate(): void {
    throw new Error('not implemented');
  }

  /** Close what is open (without a close frame if not open), wait delayMs, then connect again with the same options and a fresh key. */
  reconnect(_delayMs = 0): Promise<ConnectResult> {
    throw new Error('not implemented');
  }

  cancelReconnect(): void {
    throw new Error('not implemented');
  }
}
