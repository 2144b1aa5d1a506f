import { CloseCode, MAX_CONTROL_PAYLOAD, opcodeName } from './constants';
import { ProtocolError, ProtocolErrorCode, type ProtocolErrorCodeValue } from './errors';
import type { FrameHeader } from './frame';

/**
 * One constructor per way a peer can break RFC 6455, so that the code, the section and the close code
 * of each violation are decided in exactly one place.
 */

const PROTOCOL = CloseCode.ProtocolError;

export const violation = {
  maskedServerFrame: (frame: FrameHeader) =>
    new ProtocolError(
      ProtocolErrorCode.MaskedServerFrame,
      `server sent a masked ${opcodeName(frame.opcode)} frame; frames from a server must not be masked`,
      '5.1',
      PROTOCOL,
      frame,
    ),
  unmaskedClientFrame: (frame: FrameHeader) =>
    new ProtocolError(
      ProtocolErrorCode.UnmaskedClientFrame,
      `client sent an unmasked ${opcodeName(frame.opcode)} frame; frames from a client must be masked`,
      '5.1',
      PROTOCOL,
      frame,
    ),
  reservedBits: (frame: FrameHeader) =>
    new ProtocolError(
      ProtocolErrorCode.ReservedBits,
      `${opcodeName(frame.opcode)} frame has ${rsvList(frame)} set without an extension that defines it`,
      '5.2',
      PROTOCOL,
      frame,
    ),
  /** RFC 7692 6: the "compressed" bit belongs on the first frame of a data message only. */
  misplacedCompressedBit: (frame: FrameHeader) =>
    new ProtocolError(
      ProtocolErrorCode.ReservedBits,
      `${opcodeName(frame.opcode)} frame has RSV1 set; with permessage-deflate it marks the first frame of a compressed message only`,
      'RFC 7692 6',
      PROTOCOL,
      frame,
    ),
  reservedOpcode: (frame: FrameHeader) =>
    new ProtocolError(
      ProtocolErrorCode.ReservedOpcode,
      `frame uses reserved opcode 0x${frame.opcode.toString(16)}`,
      '5.2',
      PROTOCOL,
      frame,
    ),
  controlFrameTooLong: (frame: FrameHeader) =>
    new ProtocolError(
      ProtocolErrorCode.ControlFrameTooLong,
      `${opcodeName(frame.opcode)} frame declares ${frame.declaredLength} payload bytes; control frames carry at most ${MAX_CONTROL_PAYLOAD}`,
      '5.5',
      PROTOCOL,
      frame,
    ),
  fragmentedControlFrame: (frame: FrameHeader) =>
    new ProtocolError(
      ProtocolErrorCode.FragmentedControlFrame,
      `${opcodeName(frame.opcode)} frame has FIN=0; control frames must not be fragmented`,
      '5.5',
      PROTOCOL,
      frame,
    ),
  unexpectedContinuation: (frame: FrameHeader) =>
    new ProtocolError(
      ProtocolErrorCode.UnexpectedContinuation,
      'continuation frame received while no fragmented message was in progress',
      '5.4',
      PROTOCOL,
      frame,
    ),
  expectedContinuation: (frame: FrameHeader, pendingOpcode: number) =>
    new ProtocolError(
      ProtocolErrorCode.ExpectedContinuation,
      `new ${opcodeName(frame.opcode)} frame received inside a fragmented ${opcodeName(pendingOpcode)} message; expected a continuation frame`,
      '5.4',
      PROTOCOL,
      frame,
    ),
  invalidUtf8: (frame: FrameHeader | undefined, detail: string) =>
    new ProtocolError(
      ProtocolErrorCode.InvalidUtf8,
      `text message is not valid UTF-8: ${detail}`,
      '8.1',
      CloseCode.InvalidPayload,
      frame,
    ),
  closePayloadTooShort: (frame: FrameHeader) =>
    new ProtocolError(
      ProtocolErrorCode.InvalidClosePayload,
      'close frame has a 1-byte payload; a close payload is empty or starts with a 2-byte code',
      '5.5.1',
      PROTOCOL,
      frame,
    ),
  invalidCloseCode: (frame: FrameHeader, code: number) =>
    new ProtocolError(
      ProtocolErrorCode.InvalidCloseCode,
      `close frame carries code ${code}, which may not be sent in a close frame`,
      '7.4',
      PROTOCOL,
      frame,
    ),
  invalidCloseReason: (frame: FrameHeader) =>
    new ProtocolError(
      ProtocolErrorCode.InvalidCloseReason,
      'close reason is not valid UTF-8',
      '5.5.1',
      CloseCode.InvalidPayload,
      frame,
    ),
  lengthTopBit: (frame: FrameHeader) =>
    new ProtocolError(
      ProtocolErrorCode.LengthTopBit,
      '64-bit payload length has its most significant bit set',
      '5.2',
      PROTOCOL,
      frame,
    ),
  nonMinimalLength: (frame: FrameHeader, width: number) =>
    new ProtocolError(
      ProtocolErrorCode.NonMinimalLength,
      `payload length ${frame.declaredLength} is encoded in a ${width}-bit field; the minimal encoding is required`,
      '5.2',
      PROTOCOL,
      frame,
    ),
  messageTooBig: (frame: FrameHeader, size: number, limit: number) =>
    new ProtocolError(
      ProtocolErrorCode.MessageTooBig,
      `message of at least ${size} byte${size === 1 ? '' : 's'} exceeds the limit of ${limit} byte${limit === 1 ? '' : 's'}`,
      '10.4',
      CloseCode.MessageTooBig,
      frame,
    ),
  inflatedMessageTooBig: (frame: FrameHeader, limit: number) =>
    new ProtocolError(
      ProtocolErrorCode.MessageTooBig,
      `compressed message inflates to more than the limit of ${limit} bytes`,
      '10.4',
      CloseCode.MessageTooBig,
      frame,
    ),
  inflateFailed: (frame: FrameHeader, detail: string) =>
    new ProtocolError(
      ProtocolErrorCode.InflateFailed,
      `compressed message does not decompress (permessage-deflate): ${detail}`,
      'RFC 7692 6.2',
      CloseCode.InvalidPayload,
      frame,
    ),
  internal: (cause: unknown) => {
    const error = new ProtocolError(
      ProtocolErrorCode.Internal,
      `internal failure while reading frames: ${cause instanceof Error ? cause.message : String(cause)}`,
      '7.4.1',
      CloseCode.InternalError,
    );
    (error as { cause?: unknown }).cause = cause;
    return error;
  },
};

