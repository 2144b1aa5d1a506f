/** "1 byte", "0 bytes", "5 bytes": a count with its noun, singular only for exactly one. */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

export function byteCount(count: number): string {
  return countOf(count, 'byte');
}
