import type { Redactor } from '../secrets/redact';
import { transcriptRows, type RowTone, type TranscriptRow } from './rows';
import type { TranscriptEntry } from '../transcript/transcript';
import { elide } from './transcript-text';

export interface DiagramOptions {
  /** Required: a drawing without one would show every secret it holds. */
  redactor: Redactor;
  /** Drawn at the top, e.g. the scenario name. */
  title?: string;
  /** The actor name the mock server reports its own events under. Default "server". */
  serverActor?: string;
  /** Name of the server lane; default: the address the first client connected to. */
  serverLabel?: string;
  /** Rows drawn at most; the middle of a longer exchange becomes a "… N more frames" marker. Default 80. */
  maxRows?: number;
  /** Client lanes drawn at most; further clients share one last lane. Default 6. */
  maxClientLanes?: number;
  /** Characters (or hex bytes) of payload in a label. Default 24. */
  previewLimit?: number;
}

/** A label shows up to 80 characters of a payload (wrapped over up to three lines): enough to tell JSON messages apart. */
export const DIAGRAM_DEFAULTS = { maxRows: 80, maxClientLanes: 6, previewLimit: 80 } as const;

export interface DiagramLane {
  label: string;
  /** Clients drawn on this lane; more than one when clients were folded together. */
  clients: string[];
  isServer: boolean;
}

/** An arrow between a client lane and the server lane, or a mark on one lane. */
export interface DiagramEvent {
  type: 'arrow' | 'mark';
  t: number;
  lane: number;
  /** Arrows: client to server ("out") or back ("in"). */
  flow: 'out' | 'in' | 'local';
  tone: RowTone;
  label: string;
  /** How many back-to-back repetitions of this event, or of the block it belongs to, were folded into it. */
  repeat: number;
  /** Set on the first event of a folded block of several events: how many rows the block spans. */
  blockSize?: number;
  /** Part of a folded block of several events (the block's bracket shows the count). */
  inBlock?: boolean;
  /** Frames this row stands for, repetitions included. */
  frames: number;
  isFrame: boolean;
}

export interface DiagramGap {
  type: 'gap';
  omittedRows: number;
  omittedFrames: number;
  isFrame: false;
}

export type DiagramRow = DiagramEvent | DiagramGap;

export interface DiagramModel {
  title?: string;
  lanes: DiagramLane[];
  rows: DiagramRow[];
  /** Events in the transcript before folding and capping. */
  totalEvents: number;
  totalFrames: number;
}

/** Longest run of events repeated as a block that folding looks for (e.g. ping + pong = 2). */
const MAX_FOLD_PERIOD = 4;

/** Turns a transcript into lanes and rows, folding repetitions and capping the row count. */
export function diagramModel(entries: readonly TranscriptEntry[], options: DiagramOptions): DiagramModel {
  const serverActor = options.serverActor ?? 'server';
  const transcript = transcriptRows(entries, {
    redactor: options.redactor,
    previewLimit: options.previewLimit ?? DIAGRAM_DEFAULTS.previewLimit,
    // The label says "text" before it: the payload needs no quotes, and JSON keeps its own unescaped.
    unquotedText: true,
    serverActor,
  });
  const lanes = buildLanes(entries, serverActor, options);
  const laneOf = new Map<string, number>();
  lanes.forEach((lane, index) => lane.clients.forEach((client) => laneOf.set(client, index)));
  const serverLane = lanes.length - 1;

  const events = transcript.map((row): DiagramEvent => {
    const lane = row.actor === serverActor ? serverLane : (laneOf.get(row.actor) ?? serverLane);
    const shared = (lanes[lane]?.clients.length ?? 1) > 1;
    const label = (shared ? `${row.actor}: ` : '') + rowLabel(row);
    return {
      type: row.flow === 'local' ? 'mark' : 'arrow',
      t: row.t,
      lane,
      flow: row.flow,
      tone: row.tone,
      label,
      repeat: 1,
      frames: row.notKept?.frames ?? (row.isFrame ? 1 : 0),
      isFrame: row.isFrame,
    };
  });
  const folded = foldRepeats(events);
  const maxRows = options.maxRows ?? DIAGRAM_DEFAULTS.maxRows;
  const rows: DiagramRow[] = elideRows(folded, maxRows);
  return {
    title: options.title,
    lanes,
    rows,
    totalEvents: events.length,
    totalFrames: events.filter((event) => event.isFrame).length,
  };
}

