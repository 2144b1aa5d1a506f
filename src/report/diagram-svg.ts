import { diagramModel, type DiagramEvent, type DiagramModel, type DiagramOptions } from './diagram-model';
import { escapeXml } from './html-escape';
import type { RowTone } from './rows';

const LANE_GAP = 200;
/** The server lane sits further out: every arrow ends there, and its label needs room even from the nearest client. */
const SERVER_GAP = 360;
const TIME_COLUMN = 84;
const ROW_HEIGHT = 24;
const TITLE_HEIGHT = 30;
const HEADER_HEIGHT = 34;
const LEGEND_HEIGHT = 34;
const MIN_WIDTH = 640;
/** Average advance of the 11px monospace font, used to fit labels without measuring text. */
const CHAR_WIDTH = 6.7;
const FONT_MONO = "ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace";
const FONT_SANS = "system-ui, 'Segoe UI', 'DejaVu Sans', sans-serif";

const TONE_COLOURS: Record<RowTone, string> = {
  connect: '#94a3b8',
  handshake: '#7c3aed',
  data: '#2563eb',
  control: '#64748b',
  close: '#d97706',
  error: '#dc2626',
  info: '#475569',
};

/** Inbound data is drawn green so that the two directions of an exchange read apart at a glance. */
const INBOUND_DATA = '#059669';

/**
 * Draws a scenario's exchange as an SVG sequence diagram: one lane per client and one for the server,
 * frames as arrows labelled with opcode, length and payload preview, closes and errors marked on the
 * client's lane. The SVG is self-contained (no scripts, fonts or links), so it renders as an <img>.
 */
export function renderSequenceDiagram(entries: Parameters<typeof diagramModel>[0], options: DiagramOptions = {}): string {
  return renderDiagramModel(diagramModel(entries, options));
}

