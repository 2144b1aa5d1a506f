/**
 * Deterministic payloads. Every message gets a different pattern (by its sequence number), and the
 * patterns have lengths that do not divide the common frame and chunk sizes, so an echo that is cut,
 * reordered or mixed up with another message does not compare equal by accident.
 */
const TEXT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const TEXT_PATTERN_LENGTH = 61;
const BINARY_PATTERN_LENGTH = 251;

/** `length` bytes of printable ASCII (valid UTF-8, one byte per character). */
export function textPayload(length: number, sequence = 0): Buffer {
  const pattern = Buffer.alloc(TEXT_PATTERN_LENGTH);
  for (let i = 0; i < TEXT_PATTERN_LENGTH; i++) {
    pattern[i] = TEXT_ALPHABET.charCodeAt((i * 7 + sequence * 13) % TEXT_ALPHABET.length);
  }
  return repeat(pattern, length);
}

/** `length` bytes covering every byte value, including ones that are never valid UTF-8. */
export function binaryPayload(length: number, sequence = 0): Buffer {
  const pattern = Buffer.alloc(BINARY_PATTERN_LENGTH);
  for (let i = 0; i < BINARY_PATTERN_LENGTH; i++) pattern[i] = (i * 97 + sequence * 31 + 0xfe) & 0xff;
  return repeat(pattern, length);
}

function repeat(pattern: Buffer, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  if (length > 0) out.fill(pattern);
  return out;
}
