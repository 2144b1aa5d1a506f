import { isUtf8 } from 'node:buffer';

/**
 * Incremental UTF-8 validation as a DFA over byte classes, following the table of well-formed byte
 * sequences in the Unicode Standard (chapter 3, table 3-7). It rejects overlong forms, surrogates
 * (U+D800-DFFF), code points above U+10FFFF and bytes that never occur (C0, C1, F5-FF), and it does so
 * at the first byte that makes the input impossible to complete, which is what lets a text message
 * fail as soon as its bytes can no longer be valid, even when a code point is split across pieces.
 */

// Byte classes: which bytes behave the same in every state.
const ASCII = 0; // 00-7F
const CONT_80_8F = 1;
const CONT_90_9F = 2;
const CONT_A0_BF = 3;
const NEVER = 4; // C0, C1, F5-FF
const LEAD2 = 5; // C2-DF
const LEAD3_E0 = 6; // E0: second byte A0-BF (no overlongs)
const LEAD3 = 7; // E1-EC, EE-EF
const LEAD3_ED = 8; // ED: second byte 80-9F (no surrogates)
const LEAD4_F0 = 9; // F0: second byte 90-BF (no overlongs)
const LEAD4 = 10; // F1-F3
const LEAD4_F4 = 11; // F4: second byte 80-8F (nothing above U+10FFFF)
const CLASS_COUNT = 16; // padded to a power of two so a state can index its row by addition

const BYTE_CLASS = new Uint8Array(256);
for (let b = 0; b < 256; b++) BYTE_CLASS[b] = classOf(b);

function classOf(b: number): number {
  if (b <= 0x7f) return ASCII;
  if (b <= 0x8f) return CONT_80_8F;
  if (b <= 0x9f) return CONT_90_9F;
  if (b <= 0xbf) return CONT_A0_BF;
  if (b <= 0xc1) return NEVER;
  if (b <= 0xdf) return LEAD2;
  if (b === 0xe0) return LEAD3_E0;
  if (b === 0xed) return LEAD3_ED;
  if (b <= 0xef) return LEAD3;
  if (b === 0xf0) return LEAD4_F0;
  if (b <= 0xf3) return LEAD4;
  if (b === 0xf4) return LEAD4_F4;
  return NEVER;
}

// States are stored premultiplied by CLASS_COUNT: a state is the offset of its row in TRANSITIONS.
const S_ACCEPT = 0;
const S_REJECT = 1 * CLASS_COUNT;
const S_NEED1 = 2 * CLASS_COUNT; // one more continuation byte, any 80-BF
const S_NEED2 = 3 * CLASS_COUNT;
const S_NEED3 = 4 * CLASS_COUNT;
const S_E0 = 5 * CLASS_COUNT; // after E0: A0-BF, then one more
const S_ED = 6 * CLASS_COUNT; // after ED: 80-9F, then one more
const S_F0 = 7 * CLASS_COUNT; // after F0: 90-BF, then two more
const S_F4 = 8 * CLASS_COUNT; // after F4: 80-8F, then two more
const STATE_COUNT = 9;

const TRANSITIONS = buildTransitions();

function buildTransitions(): Uint8Array {
  const table = new Uint8Array(STATE_COUNT * CLASS_COUNT).fill(S_REJECT);
  const on = (state: number, classes: number[], next: number) => {
    for (const c of classes) table[state + c] = next;
  };
  const anyCont = [CONT_80_8F, CONT_90_9F, CONT_A0_BF];
  on(S_ACCEPT, [ASCII], S_ACCEPT);
  on(S_ACCEPT, [LEAD2], S_NEED1);
  on(S_ACCEPT, [LEAD3_E0], S_E0);
  on(S_ACCEPT, [LEAD3], S_NEED2);
  on(S_ACCEPT, [LEAD3_ED], S_ED);
  on(S_ACCEPT, [LEAD4_F0], S_F0);
  on(S_ACCEPT, [LEAD4], S_NEED3);
  on(S_ACCEPT, [LEAD4_F4], S_F4);
  on(S_NEED1, anyCont, S_ACCEPT);
  on(S_NEED2, anyCont, S_NEED1);
  on(S_NEED3, anyCont, S_NEED2);
  on(S_E0, [CONT_A0_BF], S_NEED1);
  on(S_ED, [CONT_80_8F, CONT_90_9F], S_NEED1);
  on(S_F0, [CONT_90_9F, CONT_A0_BF], S_NEED2);
  on(S_F4, [CONT_80_8F], S_NEED2);
  return table;
}

