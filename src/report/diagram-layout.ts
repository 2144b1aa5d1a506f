import type { DiagramEvent, DiagramModel, DiagramRow } from './diagram-model';
import { charCount, fit, wrapText } from './diagram-wrap';

/**
 * Where everything in the sequence diagram goes. Every position is computed here, so that a row grown
 * by a wrapped label moves the rows below it, the lifelines and the legend in one go; diagram-svg.ts
 * only turns the result into markup.
 */

const LANE_GAP = 200;
/** The server lane sits further out: every arrow ends there, and its label needs room even from the nearest client. */
const SERVER_GAP = 360;
export const TIME_COLUMN = 84;
export const ROW_HEIGHT = 24;
/** Each extra line of a wrapped label adds this much to its row. */
export const LINE_HEIGHT = 13;
const TITLE_LINE_HEIGHT = 18;
const TITLE_HEIGHT = 30;
const HEADER_HEIGHT = 34;
export const LANE_BOX_WIDTH = LANE_GAP - 24;
export const LANE_BOX_HEIGHT = 24;
const LEGEND_HEIGHT = 34;
const MIN_WIDTH = 640;
/** Average advance of the 11px monospace font, used to fit labels without measuring text. */
export const CHAR_WIDTH = 6.7;
/** Averages for the 14px bold title and the 12px counts beside it, measured on DejaVu Sans, the widest fallback. */
const TITLE_CHAR_WIDTH = 8.4;
const COUNTS_CHAR_WIDTH = 6.6;
const LANE_CHAR_WIDTH = 7.2;
/** Three lines keep a close reason (up to 123 bytes) or an error message whole in all but the narrowest lanes. */
const MAX_LABEL_LINES = 3;
const MAX_TITLE_LINES = 3;
/** Beyond this a mark's label would reach across most of the diagram; it wraps instead. */
const MAX_MARK_CHARS = 60;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelLayout {
  lines: string[];
  /** The whole text when the lines had to cut it, for a tooltip. */
  full?: string;
  x: number;
  anchor: 'start' | 'middle' | 'end';
  /** Baseline of each line. */
  baselines: number[];
  /** Set when the label crosses another lane's lifeline, which would otherwise run through the text. */
  background?: Box;
}

export interface RowLayout {
  top: number;
  height: number;
  /** Where the arrow or the lane symbol is drawn, and the time beside it. */
  y: number;
  label: LabelLayout;
}

export interface DiagramLayout {
  width: number;
  height: number;
  title: { lines: string[]; full?: string; baselines: number[]; countsOnOwnLine: boolean };
  counts: string;
  /** Top of the lane name boxes. */
  headerTop: number;
  laneX: number[];
  laneLabels: Array<{ text: string; full?: string }>;
  rowsTop: number;
  lifelineBottom: number;
  rows: RowLayout[];
  legendY: number;
}

export function layoutDiagram(model: DiagramModel): DiagramLayout {
  const laneCount = model.lanes.length;
  const clientX = (lane: number): number => TIME_COLUMN + LANE_GAP / 2 + lane * LANE_GAP;
  const laneX = model.lanes.map((_, lane) => (lane < laneCount - 1 ? clientX(lane) : clientX(laneCount - 2) + SERVER_GAP));
  const serverX = laneX[laneCount - 1] ?? clientX(0);
  // Wide enough for the legend even with a single client.
  const width = Math.max(MIN_WIDTH, serverX + LANE_GAP / 2 + 16);

  const counts = `${model.totalFrames} frames, ${model.totalEvents} events`;
  const title = layoutTitle(model.title ? `Sequence diagram: ${model.title}` : 'Sequence diagram', counts, width);
  const headerTop = title.height;
  const rowsTop = headerTop + HEADER_HEIGHT;

  const rows: RowLayout[] = [];
  let cursor = rowsTop;
  for (const row of model.rows) {
    const laid = layoutRow(row, cursor, { laneX, serverX, width });
    rows.push(laid);
    cursor += laid.height;
  }
  if (rows.length === 0) cursor += ROW_HEIGHT;
  const lifelineBottom = cursor + 6;
  const height = lifelineBottom + 6 + LEGEND_HEIGHT;
  const laneLabels = model.lanes.map((lane) => {
    const text = fit(lane.label, LANE_BOX_WIDTH / LANE_CHAR_WIDTH);
    return text === lane.label ? { text } : { text, full: lane.label };
  });
  return {
    width,
    height,
    title: title.layout,
    counts,
    headerTop,
    laneX,
    laneLabels,
    rowsTop,
    lifelineBottom,
    rows,
    legendY: height - LEGEND_HEIGHT + 8,
  };
}

