import { Opcode } from './constants';
import type { Frame } from './frame';
import type { MessageInflater } from './inflate';
import type { ProtocolEvent } from './protocol';
import { isValidUtf8, Utf8Validator } from './utf8';
import { violation } from './violations';

type MessageEvent = Extract<ProtocolEvent, { type: 'message' }>;

/**
 * Reassembles data frames (text, binary, continuation) into messages and enforces the rules that span
 * frames (RFC 6455 5.4): continuation order, the message size limit (checked from each header, before
 * its payload is buffered) and UTF-8 validity of text, judged piece by piece as bytes arrive.
 * With an inflater (permessage-deflate), a message whose first frame has RSV1 set is decompressed once
 * complete; its text can only be judged then, and the size limit applies to it before and after.
 */
export class MessageAssembler {
  /** Opcode of the message in progress; 0 when none is. */
  private opcode = 0;
  private size = 0;
  /** The message in progress is compressed (RSV1 on its first frame). */
  private compressed = false;
  private fragments: Buffer[] = [];
  private readonly utf8 = new Utf8Validator();

  constructor(
    private readonly maxMessageSize: number,
    private readonly inflater?: MessageInflater,
  ) {}

  /** A data frame's header arrived. Throws on a broken sequence or when the message would be too big. */
  start(frame: Frame): void {
    if (frame.opcode === Opcode.Continuation) {
      if (this.opcode === 0) throw violation.unexpectedContinuation(frame);
    } else {
      if (this.opcode !== 0) throw violation.expectedContinuation(frame, this.opcode);
      this.opcode = frame.opcode;
      this.size = 0;
      this.compressed = frame.rsv1 && this.inflater !== undefined;
      this.utf8.reset();
    }
    const size = this.size + frame.declaredLength;
    if (size > this.maxMessageSize) throw violation.messageTooBig(frame, size, this.maxMessageSize);
    this.size = size;
  }

  /** The next unmasked piece of the current frame's payload. Throws as soon as text can no longer be valid. */
  payload(piece: Buffer, frame: Frame): void {
    if (this.opcode === Opcode.Text && !this.compressed && !this.utf8.push(piece)) {
      throw violation.invalidUtf8(frame, 'a byte sequence that cannot occur in UTF-8');
    }
  }

  /** The frame is complete; returns the message once its final fragment is in. */
  end(frame: Frame): MessageEvent | undefined {
    if (!frame.fin) {
      if (frame.payload.length !== 0) this.fragments.push(frame.payload);
      return undefined;
    }
    const opcode = this.opcode;
    this.opcode = 0;
    if (opcode === Opcode.Text && !this.compressed && !this.utf8.complete) {
      this.fragments = [];
      throw violation.invalidUtf8(frame, 'the message ends inside a multi-byte sequence');
    }
    let data = frame.payload;
    if (this.fragments.length !== 0) {
      if (data.length !== 0) this.fragments.push(data);
      data = this.fragments.length === 1 ? this.fragments[0] : Buffer.concat(this.fragments, this.size);
      this.fragments = [];
    }
    if (!this.compressed) return { type: 'message', data, binary: opcode === Opcode.Binary };
    const compressedLength = data.length;
    return { type: 'message', data: this.decompress(data, frame, opcode), binary: opcode === Opcode.Binary, compressedLength };
  }

  private decompress(compressed: Buffer, frame: Frame, opcode: number): Buffer {
    const inflated = (this.inflater as MessageInflater).inflate(compressed, this.maxMessageSize);
    if (!Buffer.isBuffer(inflated)) {
      throw inflated.reason === 'too-big'
        ? violation.inflatedMessageTooBig(frame, this.maxMessageSize)
        : violation.inflateFailed(frame, inflated.detail);
    }
    if (opcode === Opcode.Text && !isValidUtf8(inflated)) {
      throw violation.invalidUtf8(frame, 'the decompressed message is not valid UTF-8');
    }
    return inflated;
  }
}
