import { ProtocolUsageError } from './errors';
import { EMPTY_PAYLOAD, type Frame } from './frame';
import { isValidUtf8 } from './utf8';
import { violation } from './violations';

/**
 * Whether a close frame may carry this code (RFC 6455 7.4.1 and 7.4.2, plus the IANA registrations
 * 1012-1014): 1000-1003, 1007-1014 and 3000-4999. 1004 is reserved, 1005, 1006 and 1015 are for
 * reporting only, 1016-2999 are reserved for future RFCs, and nothing outside 1000-4999 exists.
 */
export function isSendableCloseCode(code: number): boolean {
  return (
    (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999)
  );
}

export interface ClosePayload {
  /** Undefined for an empty payload. */
  code: number | undefined;
  reason: string;
}

/** Reads and validates the peer's close payload; throws the matching ProtocolError. */
export function parseClosePayload(frame: Frame): ClosePayload {
  const payload = frame.payload;
  if (payload.length === 0) return { code: undefined, reason: '' };
  if (payload.length === 1) throw violation.closePayloadTooShort(frame);
  const code = payload.readUInt16BE(0);
  if (!isSendableCloseCode(code)) throw violation.invalidCloseCode(frame, code);
  const reasonBytes = payload.subarray(2);
  if (!isValidUtf8(reasonBytes)) throw violation.invalidCloseReason(frame);
  return { code, reason: reasonBytes.toString('utf8') };
}

/** Reads a close payload without judging it (for a close that arrives after a violation). */
export function readClosePayloadLeniently(payload: Buffer): ClosePayload {
  if (payload.length < 2) return { code: undefined, reason: '' };
  return { code: payload.readUInt16BE(0), reason: payload.toString('utf8', 2) };
}

/**
 * Builds a close payload from exactly what it is given, valid or not: a harness sends bad codes and
 * long reasons on purpose. Only what cannot be encoded at all is refused.
 */
export function buildClosePayload(code?: number, reason?: string | Buffer): Buffer {
  if (code === undefined) {
    if (reason !== undefined && reason.length > 0) {
      throw new ProtocolUsageError('a close reason needs a close code; send the bytes with sendFrame instead');
    }
    return EMPTY_PAYLOAD;
  }
  if (!Number.isInteger(code) || code < 0 || code > 0xffff) {
    throw new ProtocolUsageError(`a close code is a 16-bit unsigned integer, got ${code}`);
  }
  const reasonBytes = reason === undefined ? EMPTY_PAYLOAD : typeof reason === 'string' ? Buffer.from(reason, 'utf8') : reason;
  const payload = Buffer.allocUnsafe(2 + reasonBytes.length);
  payload.writeUInt16BE(code, 0);
  reasonBytes.copy(payload, 2);
  return payload;
}