function layoutTitle(text: string, counts: string, width: number): { layout: DiagramLayout['title']; height: number } {
  const room = width - 20;
  const wrapped = wrapText(text, room / TITLE_CHAR_WIDTH, MAX_TITLE_LINES);
  const last = wrapped.lines[wrapped.lines.length - 1] ?? '';
  const countsOnOwnLine = charCount(last) * TITLE_CHAR_WIDTH + (charCount(counts) + 3) * COUNTS_CHAR_WIDTH > room;
  const lineCount = wrapped.lines.length + (countsOnOwnLine ? 1 : 0);
  const baselines = Array.from({ length: lineCount }, (_, index) => 20 + index * TITLE_LINE_HEIGHT);
  return {
    layout: { lines: wrapped.lines, full: wrapped.cut ? text : undefined, baselines, countsOnOwnLine },
    height: TITLE_HEIGHT + (lineCount - 1) * TITLE_LINE_HEIGHT,
  };
}

interface Lanes {
  laneX: readonly number[];
  serverX: number;
  width: number;
}

function layoutRow(row: DiagramRow, top: number, lanes: Lanes): RowLayout {
  if (row.type === 'gap') {
    const y = top + ROW_HEIGHT * 0.7;
    const text = `… ${row.omittedFrames} more frames (${row.omittedRows} events) …`;
    return { top, height: ROW_HEIGHT, y, label: { lines: [text], x: lanes.width / 2, anchor: 'middle', baselines: [y] } };
  }
  return row.type === 'arrow' ? arrowRow(row, top, lanes) : markRow(row, top, lanes);
}

/** An arrow's label sits above it, centred; extra lines stack upwards so the arrow stays under its text. */
function arrowRow(event: DiagramEvent, top: number, lanes: Lanes): RowLayout {
  const clientX = lanes.laneX[event.lane] ?? lanes.serverX;
  const span = Math.abs(lanes.serverX - clientX);
  const text = labelText(event);
  const wrapped = wrapText(text, (span - 16) / CHAR_WIDTH, MAX_LABEL_LINES);
  const extra = (wrapped.lines.length - 1) * LINE_HEIGHT;
  const y = top + extra + ROW_HEIGHT * 0.7;
  const x = (clientX + lanes.serverX) / 2;
  const baselines = wrapped.lines.map((_, index) => y - 5 - (wrapped.lines.length - 1 - index) * LINE_HEIGHT);
  const textWidth = widest(wrapped.lines) * CHAR_WIDTH;
  const box = textBox(x - textWidth / 2, textWidth, baselines);
  const ownLanes = [clientX, lanes.serverX];
  return {
    top,
    height: ROW_HEIGHT + extra,
    y,
    label: {
      lines: wrapped.lines,
      full: wrapped.cut ? text : undefined,
      x,
      anchor: 'middle',
      baselines,
      background: crossesLifeline(box, lanes.laneX, ownLanes) ? box : undefined,
    },
  };
}

/** A mark's label goes beside the lane (left of the server lane, which has no room right of it); extra lines go below. */
function markRow(event: DiagramEvent, top: number, lanes: Lanes): RowLayout {
  const x = lanes.laneX[event.lane] ?? lanes.serverX;
  const onServerLane = x === lanes.serverX;
  const room = onServerLane ? x - TIME_COLUMN - 12 : lanes.width - x - 18;
  const text = labelText(event);
  const wrapped = wrapText(text, Math.min(MAX_MARK_CHARS, room / CHAR_WIDTH), MAX_LABEL_LINES);
  const y = top + ROW_HEIGHT * 0.7;
  const baselines = wrapped.lines.map((_, index) => y + index * LINE_HEIGHT);
  const textX = onServerLane ? x - 10 : x + 10;
  const textWidth = widest(wrapped.lines) * CHAR_WIDTH;
  const box = textBox(onServerLane ? textX - textWidth : textX, textWidth, baselines);
  return {
    top,
    height: ROW_HEIGHT + (wrapped.lines.length - 1) * LINE_HEIGHT,
    y,
    label: {
      lines: wrapped.lines,
      full: wrapped.cut ? text : undefined,
      x: textX,
      anchor: onServerLane ? 'end' : 'start',
      baselines,
      background: crossesLifeline(box, lanes.laneX, [x]) ? box : undefined,
    },
  };
}

function labelText(event: DiagramEvent): string {
  return event.label + (event.repeat > 1 && !event.inBlock ? ` ×${event.repeat}` : '');
}

function widest(lines: readonly string[]): number {
  return Math.max(0, ...lines.map(charCount));
}

/** The box around lines of 11px text, padded; it stops short of an arrow drawn 5px under the last baseline. */
function textBox(left: number, textWidth: number, baselines: readonly number[]): Box {
  const first = baselines[0] ?? 0;
  const last = baselines[baselines.length - 1] ?? first;
  return { x: left - 3, y: first - 10.5, width: textWidth + 6, height: last - first + 13.5 };
}

function crossesLifeline(box: Box, laneX: readonly number[], own: readonly number[]): boolean {
  return laneX.some((x) => !own.includes(x) && x > box.x && x < box.x + box.width);
}
