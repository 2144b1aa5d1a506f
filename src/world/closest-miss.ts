import type { InboxMessage } from './inbox';
import { describeMessage } from './describe';
import { byteCount } from './plural';

/** How far a message is from what a step waits for (smaller is closer), and why it is not it. */
export interface Miss {
  distance: number;
  why: string;
}

export type MissExplainer = (message: InboxMessage) => Miss;

/** Messages compared, the latest ones: an inbox of thousands is not searched in a failure message. */
const CANDIDATES = 20;
/** Characters compared for closeness; the cost grows with the square of it. */
const COMPARED = 300;
/** Characters shown on each side of a difference. */
const SHOWN = 24;

/**
 * The unmatched message closest to what was awaited and why it is not it, as the last lines of a wait's
 * failure message: of several near misses, the one most likely meant is the one worth reading.
 */
export function closestMiss(unmatched: readonly InboxMessage[], explain: MissExplainer | undefined): string {
  if (!explain || unmatched.length === 0) return '';
  let best: { message: InboxMessage; miss: Miss } | undefined;
  for (const message of unmatched.slice(-CANDIDATES)) {
    const miss = explain(message);
    if (!best || miss.distance < best.miss.distance) best = { message, miss };
  }
  if (!best) return '';
  const which = unmatched.length > 1 ? 'closest miss' : 'why it is not it';
  return `\n  ${which}: ${describeMessage(best.message)}\n    ${best.miss.why}`;
}

/** For "should receive <text>": where the texts part, and how far apart they are. */
export function textDifference(expected: string): MissExplainer {
  const wanted = [...expected];
  return (message) => {
    if (message.binary) return { distance: Infinity, why: 'it is a binary message' };
    const got = [...message.data.toString('utf8')];
    let at = 0;
    while (at < wanted.length && at < got.length && wanted[at] === got[at]) at++;
    const distance = editDistance(wanted.slice(0, COMPARED), got.slice(0, COMPARED)) + Math.abs(Math.max(0, wanted.length - COMPARED) - Math.max(0, got.length - COMPARED));
    const slice = (chars: string[]) => (chars.length === 0 ? 'the end' : JSON.stringify(chars.slice(at, at + SHOWN).join('')) + (chars.length > at + SHOWN ? '…' : ''));
    if (at === wanted.length) return { distance, why: `it starts with the expected text, then goes on: ${slice(got)} (${got.length} characters, expected ${wanted.length})` };
    if (at === got.length) return { distance, why: `it ends after ${got.length} characters, where ${slice(wanted)} was expected` };
    return { distance, why: `it differs from character ${at + 1}: expected ${slice(wanted)}, got ${slice(got)}` };
  };
}

/** For "should receive a text message containing <part>": the longest start of the part it does contain. */
export function textContainingMiss(part: string): MissExplainer {
  return (message) => {
    if (message.binary) return { distance: Infinity, why: 'it is a binary message' };
    const text = message.data.toString('utf8');
    const chars = [...part];
    let found = 0;
    while (found < chars.length && text.includes(chars.slice(0, found + 1).join(''))) found++;
    const why =
      found === 0
        ? `it does not contain ${JSON.stringify(part)}, not even its first character`
        : `it contains ${JSON.stringify(chars.slice(0, found).join(''))}, but not what follows: ${JSON.stringify(chars.slice(found, found + SHOWN).join(''))}`;
    return { distance: chars.length - found, why };
  };
}

/** A text matcher with nothing to measure: any text is as close as another, and `why` says what it lacks. */
export function textMiss(why: string): MissExplainer {
  return (message) => (message.binary ? { distance: Infinity, why: 'it is a binary message' } : { distance: 0, why: `it ${why}` });
}

/** For "should receive the bytes": the first byte that differs, or the difference in length. */
export function bytesDifference(expected: Buffer): MissExplainer {
  return (message) => {
    if (!message.binary) return { distance: Infinity, why: 'it is a text message' };
    const got = message.data;
    let at = 0;
    while (at < expected.length && at < got.length && expected[at] === got[at]) at++;
    const distance = Math.abs(expected.length - got.length) + (expected.length - at);
    if (at === expected.length && at === got.length) return { distance: 0, why: 'it has the same bytes' };
    if (at === Math.min(expected.length, got.length)) {
      return { distance, why: `the first ${byteCount(at)} are the expected ones; it has ${byteCount(got.length)}, expected ${byteCount(expected.length)}` };
    }
    const hex = (byte: number | undefined) => (byte ?? 0).toString(16).padStart(2, '0');
    return { distance, why: `byte ${at + 1} differs: expected ${hex(expected[at])}, got ${hex(got[at])}` };
  };
}

/** Levenshtein distance of two character lists (bounded in size by the caller). */
function editDistance(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
