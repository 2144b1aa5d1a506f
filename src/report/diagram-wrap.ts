/** A label broken into lines; `cut` when even the last allowed line could not hold the rest. */
export interface WrappedText {
  lines: string[];
  cut: boolean;
}

/**
 * Breaks a label into at most `maxLines` lines of `maxChars` characters, between words, so that a close
 * code, its reason or an error code is never split in the middle. A line breaks after a ":" or "," when
 * one comes late enough: "... port 52136:" / "Invalid WebSocket frame: invalid opcode 3" reads better
 * than a break inside the message. Only what does not fit in `maxLines` is cut, with an ellipsis.
 */
export function wrapText(text: string, maxChars: number, maxLines: number): WrappedText {
  const limit = Math.max(4, Math.floor(maxChars));
  const words = text.split(' ').flatMap((word) => chunks(word, limit));
  const preferred = greedyLines(words, limit, true);
  const lines = preferred.length <= maxLines ? preferred : greedyLines(words, limit, false);
  if (lines.length <= maxLines) return { lines: lines.map((line) => line.join(' ')), cut: false };
  const kept = lines.slice(0, maxLines - 1).map((line) => line.join(' '));
  const rest = lines.slice(maxLines - 1).map((line) => line.join(' ')).join(' ');
  return { lines: [...kept, fit(rest, limit)], cut: true };
}

/** Cuts one line with an ellipsis, for text that has a single line to itself (lane names). */
export function fit(text: string, maxChars: number): string {
  const limit = Math.max(4, Math.floor(maxChars));
  const chars = Array.from(text);
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join('')}…`;
}

export function charCount(text: string): number {
  return Array.from(text).length;
}

function greedyLines(words: readonly string[], limit: number, breakAtPunctuation: boolean): string[][] {
  const lines: string[][] = [];
  let line: string[] = [];
  let length = 0;
  for (const word of words) {
    const size = charCount(word);
    if (line.length === 0 || length + 1 + size <= limit) {
      length += (line.length === 0 ? 0 : 1) + size;
      line.push(word);
      continue;
    }
    const carried = breakAtPunctuation ? carryAfterPunctuation(line, limit) : [];
    lines.push(line.slice(0, line.length - carried.length));
    line = [...carried, word];
    length = charCount(line.join(' '));
    if (length > limit) {
      // The carried words and the new one do not fit together: give up the nicer break for this line.
      lines[lines.length - 1] = lines[lines.length - 1]!.concat(carried);
      line = [word];
      length = size;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** The words after the line's last ":" or "," when that mark ends at least 60% of the way along. */
function carryAfterPunctuation(line: readonly string[], limit: number): string[] {
  let length = 0;
  let breakAfter = -1;
  line.forEach((word, index) => {
    length += (index === 0 ? 0 : 1) + charCount(word);
    if (index < line.length - 1 && /[:,;]$/.test(word) && length >= limit * 0.6) breakAfter = index;
  });
  return breakAfter < 0 ? [] : line.slice(breakAfter + 1);
}

/** A word longer than a whole line (a long token, a hex dump without spaces) is broken where it must. */
function chunks(word: string, limit: number): string[] {
  const chars = Array.from(word);
  if (chars.length <= limit) return [word];
  const out: string[] = [];
  for (let index = 0; index < chars.length; index += limit) out.push(chars.slice(index, index + limit).join(''));
  return out;
}
