import { isUtf8 } from 'node:buffer';
import { REDACTED, type Redactor } from '../secrets/redact';

/** How a payload should be shown: as text, as hex, or as text when it reads as text. */
export type PreviewKind = 'text' | 'binary' | 'auto';

export interface PreviewOptions {
  /** Characters of text, or bytes of hex, shown at most; the rest is cut (the full length is shown elsewhere). */
  limit: number;
  /** Absent in the World's failure messages, which the scenario's secrets mask as a whole when the step ends. */
  redactor?: Redactor;
  /**
   * Text without the surrounding quotes, so without its own quotes escaped: where the kind is said next
   * to it (a diagram's arrow label), `{"type":"pong"}` reads better than `"{\"type\":\"pong\"}"`.
   */
  unquoted?: boolean;
}

const ELLIPSIS = '…';

/**
 * A one-line, quoted or hex preview of a payload, safe to put in a text line, an HTML cell or an SVG label:
 * control characters are escaped, secrets masked, long payloads cut with "…".
 */
export function previewPayload(payload: Buffer, kind: PreviewKind, options: PreviewOptions): string {
  if (payload.length === 0) return '""';
  const asText = kind === 'text' || (kind === 'auto' && looksLikeText(payload));
  if (asText && isUtf8(payload)) return previewText(payload, options);
  const hex = previewHex(payload, options);
  return kind === 'text' ? `${hex} (not UTF-8)` : hex;
}

/** Describes a close frame's payload: status code and reason, or what is wrong with it. */
export function describeClosePayload(payload: Buffer, options: PreviewOptions): string {
  if (payload.length === 0) return 'no status code';
  if (payload.length === 1) return `malformed: 1 byte ${previewHex(payload, options)}`;
  const code = payload.readUInt16BE(0);
  const reason = payload.subarray(2);
  if (reason.length === 0) return String(code);
  return `${code} ${previewPayload(reason, 'text', options)}`;
}

function looksLikeText(payload: Buffer): boolean {
  const window = payload.subarray(0, 256);
  if (!isUtf8(payload)) return false;
  for (const byte of window) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  return true;
}

function previewText(payload: Buffer, options: PreviewOptions): string {
  // Redact before cutting, so that a secret straddling the cut cannot leak its first half.
  // A character takes up to 4 bytes in UTF-8.
  const reach = options.limit * 4 + (options.redactor?.longestSecretBytes ?? 0);
  const window = payload.subarray(0, Math.min(payload.length, reach));
  let text = window.toString('utf8');
  if (window.length < payload.length) text = text.replace(/\uFFFD+$/, '');
  if (options.redactor) text = options.redactor.text(text);
  const end = codePointOffset(text, options.limit);
  const cut = end < text.length || window.length < payload.length;
  if (options.unquoted) return `${escapeControls(text.slice(0, end))}${cut ? ELLIPSIS : ''}`;
  return `"${escapeText(text.slice(0, end))}"${cut ? ELLIPSIS : ''}`;
}

/** The string offset after the first `count` characters (code points), without splitting the string up. */
function codePointOffset(text: string, count: number): number {
  let offset = 0;
  for (let seen = 0; seen < count && offset < text.length; seen++) {
    offset += (text.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  }
  return offset;
}

function previewHex(payload: Buffer, options: PreviewOptions): string {
  const shownBytes = Math.min(payload.length, options.limit);
  const reach = Math.min(payload.length, options.limit + (options.redactor?.longestSecretBytes ?? 0));
  const ranges = options.redactor?.secretRanges(payload.subarray(0, reach)) ?? [];
  const parts: string[] = [];
  let index = 0;
  for (const [start, end] of ranges) {
    if (start >= shownBytes) break;
    for (; index < start; index++) parts.push(hexByte(payload[index] ?? 0));
    parts.push(REDACTED);
    index = end;
  }
  for (; index < shownBytes; index++) parts.push(hexByte(payload[index] ?? 0));
  return parts.join(' ') + (payload.length > shownBytes ? ` ${ELLIPSIS}` : '');
}

function hexByte(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/** Escapes the characters that would break a one-line preview or an XML document, quotes left as they are. */
function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/g, (char) => escapeText(char));
}

/** Escapes characters that would break a one-line preview or an XML document. */
export function escapeText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f"\\\ufffe\uffff]/g, (char) => {
    switch (char) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '"':
        return '\\"';
      case '\\':
        return '\\\\';
      default:
        return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}
