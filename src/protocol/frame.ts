/** A decoded frame, or the description of one that went out. Payload is always unmasked. */
export interface Frame {
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  /** 0-15; reserved values are allowed here so that a harness can describe any frame. */
  opcode: number;
  masked: boolean;
  /** The 4-byte key when masked. */
  maskKey?: Buffer;
  /** Length field as it stood on the wire (may differ from payload.length for a deliberately lying frame). */
  declaredLength: number;
  payload: Buffer;
}

/** Everything about a frame except its payload: what is known once its header has been read. */
export type FrameHeader = Omit<Frame, 'payload'>;

/** Width in bits of the payload length field: 7 (in the second byte), 16 or 64 (extended). */
export type LengthWidth = 7 | 16 | 64;

/** Everything needed to encode one frame; fields left out take the values of a valid frame. */
export interface FrameSpec {
  fin?: boolean;
  rsv1?: boolean;
  rsv2?: boolean;
  rsv3?: boolean;
  opcode: number;
  payload?: Buffer;
  /** Default: true for the client role, false for the server role. */
  mask?: boolean;
  /** A fixed key; default: a fresh random key from the key source. */
  maskKey?: Buffer;
  /** Force the length field width (non-minimal encodings are protocol violations on purpose). */
  lengthWidth?: 'minimal' | LengthWidth;
  /** Put this number in the length field instead of the real payload length (a lying frame). */
  declaredLength?: number | bigint;
}

/** Supplies 4-byte masking keys; injectable so that tests get fixed bytes. */
export type MaskKeySource = () => Buffer;

/** Shared zero-length payload; never written to. */
export const EMPTY_PAYLOAD: Buffer = Buffer.alloc(0);