export function renderDiagramModel(model: DiagramModel): string {
  const laneCount = model.lanes.length;
  const top = TITLE_HEIGHT + HEADER_HEIGHT;
  const rowsHeight = Math.max(1, model.rows.length) * ROW_HEIGHT;
  const height = top + rowsHeight + 12 + LEGEND_HEIGHT;
  const clientX = (lane: number): number => TIME_COLUMN + LANE_GAP / 2 + lane * LANE_GAP;
  const laneX = (lane: number): number => (lane < laneCount - 1 ? clientX(lane) : clientX(laneCount - 2) + SERVER_GAP);
  // Wide enough for the legend even with a single client.
  const width = Math.max(MIN_WIDTH, laneX(laneCount - 1) + LANE_GAP / 2 + 16);
  const rowY = (index: number): number => top + index * ROW_HEIGHT + ROW_HEIGHT * 0.7;

  const svg: string[] = [];
  svg.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="${FONT_SANS}" font-size="12">`,
  );
  const title = model.title ? `Sequence diagram: ${model.title}` : 'Sequence diagram';
  svg.push(`<title>${escapeXml(title)}</title>`);
  svg.push(defs());
  svg.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  const counts = `${model.totalFrames} frames, ${model.totalEvents} events`;
  const shownTitle = fit(title, (width - 20) / 7.8 - counts.length - 3);
  svg.push(
    `<text x="10" y="20" font-size="14" fill="#1d2330"><tspan font-weight="600">${escapeXml(shownTitle)}</tspan>` +
      `<tspan fill="#64748b" font-size="12"> · ${escapeXml(counts)}</tspan></text>`,
  );

  const bottom = top + rowsHeight + 6;
  model.lanes.forEach((lane, index) => {
    const x = laneX(index);
    const boxWidth = LANE_GAP - 24;
    svg.push(
      `<rect x="${x - boxWidth / 2}" y="${TITLE_HEIGHT}" width="${boxWidth}" height="24" rx="4" ` +
        `fill="${lane.isServer ? '#1e293b' : '#e2e8f0'}" stroke="#94a3b8"/>`,
    );
    svg.push(
      `<text x="${x}" y="${TITLE_HEIGHT + 16}" text-anchor="middle" font-weight="600" fill="${lane.isServer ? '#ffffff' : '#1d2330'}">` +
        `${escapeXml(fit(lane.label, boxWidth / 7.2))}</text>`,
    );
    svg.push(
      `<line x1="${x}" y1="${TITLE_HEIGHT + 24}" x2="${x}" y2="${bottom}" stroke="#cbd5e1" stroke-dasharray="4 3"/>`,
    );
  });

  const serverX = laneX(laneCount - 1);
  model.rows.forEach((row, index) => {
    const y = rowY(index);
    if (row.type === 'gap') {
      const label = `… ${row.omittedFrames} more frames (${row.omittedRows} events) …`;
      svg.push(
        `<rect x="4" y="${y - ROW_HEIGHT * 0.55}" width="${width - 8}" height="${ROW_HEIGHT * 0.7}" fill="#f8fafc" ` +
          `stroke="#94a3b8" stroke-dasharray="6 4"/>`,
      );
      svg.push(`<text x="${width / 2}" y="${y}" text-anchor="middle" fill="#475569" font-style="italic">${escapeXml(label)}</text>`);
      return;
    }
    svg.push(
      `<text x="${TIME_COLUMN - 8}" y="${y}" text-anchor="end" font-family="${FONT_MONO}" font-size="10" fill="#64748b">` +
        `+${formatTime(row.t)}</text>`,
    );
    if (row.blockSize && row.blockSize > 1) svg.push(blockBracket(row, y, index, model));
    if (row.type === 'arrow') svg.push(arrow(row, laneX(row.lane), serverX, y));
    else svg.push(mark(row, laneX(row.lane), y, width, row.lane === laneCount - 1));
  });

  svg.push(legend(height - LEGEND_HEIGHT + 8, width));
  svg.push('</svg>');
  return svg.join('\n') + '\n';
}

function colour(event: DiagramEvent): string {
  return event.tone === 'data' && event.flow === 'in' ? INBOUND_DATA : TONE_COLOURS[event.tone];
}

function repeatSuffix(event: DiagramEvent): string {
  return event.repeat > 1 && !event.inBlock ? ` ×${event.repeat}` : '';
}

function arrow(event: DiagramEvent, clientX: number, serverX: number, y: number): string {
  const [x1, x2] = event.flow === 'out' ? [clientX, serverX] : [serverX, clientX];
  const stroke = colour(event);
  const span = Math.abs(x2 - x1);
  const label = fit(event.label + repeatSuffix(event), (span - 16) / CHAR_WIDTH);
  const mid = (x1 + x2) / 2;
  const dashed = event.tone === 'connect' ? ' stroke-dasharray="3 3"' : '';
  const tip = event.tone === 'data' && event.flow === 'in' ? 'data-in' : event.tone;
  return (
    `<line x1="${x1}" y1="${y}" x2="${x2 + (x2 > x1 ? -2 : 2)}" y2="${y}" stroke="${stroke}" stroke-width="1.6"${dashed} ` +
    `marker-end="url(#tip-${tip})"/>\n` +
    `<text x="${mid}" y="${y - 4}" text-anchor="middle" font-family="${FONT_MONO}" font-size="11" fill="${stroke}">` +
    `${escapeXml(label)}</text>`
  );
}

/** A symbol on the lane (cross for errors, bar for closes, dot otherwise) with its label beside it. */
function mark(event: DiagramEvent, x: number, y: number, width: number, onServerLane: boolean): string {
  const stroke = colour(event);
  const labelY = y;
  const symbolY = y - 4;
  let symbol: string;
  if (event.tone === 'error') {
    symbol =
      `<path d="M${x - 5} ${symbolY - 5} L${x + 5} ${symbolY + 5} M${x + 5} ${symbolY - 5} L${x - 5} ${symbolY + 5}" ` +
      `stroke="${stroke}" stroke-width="2.4"/>`;
  } else if (event.tone === 'close') {
    symbol = `<rect x="${x - 6}" y="${symbolY - 3}" width="12" height="6" fill="${stroke}"/>`;
  } else {
    symbol = `<circle cx="${x}" cy="${symbolY}" r="4" fill="${stroke}"/>`;
  }
  // Labels go right of the lane, except on the rightmost (server) lane where there is no room.
  const room = onServerLane ? x - TIME_COLUMN - 12 : width - x - 18;
  const text = fit(event.label + repeatSuffix(event), Math.min(60, room / CHAR_WIDTH));
  const textWidth = text.length * CHAR_WIDTH + 6;
  const textX = onServerLane ? x - 10 : x + 10;
  const boxX = onServerLane ? textX - textWidth + 3 : textX - 3;
  return (
    `${symbol}\n` +
    `<rect x="${boxX}" y="${labelY - 12}" width="${textWidth}" height="16" rx="3" fill="#ffffff" fill-opacity="0.9"/>\n` +
    `<text x="${textX}" y="${labelY}" text-anchor="${onServerLane ? 'end' : 'start'}" font-family="${FONT_MONO}" ` +
    `font-size="11" fill="${stroke}">${escapeXml(text)}</text>`
  );
}

/** A bracket left of the lanes spanning a folded block, with its repeat count. */
function blockBracket(first: DiagramEvent, y: number, index: number, model: DiagramModel): string {
  let rows = 1;
  while (rows < (first.blockSize ?? 1) && model.rows[index + rows]?.type !== 'gap' && model.rows[index + rows]) rows++;
  const x = TIME_COLUMN - 2;
  const y1 = y - ROW_HEIGHT * 0.6;
  const y2 = y + (rows - 1) * ROW_HEIGHT + ROW_HEIGHT * 0.2;
  return (
    `<path d="M${x + 6} ${y1} H${x} V${y2} H${x + 6}" fill="none" stroke="#64748b" stroke-width="1.4"/>\n` +
    `<text x="${x + 8}" y="${(y1 + y2) / 2 + 4}" font-family="${FONT_MONO}" font-size="11" font-weight="600" fill="#334155">` +
    `×${first.repeat}</text>`
  );
}

function legend(y: number, width: number): string {
  const items: Array<[string, string]> = [
    [TONE_COLOURS.data, 'data out'],
    [INBOUND_DATA, 'data in'],
    [TONE_COLOURS.control, 'ping/pong'],
    [TONE_COLOURS.handshake, 'handshake'],
    [TONE_COLOURS.close, 'close'],
    [TONE_COLOURS.error, 'error'],
  ];
  const parts: string[] = [`<line x1="4" y1="${y - 8}" x2="${width - 4}" y2="${y - 8}" stroke="#e2e8f0"/>`];
  let x = 10;
  for (const [fill, label] of items) {
    parts.push(`<rect x="${x}" y="${y}" width="14" height="4" fill="${fill}"/>`);
    parts.push(`<text x="${x + 18}" y="${y + 6}" font-size="11" fill="#475569">${label}</text>`);
    x += 24 + label.length * 6.5;
  }
  parts.push(`<text x="${x + 8}" y="${y + 6}" font-size="11" fill="#475569">×N: repeated back to back</text>`);
  return parts.join('\n');
}

function defs(): string {
  const tips = { ...TONE_COLOURS, 'data-in': INBOUND_DATA } as Record<string, string>;
  const markers = Object.entries(tips).map(
    ([name, fill]) =>
      `<marker id="tip-${name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
      `<path d="M0 0 L10 5 L0 10 z" fill="${fill}"/></marker>`,
  );
  return `<defs>${markers.join('')}</defs>`;
}

function fit(text: string, maxChars: number): string {
  const limit = Math.max(4, Math.floor(maxChars));
  const chars = Array.from(text);
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join('')}…`;
}

function formatTime(t: number): string {
  if (t < 1000) return `${t.toFixed(1)} ms`;
  return `${(t / 1000).toFixed(2)} s`;
}
