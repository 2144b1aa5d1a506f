import { carve, MAX_CARVED_SIZE } from './buffers';
import { ProtocolUsageError } from './errors';
import { EMPTY_PAYLOAD, type Frame, type FrameSpec, type LengthWidth, type MaskKeySource } from './frame';
import { maskInto } from './mask';

/** What the encoder needs beyond the spec: the role's masking default and where keys come from. */
export interface EncoderDefaults {
  mask: boolean;
  maskKeySource: MaskKeySource;
}

/** A frame ready for the wire, plus its description. */
export interface EncodedFrame {
  frame: Frame;
  /** On the first frame of a compressed message: the message's size before compression. */
  inflatedLength?: number;
  /** On the first frame of a compressed message: the message before compression (its frames carry deflated bytes). */
  inflated?: Buffer;
  /**
   * [header] for an empty payload; [header, payload] when the payload is the caller's own buffer
   * (unmasked) or a masked copy of 32 bytes or more; one buffer, header then masked payload, for a
   * shorter masked payload: it is copied anyway, and one buffer is one socket write.
   */
  chunks: Buffer[];
}

const MAX_7 = 125;
const MAX_16 = 0xffff;
const MAX_64 = (1n << 64n) - 1n;
const TWO_POW_32 = 2 ** 32;
/** Below this many bytes a masked payload is masked byte-wise, right after the header (see maskInto for longer ones). */
const SHORT_PAYLOAD = 32;

/**
 * Encodes any frame, valid or deliberately not. An unmasked payload goes out as the caller's own
 * buffer (never copied); a masked one is written once, masked, into a new chunk, and the caller's
 * buffer is left untouched.
 */
export function encodeFrame(spec: FrameSpec, defaults: EncoderDefaults): EncodedFrame {
  const opcode = spec.opcode;
  // Rejects non-integers, NaN and anything outside 0-15 in one test.
  if ((opcode & 0xf) !== opcode) throw new ProtocolUsageError(`an opcode is 0-15, got ${opcode}`);
  const payload = spec.payload ?? EMPTY_PAYLOAD;
  const length = payload.length;
  const fin = spec.fin ?? true;
  const rsv1 = spec.rsv1 === true;
  const rsv2 = spec.rsv2 === true;
  const rsv3 = spec.rsv3 === true;
  const masked = spec.mask ?? defaults.mask;
  let maskKey: Buffer | undefined;
  if (masked) {
    maskKey = spec.maskKey ?? defaults.maskKeySource();
    if (maskKey.length !== 4) throw new ProtocolUsageError(`a mask key has 4 bytes, got ${maskKey.length}`);
  }

  const declared = spec.declaredLength;
  const width =
    declared === undefined && spec.lengthWidth === undefined
      ? minimalWidth(length)
      : requestedWidth(declared ?? length, spec.lengthWidth);
  const lengthBytes = width === 7 ? 0 : width === 16 ? 2 : 8;
  const headerSize = 2 + lengthBytes + (masked ? 4 : 0);

  const joined = masked && length > 0 && length < SHORT_PAYLOAD;
  const header = carve(joined ? headerSize + length : headerSize);
  header[0] = (fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | (rsv2 ? 0x20 : 0) | (rsv3 ? 0x10 : 0) | opcode;
  writeLength(header, masked ? 0x80 : 0, width, declared ?? length);

  let chunks: Buffer[];
  if (maskKey !== undefined) {
    const keyAt = 2 + lengthBytes;
    header[keyAt] = maskKey[0];
    header[keyAt + 1] = maskKey[1];
    header[keyAt + 2] = maskKey[2];
    header[keyAt + 3] = maskKey[3];
    if (length === 0) {
      chunks = [header];
    } else if (joined) {
      // Written out here rather than called: profiling showed small frames pay for the call.
      const k0 = maskKey[0];
      const k1 = maskKey[1];
      const k2 = maskKey[2];
      const k3 = maskKey[3];
      let i = 0;
      let o = headerSize;
      for (const quadEnd = length & ~3; i < quadEnd; i += 4, o += 4) {
        header[o] = payload[i] ^ k0;
        header[o + 1] = payload[i + 1] ^ k1;
        header[o + 2] = payload[i + 2] ^ k2;
        header[o + 3] = payload[i + 3] ^ k3;
      }
      if (i < length) header[o++] = payload[i++] ^ k0;
      if (i < length) header[o++] = payload[i++] ^ k1;
      if (i < length) header[o] = payload[i] ^ k2;
      chunks = [header];
    } else {
      const body = length <= MAX_CARVED_SIZE ? carve(length) : Buffer.allocUnsafe(length);
      maskInto(payload, body, maskKey);
      chunks = [header, body];
    }
  } else {
    chunks = length === 0 ? [header] : [header, payload];
  }

  return {
    frame: {
      fin,
      rsv1,
      rsv2,
      rsv3,
      opcode,
      masked,
      maskKey,
      declaredLength: declared === undefined ? length : Number(declared),
      payload,
    },
    chunks,
  };
}

function minimalWidth(length: number | bigint): LengthWidth {
  return length <= MAX_7 ? 7 : length <= MAX_16 ? 16 : 64;
}

function requestedWidth(declared: number | bigint, requested: FrameSpec['lengthWidth']): LengthWidth {
  const big = typeof declared === 'bigint';
  if (big ? declared < 0n || declared > MAX_64 : !Number.isSafeInteger(declared) || declared < 0) {
    throw new ProtocolUsageError(`a payload length is an unsigned 64-bit integer, got ${declared}`);
  }
  const minimal = minimalWidth(declared);
  if (requested === undefined || requested === 'minimal') return minimal;
  if (requested !== 7 && requested !== 16 && requested !== 64) {
    throw new ProtocolUsageError(`a length field is 7, 16 or 64 bits wide, got ${String(requested)}`);
  }
  if (requested < minimal) {
    throw new ProtocolUsageError(`length ${declared} does not fit a ${requested}-bit length field`);
  }
  return requested;
}

/** Second byte (mask bit and 7-bit length) and the extended length, big-endian (RFC 6455 5.2). */
function writeLength(header: Buffer, maskBit: number, width: LengthWidth, declared: number | bigint): void {
  if (width === 7) {
    header[1] = maskBit | Number(declared);
    return;
  }
  if (width === 16) {
    const n = Number(declared);
    header[1] = maskBit | 126;
    header[2] = n >>> 8;
    header[3] = n & 0xff;
    return;
  }
  header[1] = maskBit | 127;
  if (typeof declared === 'bigint') {
    header.writeBigUInt64BE(declared, 2);
    return;
  }
  const high = Math.floor(declared / TWO_POW_32);
  const low = declared >>> 0;
  header[2] = high >>> 24;
  header[3] = (high >>> 16) & 0xff;
  header[4] = (high >>> 8) & 0xff;
  header[5] = high & 0xff;
  header[6] = low >>> 24;
  header[7] = (low >>> 16) & 0xff;
  header[8] = (low >>> 8) & 0xff;
  header[9] = low & 0xff;
}