function rowLabel(row: TranscriptRow): string {
  if (!row.isFrame) return row.summary;
  return [row.summary, row.length, row.preview].filter((part) => part).join(' ');
}

function buildLanes(entries: readonly TranscriptEntry[], serverActor: string, options: DiagramOptions): DiagramLane[] {
  const clients: string[] = [];
  let remote: string | undefined;
  for (const entry of entries) {
    if (entry.actor === serverActor || entry.kind === 'omitted') continue;
    if (!clients.includes(entry.actor)) clients.push(entry.actor);
    if (entry.kind === 'tcp-connect') remote ??= entry.remote;
  }
  const maxLanes = Math.max(1, options.maxClientLanes ?? DIAGRAM_DEFAULTS.maxClientLanes);
  const lanes: DiagramLane[] = [];
  if (clients.length <= maxLanes) {
    for (const client of clients) lanes.push({ label: client, clients: [client], isServer: false });
  } else {
    for (const client of clients.slice(0, maxLanes - 1)) lanes.push({ label: client, clients: [client], isServer: false });
    const rest = clients.slice(maxLanes - 1);
    lanes.push({ label: `${rest.length} more clients`, clients: rest, isServer: false });
  }
  const label = options.serverLabel ?? (remote ? `server ${remote}` : 'server');
  lanes.push({ label, clients: [], isServer: true });
  return lanes;
}

function sameEvent(a: DiagramEvent | undefined, b: DiagramEvent | undefined): boolean {
  return !!a && !!b && a.lane === b.lane && a.flow === b.flow && a.tone === b.tone && a.label === b.label;
}

/**
 * Folds a block of 1 to MAX_FOLD_PERIOD events that repeats back to back (heartbeats, ping/pong pairs,
 * a burst of equal messages) into one drawing of the block marked with the repeat count.
 */
export function foldRepeats(events: readonly DiagramEvent[]): DiagramEvent[] {
  const out: DiagramEvent[] = [];
  let index = 0;
  while (index < events.length) {
    let best = { period: 1, repeats: 1 };
    for (let period = 1; period <= MAX_FOLD_PERIOD && index + 2 * period <= events.length; period++) {
      let repeats = 1;
      while (index + (repeats + 1) * period <= events.length && blockRepeats(events, index, period, repeats)) repeats++;
      // A block of several events is folded only when it comes back at least 3 times: twice is still easy to read.
      const worthIt = period === 1 ? repeats >= 2 : repeats >= 3;
      if (worthIt && repeats * period > best.repeats * best.period) best = { period, repeats };
    }
    for (let offset = 0; offset < best.period; offset++) {
      const first = events[index + offset];
      if (!first) continue;
      out.push({
        ...first,
        repeat: best.repeats,
        frames: first.frames * best.repeats,
        blockSize: offset === 0 && best.period > 1 ? best.period : undefined,
        inBlock: best.period > 1 || undefined,
      });
    }
    index += best.period * best.repeats;
  }
  return out;
}

function blockRepeats(events: readonly DiagramEvent[], start: number, period: number, repeats: number): boolean {
  for (let offset = 0; offset < period; offset++) {
    if (!sameEvent(events[start + offset], events[start + repeats * period + offset])) return false;
  }
  return true;
}

function elideRows(rows: DiagramEvent[], maxRows: number): DiagramRow[] {
  const kept = elide(rows, maxRows);
  if (kept.length === rows.length) return rows;
  const headCount = kept.findIndex((item) => 'omitted' in item);
  const omittedCount = rows.length - (kept.length - 1);
  const omitted = rows.slice(headCount, headCount + omittedCount);
  return kept.map((item): DiagramRow =>
    'omitted' in item
      ? {
          type: 'gap',
          omittedRows: omitted.reduce((total, row) => total + row.repeat, 0),
          omittedFrames: omitted.reduce((total, row) => total + row.frames, 0),
          isFrame: false,
        }
      : item,
  );
}