/** A DFA state as handed between calls of scanUtf8. */
export type Utf8State = number;
export const UTF8_ACCEPT: Utf8State = S_ACCEPT;
export const UTF8_REJECT: Utf8State = S_REJECT;

/** Runs the DFA over bytes[start..end) from `state`; stops early on rejection. Pure JS, no shortcuts. */
export function scanUtf8(state: Utf8State, bytes: Uint8Array, start = 0, end = bytes.length): Utf8State {
  let s = state;
  let i = start;
  while (i < end) {
    if (s === S_ACCEPT) {
      // Runs of ASCII are the common case and need no table lookups.
      while (i < end && bytes[i] < 0x80) i++;
      if (i === end) break;
    }
    s = TRANSITIONS[s + BYTE_CLASS[bytes[i++]]];
    if (s === S_REJECT) break;
  }
  return s;
}

/** From this size on, node's native validator does the bulk of a piece (it only judges complete input). */
const NATIVE_THRESHOLD = 64;

/** Validates a stream of pieces (a text message arriving frame by frame and chunk by chunk). */
export class Utf8Validator {
  private state: Utf8State = S_ACCEPT;

  /** False once the bytes so far cannot be the start of valid UTF-8; stays false until reset(). */
  push(bytes: Uint8Array): boolean {
    let s = this.state;
    if (s === S_REJECT) return false;
    let start = 0;
    const end = bytes.length;
    // Finish a code point left open by the previous piece (at most 3 bytes).
    while (s !== S_ACCEPT && start < end) {
      s = TRANSITIONS[s + BYTE_CLASS[bytes[start++]]];
      if (s === S_REJECT) break;
    }
    if (s === S_ACCEPT && end - start >= NATIVE_THRESHOLD) s = validateBulk(bytes, start, end);
    else if (s !== S_REJECT) s = scanUtf8(s, bytes, start, end);
    this.state = s;
    return s !== S_REJECT;
  }

  /** Whether everything pushed so far is valid AND complete (no code point left open). */
  get complete(): boolean {
    return this.state === S_ACCEPT;
  }

  get rejected(): boolean {
    return this.state === S_REJECT;
  }

  reset(): void {
    this.state = S_ACCEPT;
  }
}

/**
 * bytes[start..end) from a code point boundary, with one native call: it covers everything before the
 * last sequence start, and the DFA only the (possibly unfinished) sequence from there. Up to a
 * non-continuation byte a valid prefix must be complete, so a native rejection there is final.
 */
function validateBulk(bytes: Uint8Array, start: number, end: number): Utf8State {
  let lastStart = end - 1;
  if (bytes[lastStart] < 0x80) return isUtf8(bytes.subarray(start, end)) ? S_ACCEPT : S_REJECT;
  const floor = Math.max(start, end - 4);
  while (lastStart >= floor && (bytes[lastStart] & 0xc0) === 0x80) lastStart--;
  if (lastStart < floor) return S_REJECT; // four continuation bytes in a row never occur
  if (!isUtf8(bytes.subarray(start, lastStart))) return S_REJECT;
  return scanUtf8(S_ACCEPT, bytes, lastStart, end);
}

/** Whether `bytes` is complete, valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  return bytes.length >= NATIVE_THRESHOLD ? isUtf8(bytes) : scanUtf8(S_ACCEPT, bytes) === S_ACCEPT;
}
