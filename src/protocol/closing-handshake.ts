import { Opcode } from './constants';
import type { Frame } from './frame';

/** Which side sent the first close frame: this endpoint or its peer. */
export type CloseInitiator = 'self' | 'peer';

/** The peer's close frame as read: code undefined for an empty payload (reported as 1005). */
export interface PeerClose {
  code: number | undefined;
  reason: string;
}

/**
 * Where the closing handshake (RFC 6455 section 7) stands, in wire order. Every close frame this side
 * queues counts as sent, however it was built (close(), sendFrame(), a control frame between
 * fragments) and whatever it carries, so that nothing answers a peer's close a second time; raw bytes
 * are opaque and count for nothing. Only the first close frame each way is recorded.
 */
export class ClosingHandshake {
  sent = false;
  received = false;
  initiator: CloseInitiator | undefined;
  /** The code our first close frame carried; undefined when its payload was shorter than 2 bytes. */
  sentCode: number | undefined;
  peerClose: PeerClose | undefined;

  /** A frame was queued for the wire; a close frame is our side of the handshake. */
  noteQueued(frame: Frame): void {
    if (frame.opcode !== Opcode.Close || this.sent) return;
    this.sent = true;
    this.initiator ??= 'self';
    this.sentCode = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : undefined;
  }

  /**
   * The peer's close frame has been read, before it is judged or answered: a malformed one, or one
   * answered with our own close, was still started by the peer.
   */
  notePeerCloseArriving(): void {
    this.initiator ??= 'peer';
  }

  noteReceived(close: PeerClose): void {
    if (this.received) return;
    this.received = true;
    this.initiator ??= 'peer';
    this.peerClose = close;
  }
}
