import type { Frame, FrameSpec, MaskKeySource } from './frame';
import type { ProtocolError } from './errors';

export type Role = 'client' | 'server';
export type ProtocolState = 'open' | 'closing' | 'closed';

export interface ProtocolOptions {
  role: Role;
  /** Largest message (after reassembly) accepted; enforced from frame headers before buffering. Default 64 MiB. */
  maxMessageSize?: number;
  /** Reject length fields not encoded in the minimal number of bytes (RFC 6455 5.2). Default true. */
  strictLengths?: boolean;
  /** RSV bits that a negotiated extension gave a meaning; all others are violations. */
  allowedRsv?: { rsv1?: boolean; rsv2?: boolean; rsv3?: boolean };
  /** Answer pings with pongs automatically. Default true. */
  autoPong?: boolean;
  maskKeySource?: MaskKeySource;
}

/** What the protocol reports after being fed bytes. */
export type ProtocolEvent =
  | { type: 'frame'; frame: Frame }
  | { type: 'message'; data: Buffer; binary: boolean }
  | { type: 'ping'; payload: Buffer }
  | { type: 'pong'; payload: Buffer }
  /** The peer's close frame. code is undefined for an empty close payload (reported as 1005). */
  | { type: 'close'; code: number | undefined; reason: string; payload: Buffer }
  /** A violation by the peer: the protocol has already queued a close frame with error.closeCode. */
  | { type: 'error'; error: ProtocolError };

/**
 * Bytes ready for the transport. `frame` describes what the bytes encode (undefined for raw bytes),
 * so the transport can record the wire transcript. Chunks are written in order, never joined.
 */
export interface Outgoing {
  frame?: Frame;
  chunks: Buffer[];
}

export interface SendMessageOptions {
  binary?: boolean;
  /** Cut the message into this many fragments (of near-equal size), or into fragments of the given sizes. */
  fragments?: number | number[];
  /** Control frames sent between fragments: the i-th entry goes after the i-th fragment. */
  between?: FrameSpec[];
}

/**
 * The RFC 6455 connection state machine, sans I/O: fed bytes, it returns events; asked to send, it queues
 * bytes for the transport to write. No sockets, no timers.
 *
 * CONTRACT STUB: the implementation replaces the bodies; the signatures are what the client codes against.
 */
export class WebSocketProtocol {
  state: ProtocolState = 'open';
  closeSent = false;
  closeReceived = false;

  constructor(readonly options: ProtocolOptions) {}

  /** Feed bytes read from the transport. After an 'error' event further input is ignored. */
  receive(_chunk: Buffer): ProtocolEvent[] {
    throw new Error('not implemented');
  }

  /** Queue a text (default for strings) or binary message, optionally fragmented. */
  sendMessage(_data: string | Buffer, _options?: SendMessageOptions): void {
    throw new Error('not implemented');
  }

  /** Queue any frame, valid or not. */
  sendFrame(_spec: FrameSpec): void {
    throw new Error('not implemented');
  }

  /** Queue arbitrary bytes, not framed. */
  sendRaw(_bytes: Buffer): void {
    throw new Error('not implemented');
  }

  ping(_payload?: Buffer): void {
    throw new Error('not implemented');
  }

  pong(_payload?: Buffer): void {
    throw new Error('not implemented');
  }

  /** Queue a close frame with the code and reason as given (invalid ones too); no code: empty payload. */
  close(_code?: number, _reason?: string | Buffer): void {
    throw new Error('not implemented');
  }

  /** What is ready to write, in order; empties the queue. */
  takeOutgoing(): Outgoing[] {
    throw new Error('not implemented');
  }
}
