import { constants, deflateRawSync } from 'node:zlib';
import { SlidingWindow, windowSize } from './deflate-window';

export interface DeflaterOptions {
  /**
   * Every message is compressed on its own (client_no_context_takeover, when we are the client):
   * no back-reference into an earlier message.
   */
  noContextTakeover?: boolean;
  /** The negotiated LZ77 window of our messages, 8-15 (client_max_window_bits for a client). Default 15. */
  windowBits?: number;
  /** zlib compression level, 0-9. Default zlib's own (6). */
  level?: number;
}

/**
 * Compresses permessage-deflate messages (RFC 7692 7.2.1) synchronously, one whole message at a time, so
 * that the protocol core stays free of streams and callbacks and sends keep their order. Context takeover
 * is carried as a preset dictionary of the last window of data sent: the receiver's window holds exactly
 * those bytes, and zlib never refers further back than its own window.
 *
 * Window bits 8: zlib's raw deflate cannot run a 256-byte window and node quietly gives it 512. That is
 * still within the negotiated window, because zlib never reaches back further than its window less 262
 * bytes (250 for 512), so the wire stays valid for a peer that keeps only 256 bytes.
 */
export class MessageDeflater {
  private readonly history: SlidingWindow;
  private readonly windowBits: number;

  constructor(private readonly options: DeflaterOptions = {}) {
    this.windowBits = options.windowBits ?? 15;
    this.history = new SlidingWindow(windowSize(this.windowBits));
  }

  /**
   * The message as it goes on the wire: deflated, flushed, and without the trailing 00 00 ff ff. The
   * context moves on only with commit(), once the message is sure to be sent.
   */
  deflate(data: Buffer): Buffer {
    const dictionary = this.options.noContextTakeover ? undefined : this.history.contents;
    const flushed = deflateRawSync(data, {
      finishFlush: constants.Z_SYNC_FLUSH,
      windowBits: Math.max(9, this.windowBits),
      ...(this.options.level === undefined ? {} : { level: this.options.level }),
      ...(dictionary ? { dictionary } : {}),
    });
    // RFC 7692 7.2.1: a sync flush ends in an empty stored block, 00 00 ff ff, which is cut off.
    return flushed.subarray(0, flushed.length - 4);
  }

  /** The message went out: with context takeover, the next one may refer back into it. */
  commit(data: Buffer): void {
    if (!this.options.noContextTakeover) this.history.push(data);
  }
}
