import type { FrameHeader } from './frame';

/**
 * Stable error codes. Users match on these in scenarios and reports, so a code, once published,
 * keeps its meaning.
 */
export const ProtocolErrorCode = {
  MaskedServerFrame: 'WSBDD_ERR_MASKED_FRAME',
  UnmaskedClientFrame: 'WSBDD_ERR_UNMASKED_FRAME',
  ReservedBits: 'WSBDD_ERR_RSV_BITS',
  ReservedOpcode: 'WSBDD_ERR_RESERVED_OPCODE',
  ControlFrameTooLong: 'WSBDD_ERR_CONTROL_TOO_LONG',
  FragmentedControlFrame: 'WSBDD_ERR_FRAGMENTED_CONTROL',
  UnexpectedContinuation: 'WSBDD_ERR_UNEXPECTED_CONTINUATION',
  ExpectedContinuation: 'WSBDD_ERR_EXPECTED_CONTINUATION',
  InvalidUtf8: 'WSBDD_ERR_INVALID_UTF8',
  InvalidClosePayload: 'WSBDD_ERR_CLOSE_PAYLOAD',
  InvalidCloseCode: 'WSBDD_ERR_CLOSE_CODE',
  InvalidCloseReason: 'WSBDD_ERR_CLOSE_REASON',
  LengthTopBit: 'WSBDD_ERR_LENGTH_TOP_BIT',
  NonMinimalLength: 'WSBDD_ERR_NON_MINIMAL_LENGTH',
  MessageTooBig: 'WSBDD_ERR_MESSAGE_TOO_BIG',
  /** A permessage-deflate message (RFC 7692) that does not decompress. */
  InflateFailed: 'WSBDD_ERR_INFLATE',
  /** Reserved: frames after the peer's close are not a violation; they come as 'frame' events marked ignored. */
  DataAfterClose: 'WSBDD_ERR_DATA_AFTER_CLOSE',
  /** Not the peer's fault: an unexpected failure inside the protocol core, answered with 1011. */
  Internal: 'WSBDD_ERR_INTERNAL',
} as const;

export type ProtocolErrorCodeValue = (typeof ProtocolErrorCode)[keyof typeof ProtocolErrorCode];

/** A violation of RFC 6455 by the peer. Carries the close code this side answers with. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: ProtocolErrorCodeValue,
    message: string,
    /** The RFC 6455 section the peer broke, e.g. "5.2"; "RFC 7692 ..." for the permessage-deflate extension. */
    readonly rfcSection: string,
    /** The close code to send in answer: 1002, 1007 or 1009 (1011 for WSBDD_ERR_INTERNAL). */
    readonly closeCode: number,
    /** The header of the offending frame, when the violation is tied to one frame. */
    readonly frame?: FrameHeader,
  ) {
    super(message);
  }
}

export const UsageErrorCode = {
  InvalidArgument: 'WSBDD_ERR_INVALID_ARGUMENT',
} as const;

/** A caller asked the protocol core for something it cannot encode (e.g. a 3-byte mask key). */
export class ProtocolUsageError extends Error {
  override readonly name = 'ProtocolUsageError';
  readonly code = UsageErrorCode.InvalidArgument;
}
