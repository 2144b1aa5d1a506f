import { bufferView } from './buffers';
import { DEFAULT_MAX_MESSAGE_SIZE, MAX_HEADER_SIZE } from './constants';
import { EMPTY_PAYLOAD, type Frame, type FrameHeader, type LengthWidth } from './frame';
import { maskInto, xorMask } from './mask';
import { violation } from './violations';

/**
 * Where the decoder stands in the byte stream:
 * - 'header': before the first two bytes of a frame are complete;
 * - 'extended-length': reading the 16- or 64-bit length that follows them;
 * - 'mask-key': reading the 4-byte masking key;
 * - 'payload': reading (or skipping) the payload;
 * - 'broken': the stream cannot be framed any further; all input is ignored.
 */
export type DecoderState = 'header' | 'extended-length' | 'mask-key' | 'payload' | 'broken';

/** Receives what the decoder finds. The decoder itself judges nothing but whether bytes can be framed. */
export interface FrameSink {
  /**
   * A frame's header is complete; no payload byte has been read. `frame.payload` is still empty.
   * Return false to have the payload skipped without being buffered (frameEnd is then not called);
   * FrameDecoder.arrivedPayload() tells what of it a sink that skips would not otherwise see.
   */
  frameStart(frame: Frame, lengthWidth: LengthWidth): boolean;
  /**
   * The next piece of the payload, in order and already unmasked: a view into the caller's chunk, or
   * into the buffer that gathers a payload spread over chunks. Return false to have the rest of the
   * payload skipped (frameEnd is then not called); FrameDecoder.payloadSoFar() tells what of it had been
   * read by then, for a sink that wants to show it.
   */
  payload(piece: Buffer, frame: Frame): boolean;
  /** The frame is complete: `frame.payload` holds the whole payload. */
  frameEnd(frame: Frame): void;
}

const TWO_POW_32 = 2 ** 32;

export interface DecoderOptions {
  /**
   * Largest payload the decoder buffers for the sink (default 64 MiB). A sink that judges sizes itself
   * skips bigger frames before this applies; a longer frame it keeps breaks the stream.
   */
  maxPayloadLength?: number;
}

/**
 * Incremental RFC 6455 frame decoder. Correct for any chunking, down to one byte at a time. A payload
 * that lies within one chunk is handed on as a view of that chunk (no copy) and unmasked in place, so
 * the decoder owns the chunks it is given. Only a payload spread over several chunks is copied: once,
 * piece by piece as it arrives, into a buffer of its declared size.
 */
export class FrameDecoder {
  state: DecoderState = 'header';
  private readonly scratch = Buffer.allocUnsafe(MAX_HEADER_SIZE);
  /** Header bytes collected in `scratch` while a header straddles chunks. */
  private scratchLength = 0;
  /** Header size, known once its first two bytes are. */
  private headerSize = 2;
  private frame: Frame | undefined;
  private keep = false;
  private remaining = 0;
  private received = 0;
  /** The payload of a frame spread over several chunks, gathered as it arrives. */
  private assembly: Buffer | undefined;
  /** The current chunk's memory and offset in it, read once per chunk (views are built from them). */
  private memory: ArrayBufferLike = EMPTY_PAYLOAD.buffer;
  private base = 0;
  private chunkEnd = 0;
  /** Where the payload of the frame being started begins in the current chunk. */
  private payloadAt = 0;
  /**
   * For payloadSoFar(), while the sink has a payload that lay within one chunk: the frame is finished
   * before the sink sees it, so nothing else in the decoder points at it then. Cleared afterwards so as
   * not to hold on to the chunk.
   */
  private wholePayload: Buffer = EMPTY_PAYLOAD;

  private readonly maxPayloadLength: number;

  constructor(
    private readonly sink: FrameSink,
    options: DecoderOptions = {},
  ) {
    this.maxPayloadLength = options.maxPayloadLength ?? DEFAULT_MAX_MESSAGE_SIZE;
  }

