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
  DataAfterClose: 'WSBDD_ERR_DATA_AFTER_CLOSE',
} as const;

export type ProtocolErrorCodeValue = (typeof ProtocolErrorCode)[keyof typeof ProtocolErrorCode];

/** A violation of RFC 6455 by the peer. Carries the close code this side answers with. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: ProtocolErrorCodeValue,
    message: string,
    /** The RFC 6455 section the peer broke, e.g. "5.2". */
    readonly rfcSection: string,
    /** The close code to send in answer: 1002, 1007 or 1009. */
    readonly closeCode: number,
  ) {
    super(message);
  }
}