function rsvList(frame: FrameHeader): string {
  const bits: string[] = [];
  if (frame.rsv1) bits.push('RSV1');
  if (frame.rsv2) bits.push('RSV2');
  if (frame.rsv3) bits.push('RSV3');
  return bits.join('+');
}

/** Close reasons sent in answer to a violation: short (a close payload holds 125 bytes) and stable. */
const CLOSE_REASONS: Record<ProtocolErrorCodeValue, string> = {
  WSBDD_ERR_MASKED_FRAME: 'masked frame from server',
  WSBDD_ERR_UNMASKED_FRAME: 'unmasked frame from client',
  WSBDD_ERR_RSV_BITS: 'reserved bits set',
  WSBDD_ERR_RESERVED_OPCODE: 'reserved opcode',
  WSBDD_ERR_CONTROL_TOO_LONG: 'control frame too long',
  WSBDD_ERR_FRAGMENTED_CONTROL: 'fragmented control frame',
  WSBDD_ERR_UNEXPECTED_CONTINUATION: 'unexpected continuation frame',
  WSBDD_ERR_EXPECTED_CONTINUATION: 'expected continuation frame',
  WSBDD_ERR_INVALID_UTF8: 'invalid UTF-8 in text message',
  WSBDD_ERR_CLOSE_PAYLOAD: 'invalid close payload',
  WSBDD_ERR_CLOSE_CODE: 'invalid close code',
  WSBDD_ERR_CLOSE_REASON: 'invalid UTF-8 in close reason',
  WSBDD_ERR_LENGTH_TOP_BIT: 'invalid payload length',
  WSBDD_ERR_NON_MINIMAL_LENGTH: 'non-minimal payload length',
  WSBDD_ERR_MESSAGE_TOO_BIG: 'message too big',
  WSBDD_ERR_INFLATE: 'invalid compressed data',
  WSBDD_ERR_DATA_AFTER_CLOSE: 'data after close',
  WSBDD_ERR_INTERNAL: 'internal error',
};

export function closeReasonFor(error: ProtocolError): string {
  return CLOSE_REASONS[error.code];
}
