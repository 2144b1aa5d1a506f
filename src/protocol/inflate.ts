import { constants as bufferConstants } from 'node:buffer';
import { constants, inflateRawSync } from 'node:zlib';

/** RFC 7692 7.2.2: the sender strips this empty stored block from each message; the receiver puts it back. */
const DEFLATE_TAIL = Buffer.from([0x00, 0x00, 0xff, 0xff]);
/** The largest LZ77 window (2^15 bytes): no back-reference of a permessage-deflate sender reaches further. */
const MAX_WINDOW = 32 * 1024;

export interface InflaterOptions {
  /**
   * The peer compresses every message on its own (server_no_context_takeover, when we are the client).
   * Otherwise a message may refer back into the messages before it.
   */
  noContextTakeover?: boolean;
}

/** Why a compressed message could not be turned back into its data. */
export type InflateFailure = { reason: 'too-big' } | { reason: 'corrupt'; detail: string };

/**
 * Decompresses permessage-deflate messages (RFC 7692) synchronously, one whole message at a time, so the
 * protocol core stays free of streams and callbacks. The peer's sliding window is carried from message to
 * message as a preset dictionary (the last 32 KiB of decompressed data), which a raw inflater accepts and
 * which is exactly what context takeover lets the peer refer to.
 */
export class MessageInflater {
  private window: Buffer | undefined;

  constructor(private readonly options: InflaterOptions = {}) {}

  /** The message's data, or why it failed: over `maxSize` bytes once inflated, or not a valid deflate stream. */
  inflate(compressed: Buffer, maxSize: number): Buffer | InflateFailure {
    let data: Buffer;
    try {
      data = inflateRawSync(Buffer.concat([compressed, DEFLATE_TAIL]), {
        // A message is a flushed but unfinished stream: without this, zlib would call it truncated.
        finishFlush: constants.Z_SYNC_FLUSH,
        // A decompression bomb stops here, at the message limit, instead of filling memory first.
        maxOutputLength: Math.max(1, Math.min(maxSize, bufferConstants.MAX_LENGTH)),
        ...(this.window ? { dictionary: this.window } : {}),
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return { reason: 'too-big' };
      return { reason: 'corrupt', detail: error instanceof Error ? error.message : String(error) };
    }
    if (data.length > maxSize) return { reason: 'too-big' };
    if (!this.options.noContextTakeover) this.remember(data);
    return data;
  }

  /** Keeps the last MAX_WINDOW bytes of everything inflated so far, in memory of its own. */
  private remember(data: Buffer): void {
    if (data.length === 0) return;
    const previous = this.window ?? Buffer.alloc(0);
    const keepOld = Math.min(previous.length, MAX_WINDOW - Math.min(data.length, MAX_WINDOW));
    const window = Buffer.allocUnsafe(keepOld + Math.min(data.length, MAX_WINDOW));
    previous.copy(window, 0, previous.length - keepOld);
    data.copy(window, keepOld, data.length - (window.length - keepOld));
    this.window = window;
  }
}
