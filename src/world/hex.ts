import { badArgument } from './errors';
import { byteCount } from './plural';

/**
 * Bytes written as hex in a step: "01 02 ff", "0102ff", "01:02:FF", "0x01, 0x02". Separators (spaces,
 * commas, colons, dashes) and 0x prefixes are optional; every byte is two hex digits.
 */
export function parseHex(text: string): Buffer {
  const digits = text.replace(/0x/gi, ' ').replace(/[\s,:-]+/g, '');
  if (!/^[0-9a-f]*$/i.test(digits)) {
    const bad = /[^0-9a-f]/i.exec(digits)?.[0];
    throw badArgument(`"${text}" is not hex bytes: unexpected character "${bad}"`);
  }
  if (digits.length % 2 !== 0) {
    throw badArgument(`"${text}" is not hex bytes: odd number of hex digits (${digits.length})`);
  }
  return Buffer.from(digits, 'hex');
}

/** "01 02 ff", for failure messages. */
export function formatHex(bytes: Buffer, maxBytes = 32): string {
  const shown = [...bytes.subarray(0, maxBytes)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > maxBytes ? `${shown} ... (${byteCount(bytes.length)})` : shown;
}
