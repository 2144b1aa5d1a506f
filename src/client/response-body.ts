import { headerValues } from './header-rules';
import type { HandshakeResponse } from './types';

/** Most body bytes kept from a refused handshake: enough for any error page, bounded against a flood. */
export const MAX_ERROR_BODY = 64 * 1024;

/** How the body of a response is delimited (RFC 9112 section 6.3). */
export type BodyFraming = { kind: 'none' } | { kind: 'length'; length: number } | { kind: 'chunked' } | { kind: 'until-close' };

export function bodyFraming(response: HandshakeResponse): BodyFraming {
  const status = response.statusCode;
  if ((status >= 100 && status < 200) || status === 204 || status === 304) return { kind: 'none' };
  const encoding = headerValues(response.headers, 'Transfer-Encoding').join(',').toLowerCase();
  if (/(^|,)\s*chunked\s*$/.test(encoding)) return { kind: 'chunked' };
  const lengths = headerValues(response.headers, 'Content-Length');
  if (lengths.length > 0 && lengths.every((value) => /^\d+$/.test(value.trim()) && value.trim() === lengths[0].trim())) {
    return { kind: 'length', length: Number(lengths[0].trim()) };
  }
  return { kind: 'until-close' };
}

/** Decode a complete chunked body; undefined while the terminating chunk has not arrived or when it is malformed. */
export function decodeChunked(bytes: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd === -1) return undefined;
    const sizeText = bytes.subarray(at, lineEnd).toString('latin1').split(';')[0].trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) return undefined;
    const size = parseInt(sizeText, 16);
    at = lineEnd + 2;
    if (size === 0) return Buffer.concat(parts);
    if (bytes.length < at + size + 2) return undefined;
    parts.push(bytes.subarray(at, at + size));
    at += size + 2;
  }
}

/** The body as far as it can be told complete: the decoded body when done, undefined while more is due. */
export function completeBody(framing: BodyFraming, bytes: Buffer): Buffer | undefined {
  switch (framing.kind) {
    case 'none':
      return Buffer.alloc(0);
    case 'length':
      return bytes.length >= framing.length ? bytes.subarray(0, framing.length) : undefined;
    case 'chunked':
      return decodeChunked(bytes);
    case 'until-close':
      return undefined;
  }
}
