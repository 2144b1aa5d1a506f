import { constants as bufferConstants } from 'node:buffer';
import { constants, inflateRawSync } from 'node:zlib';
import { SlidingWindow, windowSize } from './deflate-window';

/** RFC 7692 7.2.2: the sender strips this empty stored block from each message; the receiver puts it back. */
const DEFLATE_TAIL = Buffer.from([0x00, 0x00, 0xff, 0xff]);
/** zlib's smallest output chunk: with a window under 32 KiB, far back-references must go through zlib's window. */
const NARROW_CHUNK = 64;
/** Messages up to this size are inflated in zlib's usual chunks; larger ones see inflateLarge. */
const SMALL_OUTPUT = 1024 * 1024;

export interface InflaterOptions {
  /**
   * The peer compresses every message on its own (server_no_context_takeover, when we are the client).
   * Otherwise a message may refer back into the messages before it.
   */
  noContextTakeover?: boolean;
  /**
   * The peer's negotiated LZ77 window, 8-15 (server_max_window_bits, when we are the client). Default 15.
   * A back-reference further back than this is a broken message ("invalid distance too far back").
   */
  windowBits?: number;
}

/** Why a compressed message could not be turned back into its data. */
export type InflateFailure = { reason: 'too-big' } | { reason: 'corrupt'; detail: string };

/**
 * Decompresses permessage-deflate messages (RFC 7692) synchronously, one whole message at a time, so the
 * protocol core stays free of streams and callbacks. The peer's sliding window is carried from message to
 * message as a preset dictionary (the last 2^windowBits bytes of decompressed data), which a raw inflater
 * accepts and which is exactly what context takeover lets the peer refer to.
 *
 * zlib checks a back-reference against its window only when it reaches past the output of the current
 * call. With a narrow window the output is taken in zlib's smallest chunks, so that a peer reaching
 * further back than it negotiated is caught (to within those 64 bytes) instead of being read silently.
 */
export class MessageInflater {
  private readonly window: SlidingWindow;
  private readonly windowBits: number;

  constructor(private readonly options: InflaterOptions = {}) {
    this.windowBits = options.windowBits ?? 15;
    this.window = new SlidingWindow(windowSize(this.windowBits));
  }

  /** The message's data, or why it failed: over `maxSize` bytes once inflated, or not a valid deflate stream. */
  inflate(compressed: Buffer, maxSize: number): Buffer | InflateFailure {
    const input = Buffer.concat([compressed, DEFLATE_TAIL]);
    const limit = Math.max(1, Math.min(maxSize, bufferConstants.MAX_LENGTH));
    let data: Buffer | InflateFailure;
    if (this.windowBits < 15 || limit <= SMALL_OUTPUT) {
      data = this.run(input, limit, this.windowBits < 15 ? NARROW_CHUNK : undefined);
    } else {
      data = this.run(input, SMALL_OUTPUT, undefined);
      if (!Buffer.isBuffer(data) && data.reason === 'too-big') data = this.inflateLarge(input, limit);
    }
    if (!Buffer.isBuffer(data)) return data;
    if (data.length > maxSize) return { reason: 'too-big' };
    if (!this.options.noContextTakeover) this.window.push(data);
    return data;
  }

  /**
   * A message larger than SMALL_OUTPUT, inflated again into one buffer of `limit` bytes: zlib's usual
   * chunks would be joined at the end, holding the message twice at once (a 63 MiB message cost 126 MiB).
   * The pages of that buffer the message does not fill are never touched, so they cost no memory; a
   * message much smaller than the buffer is copied out, so that it does not keep the buffer alive.
   */
  private inflateLarge(input: Buffer, limit: number): Buffer | InflateFailure {
    const data = this.run(input, limit, limit);
    if (!Buffer.isBuffer(data) || data.length >= data.buffer.byteLength / 2) return data;
    return Buffer.from(data);
  }

  private run(input: Buffer, maxOutputLength: number, chunkSize: number | undefined): Buffer | InflateFailure {
    const dictionary = this.window.contents;
    try {
      return inflateRawSync(input, {
        // A message is a flushed but unfinished stream: without this, zlib would call it truncated.
        finishFlush: constants.Z_SYNC_FLUSH,
        windowBits: this.windowBits,
        // A decompression bomb stops here, at the message limit, instead of filling memory first.
        maxOutputLength,
        ...(chunkSize !== undefined ? { chunkSize } : {}),
        ...(dictionary ? { dictionary } : {}),
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return { reason: 'too-big' };
      return { reason: 'corrupt', detail: error instanceof Error ? error.message : String(error) };
    }
  }
}
