import { ProtocolUsageError } from './errors';

/**
 * The payload sizes of a message cut into `fragments`: a count gives near-equal parts (earlier parts
 * one byte longer when it does not divide evenly; parts may be empty when there are more fragments
 * than bytes), a list gives the sizes as they are, and whatever the list leaves over becomes one more
 * fragment at the end.
 */
export function fragmentSizes(total: number, fragments: number | number[]): number[] {
  if (typeof fragments === 'number') {
    if (!Number.isInteger(fragments) || fragments < 1) {
      throw new ProtocolUsageError(`a message is cut into at least 1 fragment, got ${fragments}`);
    }
    const base = Math.floor(total / fragments);
    const longer = total % fragments;
    return Array.from({ length: fragments }, (_, i) => (i < longer ? base + 1 : base));
  }
  if (fragments.length === 0) throw new ProtocolUsageError('the list of fragment sizes is empty');
  let sum = 0;
  for (const size of fragments) {
    if (!Number.isInteger(size) || size < 0) {
      throw new ProtocolUsageError(`a fragment size is a non-negative integer, got ${size}`);
    }
    sum += size;
  }
  if (sum > total) {
    throw new ProtocolUsageError(`fragment sizes add up to ${sum} bytes but the message has ${total}`);
  }
  return sum < total ? [...fragments, total - sum] : [...fragments];
}