  /**
   * Feeds the next chunk. Throws a ProtocolError (and turns 'broken') only when the stream cannot be
   * framed any further: a 64-bit length with its top bit set, or a kept frame over maxPayloadLength.
   */
  push(chunk: Buffer): void {
    const end = chunk.length;
    this.memory = chunk.buffer;
    this.base = chunk.byteOffset;
    this.chunkEnd = end;
    let at = 0;
    while (at < end) {
      if (this.state === 'payload') {
        at = this.readPayload(at, end);
      } else if (this.state === 'broken') {
        return;
      } else if (this.scratchLength === 0 && end - at >= 2 && end - at >= headerSizeOf(chunk[at + 1])) {
        // The whole header is in this chunk: read it where it lies.
        at = this.startFrame(chunk, at, -1);
      } else {
        at = this.collectHeader(chunk, at, end);
      }
    }
    // A frame with an empty payload is complete as soon as its header is.
    if (this.state === 'payload' && this.remaining === 0) this.readPayload(end, end);
  }

  /** Copies header bytes into scratch until the header is complete, then starts the frame. */
  private collectHeader(chunk: Buffer, at: number, end: number): number {
    const wanted = this.headerSize - this.scratchLength;
    const n = Math.min(wanted, end - at);
    chunk.copy(this.scratch, this.scratchLength, at, at + n);
    this.scratchLength += n;
    at += n;
    if (this.scratchLength === 2 && this.headerSize === 2) {
      this.headerSize = headerSizeOf(this.scratch[1]);
    }
    if (this.scratchLength < this.headerSize) {
      const keyStart = this.headerSize - maskKeySize(this.scratch[1]);
      this.state = this.scratchLength < 2 ? 'header' : this.scratchLength < keyStart ? 'extended-length' : 'mask-key';
      return at;
    }
    this.startFrame(this.scratch, 0, at);
    this.scratchLength = 0;
    this.headerSize = 2;
    return at;
  }

  /**
   * Parses a complete header at buf[at..] and moves to 'payload'. Returns the offset after the header.
   * `buf` is either the current chunk (the mask key becomes a view of it; payloadInChunk is -1) or the
   * scratch header, which is reused, so the key is copied out of it; the payload then starts at
   * payloadInChunk in the current chunk.
   */
  private startFrame(buf: Buffer, at: number, payloadInChunk: number): number {
    const keyNeedsCopy = payloadInChunk >= 0;
    const b0 = buf[at];
    const b1 = buf[at + 1];
    let length = b1 & 0x7f;
    let width: LengthWidth = 7;
    let p = at + 2;
    let topBitSet = false;
    if (length === 126) {
      length = (buf[p] << 8) | buf[p + 1];
      width = 16;
      p += 2;
    } else if (length === 127) {
      const high = buf.readUInt32BE(p);
      topBitSet = high >= 0x80000000;
      length = high * TWO_POW_32 + buf.readUInt32BE(p + 4);
      width = 64;
      p += 8;
    }
    const masked = b1 >= 0x80;
    let maskKey: Buffer | undefined;
    if (masked) {
      maskKey = keyNeedsCopy ? Buffer.from(buf.subarray(p, p + 4)) : bufferView(this.memory, this.base + p, 4);
      p += 4;
    }
    const frame: Frame = {
      fin: b0 >= 0x80,
      rsv1: (b0 & 0x40) !== 0,
      rsv2: (b0 & 0x20) !== 0,
      rsv3: (b0 & 0x10) !== 0,
      opcode: b0 & 0x0f,
      masked,
      maskKey,
      declaredLength: length,
      payload: EMPTY_PAYLOAD,
    };
    if (topBitSet) {
      this.state = 'broken';
      throw violation.lengthTopBit(headerOf(frame));
    }
    this.frame = frame;
    this.payloadAt = keyNeedsCopy ? payloadInChunk : p;
    this.remaining = length;
    this.received = 0;
    this.state = 'payload';
    this.keep = false;
    this.keep = this.sink.frameStart(frame, width);
    if (this.keep && length > this.maxPayloadLength) {
      this.state = 'broken';
      throw violation.messageTooBig(headerOf(frame), length, this.maxPayloadLength);
    }
    return p;
  }

