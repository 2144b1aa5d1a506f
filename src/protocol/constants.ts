/** RFC 6455 section 1.3: appended to Sec-WebSocket-Key before hashing. */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export const Opcode = {
  Continuation: 0x0,
  Text: 0x1,
  Binary: 0x2,
  Close: 0x8,
  Ping: 0x9,
  Pong: 0xa,
} as const;

export const OPCODE_NAMES: Record<number, string> = {
  0x0: 'continuation',
  0x1: 'text',
  0x2: 'binary',
  0x8: 'close',
  0x9: 'ping',
  0xa: 'pong',
};

export function opcodeName(opcode: number): string {
  return OPCODE_NAMES[opcode] ?? `reserved-${opcode.toString(16)}`;
}

export function isControlOpcode(opcode: number): boolean {
  return (opcode & 0x8) !== 0;
}

export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  ProtocolError: 1002,
  UnsupportedData: 1003,
  NoStatus: 1005,
  Abnormal: 1006,
  InvalidPayload: 1007,
  PolicyViolation: 1008,
  MessageTooBig: 1009,
  MandatoryExtension: 1010,
  InternalError: 1011,
  TlsHandshake: 1015,
} as const;

/** Control frames carry at most 125 payload bytes (RFC 6455 5.5). */
export const MAX_CONTROL_PAYLOAD = 125;
/** What of a close frame's payload is left for the reason once the 2-byte code is in (RFC 6455 5.5.1). */
export const MAX_CLOSE_REASON_BYTES = MAX_CONTROL_PAYLOAD - 2;
export const DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;

/** Largest frame header: 2 fixed bytes, a 64-bit extended length and a 4-byte mask key. */
export const MAX_HEADER_SIZE = 14;
