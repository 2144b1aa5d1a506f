import { MAX_CONTROL_PAYLOAD, Opcode } from './constants';
import type { Frame, LengthWidth } from './frame';
import type { Role } from './protocol';
import { violation } from './violations';

/** What a frame header is judged against: who we are and what the handshake negotiated. */
export interface FrameRules {
  /** Our role: as the client we require unmasked frames from the peer, as the server masked ones. */
  role: Role;
  allowRsv1: boolean;
  allowRsv2: boolean;
  allowRsv3: boolean;
  /** permessage-deflate is in use (RFC 7692): RSV1 marks the first frame of a compressed data message. */
  perMessageDeflate?: boolean;
  /** Require payload lengths in the minimal number of bytes (RFC 6455 5.2). */
  strictLengths: boolean;
}

/** Throws the ProtocolError for the first rule (RFC 6455 5.1-5.5) a received frame header breaks. */
export function checkFrameHeader(frame: Frame, lengthWidth: LengthWidth, rules: FrameRules): void {
  const opcode = frame.opcode;
  if ((opcode > 0x2 && opcode < 0x8) || opcode > 0xa) throw violation.reservedOpcode(frame);
  if (frame.rsv1 && rules.perMessageDeflate && !rules.allowRsv1) {
    if (opcode !== Opcode.Text && opcode !== Opcode.Binary) throw violation.misplacedCompressedBit(frame);
  } else if (frame.rsv1 && !rules.allowRsv1) {
    throw violation.reservedBits(frame);
  }
  if ((frame.rsv2 && !rules.allowRsv2) || (frame.rsv3 && !rules.allowRsv3)) {
    throw violation.reservedBits(frame);
  }
  if (rules.role === 'client') {
    if (frame.masked) throw violation.maskedServerFrame(frame);
  } else if (!frame.masked) {
    throw violation.unmaskedClientFrame(frame);
  }
  if (opcode >= 0x8) {
    if (!frame.fin) throw violation.fragmentedControlFrame(frame);
    if (frame.declaredLength > MAX_CONTROL_PAYLOAD) throw violation.controlFrameTooLong(frame);
  }
  if (rules.strictLengths && lengthWidth !== 7) {
    const minimalUpTo = lengthWidth === 16 ? MAX_CONTROL_PAYLOAD : 0xffff;
    if (frame.declaredLength <= minimalUpTo) throw violation.nonMinimalLength(frame, lengthWidth);
  }
}
