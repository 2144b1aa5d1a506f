/**
 * RFC 6455 5.3 masking: byte i of the payload is XORed with byte (i mod 4) of the key. The same
 * operation masks and unmasks.
 */

/** Below this many bytes a plain byte loop beats setting up a 32-bit view. */
const WORD_LOOP_THRESHOLD = 32;

/** Lets the rotated key be assembled byte-wise and read back as one word in the machine's own byte order. */
const keyWordBytes = new Uint8Array(4);
const keyWord = new Uint32Array(keyWordBytes.buffer);

/**
 * XORs `data` in place with `key`. `phase` is the payload offset of data[0] modulo 4, so that a payload
 * arriving in pieces can be unmasked piece by piece.
 */
export function xorMask(data: Uint8Array, key: Uint8Array, phase = 0): void {
  const length = data.length;
  const k0 = key[phase & 3];
  const k1 = key[(phase + 1) & 3];
  const k2 = key[(phase + 2) & 3];
  const k3 = key[(phase + 3) & 3];
  if (length < WORD_LOOP_THRESHOLD) {
    xorBytes(data, 0, length, k0, k1, k2, k3);
    return;
  }

  // Typed-array word views need 4-byte alignment, which a view into a socket chunk rarely has:
  // do the leading bytes one at a time, then whole words, then the tail.
  const lead = (4 - (data.byteOffset & 3)) & 3;
  xorBytes(data, 0, lead, k0, k1, k2, k3);
  // Words and tail both start a multiple of 4 bytes after `lead`, so they share its key phase.
  const t = (phase + lead) & 3;
  keyWordBytes[0] = key[t];
  keyWordBytes[1] = key[(t + 1) & 3];
  keyWordBytes[2] = key[(t + 2) & 3];
  keyWordBytes[3] = key[(t + 3) & 3];
  const word = keyWord[0];
  const wordCount = (length - lead) >>> 2;
  const words = new Uint32Array(data.buffer, data.byteOffset + lead, wordCount);
  let w = 0;
  // Unrolled by four: the loop is memory bound, fewer branches keep it there.
  for (const unrolledEnd = wordCount - (wordCount & 3); w < unrolledEnd; w += 4) {
    words[w] ^= word;
    words[w + 1] ^= word;
    words[w + 2] ^= word;
    words[w + 3] ^= word;
  }
  for (; w < wordCount; w++) words[w] ^= word;
  const tailStart = lead + wordCount * 4;
  xorBytes(data, tailStart, length, key[t], key[(t + 1) & 3], key[(t + 2) & 3], key[(t + 3) & 3]);
}

/** Writes source XOR key into target (same length): masking without touching the source. */
export function maskInto(source: Uint8Array, target: Uint8Array, key: Uint8Array, phase = 0): void {
  const length = source.length;
  if (length >= WORD_LOOP_THRESHOLD) {
    // A native copy and then words in place beats a byte loop once there is enough to copy.
    target.set(source);
    xorMask(target, key, phase);
    return;
  }
  for (let i = 0; i < length; i++) target[i] = source[i] ^ key[(i + phase) & 3];
}

/** XORs data[start..end) where k0 applies to data[start]. */
function xorBytes(data: Uint8Array, start: number, end: number, k0: number, k1: number, k2: number, k3: number): void {
  let i = start;
  for (const quadEnd = end - ((end - start) & 3); i < quadEnd; i += 4) {
    data[i] ^= k0;
    data[i + 1] ^= k1;
    data[i + 2] ^= k2;
    data[i + 3] ^= k3;
  }
  if (i < end) data[i++] ^= k0;
  if (i < end) data[i++] ^= k1;
  if (i < end) data[i] ^= k2;
}
