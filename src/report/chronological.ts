import type { TranscriptEntry } from '../transcript/transcript';

/**
 * Entries in time order. A transcript is kept in arrival order, but some events are recorded after the
 * fact with the time they happened (a handshake request is logged once the connection is up), so reports
 * sort by time; the sort is stable, so entries with equal times keep their arrival order.
 */
export function chronological(entries: readonly TranscriptEntry[]): TranscriptEntry[] {
  return [...entries].sort((a, b) => a.t - b.t);
}