  private readPayload(at: number, end: number): number {
    const frame = this.frame as Frame;
    const available = end - at;
    if (!this.keep) {
      const skipped = available < this.remaining ? available : this.remaining;
      this.remaining -= skipped;
      if (this.remaining === 0) this.finishFrame();
      return at + skipped;
    }
    if (this.assembly === undefined && available >= this.remaining) {
      // The common case: the whole payload lies in this chunk.
      const length = this.remaining;
      const payload = length === 0 ? EMPTY_PAYLOAD : bufferView(this.memory, this.base + at, length);
      if (length !== 0 && frame.maskKey !== undefined) xorMask(payload, frame.maskKey, 0);
      this.remaining = 0;
      this.finishFrame();
      this.wholePayload = payload;
      const kept = length === 0 || this.sink.payload(payload, frame);
      this.wholePayload = EMPTY_PAYLOAD;
      if (kept) {
        frame.payload = payload;
        this.sink.frameEnd(frame);
      }
      return at + length;
    }
    // The payload continues in later chunks: gather it in one buffer of its declared size (which the
    // sink has accepted), unmasking on the way, and hand each piece on as a view of that buffer.
    const n = available < this.remaining ? available : this.remaining;
    if (this.assembly === undefined) this.assembly = Buffer.allocUnsafe(this.remaining);
    const assembly = this.assembly;
    const piece = bufferView(assembly.buffer, assembly.byteOffset + this.received, n);
    const source = bufferView(this.memory, this.base + at, n);
    if (frame.maskKey !== undefined) maskInto(source, piece, frame.maskKey, this.received & 3);
    else piece.set(source);
    this.received += n;
    this.remaining -= n;
    if (!this.sink.payload(piece, frame)) {
      this.keep = false;
      this.assembly = undefined;
      if (this.remaining === 0) this.finishFrame();
      return at + n;
    }
    if (this.remaining === 0) {
      frame.payload = assembly;
      this.finishFrame();
      this.sink.frameEnd(frame);
    }
    return at + n;
  }

  /**
   * Only while frameStart runs: the frame's payload bytes that came in the same chunk as its header,
   * unmasked (up to the declared length; possibly fewer or none). For a sink that skips the frame but
   * still wants to show what arrived of it. An unmasked payload is a view of the chunk; a masked one is
   * copied, so that the chunk stays as received should the sink keep the frame after all.
   */
  arrivedPayload(): Buffer {
    const frame = this.frame;
    if (frame === undefined || this.state !== 'payload') return EMPTY_PAYLOAD;
    const available = Math.min(this.remaining, this.chunkEnd - this.payloadAt);
    if (available <= 0) return EMPTY_PAYLOAD;
    const wire = bufferView(this.memory, this.base + this.payloadAt, available);
    if (frame.maskKey === undefined) return wire;
    const unmasked = Buffer.allocUnsafe(available);
    maskInto(wire, unmasked, frame.maskKey, 0);
    return unmasked;
  }

  /**
   * Only while the sink's payload() runs: all of the current frame's payload read until then, unmasked,
   * the latest piece included. Built on demand because only a sink that turns the frame away needs it,
   * and building it for every piece would cost the common path a view per piece.
   */
  payloadSoFar(): Buffer {
    const assembly = this.assembly;
    return assembly === undefined ? this.wholePayload : bufferView(assembly.buffer, assembly.byteOffset, this.received);
  }

  /** Back to 'header' before the sink hears of the frame's end, so the decoder is consistent if it throws. */
  private finishFrame(): void {
    this.state = 'header';
    this.frame = undefined;
    this.assembly = undefined;
  }
}

function headerSizeOf(secondByte: number): number {
  const length = secondByte & 0x7f;
  return 2 + (length === 126 ? 2 : length === 127 ? 8 : 0) + maskKeySize(secondByte);
}

function maskKeySize(secondByte: number): number {
  return secondByte >= 0x80 ? 4 : 0;
}

function headerOf(frame: Frame): FrameHeader {
  const { payload: _payload, ...header } = frame;
  return header;
}
