import type { Redactor } from '../secrets/redact';
import { FRAME_BITS_LEGEND } from './frames';
import { overviewLines, transcriptOverview } from './overview';
import { transcriptRows, type RowOptions, type TranscriptRow } from './rows';
import type { TranscriptEntry } from '../transcript/transcript';

export interface TranscriptTextOptions extends Partial<Omit<RowOptions, 'redactor'>> {
  /** Required: a transcript without one would show every secret it holds. */
  redactor: Redactor;
  /** Shown on the first line, e.g. the scenario name. */
  title?: string;
  /** Entries listed at most; the middle of a longer transcript is left out with a marker. */
  maxEntries?: number;
}

export const DEFAULT_TEXT_PREVIEW = 120;
export const DEFAULT_MAX_ENTRIES = 2000;

const SYMBOLS: Record<TranscriptRow['flow'], string> = { out: '->', in: '<-', local: '  ' };

/**
 * The wire transcript as plain text: an overview with timing figures, then one line per event (time since
 * the scenario started, client, direction, event; frames add header bits, length and payload preview),
 * handshake headers indented below their request or response.
 */
export function renderTranscriptText(entries: readonly TranscriptEntry[], options: TranscriptTextOptions): string {
  const serverActor = options.serverActor ?? 'server';
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const rows = transcriptRows(entries, {
    redactor: options.redactor,
    previewLimit: options.previewLimit ?? DEFAULT_TEXT_PREVIEW,
    serverActor,
    shown: keptByElide(entries.length, maxEntries),
  });
  const overview = transcriptOverview(entries, serverActor);
  const out: string[] = [];
  out.push(options.title ? `Wire transcript: ${options.title}` : 'Wire transcript');
  out.push(...overviewLines(overview));
  out.push(FRAME_BITS_LEGEND);
  out.push('');
  if (rows.length === 0) {
    out.push('(nothing was sent or received)');
    return out.join('\n') + '\n';
  }

  const items = elide(rows, maxEntries);
  const shown = items.filter((item): item is TranscriptRow => !('omitted' in item));
  const frames = shown.filter((row) => row.isFrame);
  const timeWidth = widest(shown, (row) => formatTime(row.t).length, 0);
  const actorWidth = Math.min(20, widest(shown, (row) => row.actor.length, 6));
  const labelWidth = widest(frames, (row) => row.summary.length, 8);
  const lengthWidth = widest(frames, (row) => (row.length ?? '').length, 0);
  const indent = ' '.repeat(timeWidth + actorWidth + 8);

  out.push(`${'time'.padStart(timeWidth)}  ${'client'.padEnd(actorWidth)}  ${'  '}  event`);
  for (const item of items) {
    if ('omitted' in item) {
      out.push(`${''.padStart(timeWidth)}  … ${item.omitted} more events (${item.frames} frames) left out …`);
      continue;
    }
    const row = item;
    const head = `${formatTime(row.t).padStart(timeWidth)}  ${row.actor.padEnd(actorWidth)}  ${SYMBOLS[row.flow]}  `;
    if (row.isFrame) {
      const preview = row.preview ? `  ${row.preview}` : '';
      out.push(`${head}${row.summary.padEnd(labelWidth)}  ${row.bits ?? ''}  ${(row.length ?? '').padEnd(lengthWidth)}${preview}`.trimEnd());
    } else {
      out.push(`${head}${row.summary}`);
    }
    for (const detail of row.details) out.push(`${indent}${detail}`);
  }
  return out.join('\n') + '\n';
}

/** The widest value of a column; a loop, as spreading a long transcript into Math.max would overflow the stack. */
function widest<T>(rows: readonly T[], width: (row: T) => number, least: number): number {
  let max = least;
  for (const row of rows) max = Math.max(max, width(row));
  return max;
}

function formatTime(t: number): string {
  return `+${t.toFixed(2)} ms`;
}

export interface OmittedRows {
  omitted: number;
  frames: number;
}

function elideCounts(total: number, max: number): { headCount: number; tailCount: number } | undefined {
  if (total <= max || max < 2) return undefined;
  const headCount = Math.ceil((max - 1) / 2);
  return { headCount, tailCount: max - 1 - headCount };
}

/** Which indices elide() keeps out of `total`. */
export function keptByElide(total: number, max: number): (index: number) => boolean {
  const counts = elideCounts(total, max);
  if (!counts) return () => true;
  return (index) => index < counts.headCount || index >= total - counts.tailCount;
}

/**
 * Keeps the first and last rows of a long list, and the rows `pinned` between them (errors, closes, the
 * count of what a capped transcript did not keep), and counts what was left out in each stretch between
 * (a row that stands for events the transcript did not keep counts as those events).
 */
export function elide<T extends { isFrame: boolean; pinned?: boolean; notKept?: { events: number; frames: number } }>(
  rows: readonly T[],
  max: number,
): Array<T | OmittedRows> {
  const counts = elideCounts(rows.length, max);
  if (!counts) return [...rows];
  const { headCount, tailCount } = counts;
  const out: Array<T | OmittedRows> = rows.slice(0, headCount);
  let gap: OmittedRows | undefined;
  for (let index = headCount; index < rows.length - tailCount; index++) {
    const row = rows[index]!;
    if (row.pinned) {
      out.push(row);
      gap = undefined;
      continue;
    }
    if (!gap) {
      gap = { omitted: 0, frames: 0 };
      out.push(gap);
    }
    gap.omitted += row.notKept?.events ?? 1;
    gap.frames += row.notKept?.frames ?? (row.isFrame ? 1 : 0);
  }
  out.push(...rows.slice(rows.length - tailCount));
  return out;
}
