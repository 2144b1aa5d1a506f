import { diagramModel, type DiagramEvent, type DiagramModel, type DiagramOptions } from './diagram-model';
import {
  LANE_BOX_HEIGHT,
  LANE_BOX_WIDTH,
  ROW_HEIGHT,
  TIME_COLUMN,
  layoutDiagram,
  type DiagramLayout,
  type LabelLayout,
} from './diagram-layout';
import { escapeXml } from './html-escape';
import type { RowTone } from './rows';

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
export function renderSequenceDiagram(entries: Parameters<typeof diagramModel>[0], options: DiagramOptions): string {
  return renderDiagramModel(diagramModel(entries, options));
}

export function renderDiagramModel(model: DiagramModel): string {
  const layout = layoutDiagram(model);
  const { width, height } = layout;
  const svg: string[] = [];
  svg.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="${FONT_SANS}" font-size="12">`,
  );
  const title = model.title ? `Sequence diagram: ${model.title}` : 'Sequence diagram';
  svg.push(`<title>${escapeXml(title)}</title>`);
  svg.push(defs());
  svg.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  svg.push(titleText(layout));

  model.lanes.forEach((lane, index) => {
    const x = layout.laneX[index] ?? 0;
    const name = layout.laneLabels[index] ?? { text: lane.label };
    const { headerTop } = layout;
    svg.push(
      withTooltip(
        name.full,
        `<rect x="${x - LANE_BOX_WIDTH / 2}" y="${headerTop}" width="${LANE_BOX_WIDTH}" height="${LANE_BOX_HEIGHT}" rx="4" ` +
          `fill="${lane.isServer ? '#1e293b' : '#e2e8f0'}" stroke="#94a3b8"/>\n` +
          `<text x="${x}" y="${headerTop + 16}" text-anchor="middle" font-weight="600" fill="${lane.isServer ? '#ffffff' : '#1d2330'}">` +
          `${escapeXml(name.text)}</text>`,
      ),
    );
    svg.push(
      `<line x1="${x}" y1="${headerTop + LANE_BOX_HEIGHT}" x2="${x}" y2="${layout.lifelineBottom}" stroke="#cbd5e1" stroke-dasharray="4 3"/>`,
    );
  });

  const serverX = layout.laneX[layout.laneX.length - 1] ?? 0;
  model.rows.forEach((row, index) => {
    const place = layout.rows[index];
    if (!place) return;
    const { y } = place;
    if (row.type === 'gap') {
      svg.push(
        `<rect x="4" y="${y - ROW_HEIGHT * 0.55}" width="${width - 8}" height="${ROW_HEIGHT * 0.7}" fill="#f8fafc" ` +
          `stroke="#94a3b8" stroke-dasharray="6 4"/>`,
      );
      svg.push(label(place.label, '#475569', { font: 'sans', italic: true }));
      return;
    }
    svg.push(
      `<text x="${TIME_COLUMN - 8}" y="${y}" text-anchor="end" font-family="${FONT_MONO}" font-size="10" fill="#64748b">` +
        `+${formatTime(row.t)}</text>`,
    );
    if (row.blockSize && row.blockSize > 1) svg.push(blockBracket(row, index, model, layout));
    const x = layout.laneX[row.lane] ?? serverX;
    svg.push(row.type === 'arrow' ? arrow(row, x, serverX, y) : symbol(row, x, y));
    svg.push(label(place.label, colour(row), { font: 'mono' }));
  });

  svg.push(legend(layout.legendY, width));
  svg.push('</svg>');
  return svg.join('\n') + '\n';
}

function titleText(layout: DiagramLayout): string {
  const { lines, baselines, countsOnOwnLine, full } = layout.title;
  const counts = (separator: string): string =>
    `<tspan fill="#64748b" font-size="12" font-weight="400">${separator}${escapeXml(layout.counts)}</tspan>`;
  const rows = lines.map((line, index) => {
    const last = index === lines.length - 1;
    return (
      `<text x="10" y="${baselines[index]}" font-size="14" fill="#1d2330"><tspan font-weight="600">${escapeXml(line)}</tspan>` +
      `${last && !countsOnOwnLine ? counts(' · ') : ''}</text>`
    );
  });
  if (countsOnOwnLine) rows.push(`<text x="10" y="${baselines[lines.length]}" font-size="14">${counts('')}</text>`);
  return withTooltip(full, rows.join('\n'));
}

function colour(event: DiagramEvent): string {
  return event.tone === 'data' && event.flow === 'in' ? INBOUND_DATA : TONE_COLOURS[event.tone];
}

function arrow(event: DiagramEvent, clientX: number, serverX: number, y: number): string {
  const [x1, x2] = event.flow === 'out' ? [clientX, serverX] : [serverX, clientX];
  const dashed = event.tone === 'connect' ? ' stroke-dasharray="3 3"' : '';
  const tip = event.tone === 'data' && event.flow === 'in' ? 'data-in' : event.tone;
  return (
    `<line x1="${x1}" y1="${y}" x2="${x2 + (x2 > x1 ? -2 : 2)}" y2="${y}" stroke="${colour(event)}" stroke-width="1.6"${dashed} ` +
    `marker-end="url(#tip-${tip})"/>`
  );
}

/** A symbol on the lane: a cross for errors, a bar for closes, a dot otherwise. */
function symbol(event: DiagramEvent, x: number, y: number): string {
  const stroke = colour(event);
  const symbolY = y - 4;
  if (event.tone === 'error') {
    return (
      `<path d="M${x - 5} ${symbolY - 5} L${x + 5} ${symbolY + 5} M${x + 5} ${symbolY - 5} L${x - 5} ${symbolY + 5}" ` +
      `stroke="${stroke}" stroke-width="2.4"/>`
    );
  }
  if (event.tone === 'close') return `<rect x="${x - 6}" y="${symbolY - 3}" width="12" height="6" fill="${stroke}"/>`;
  return `<circle cx="${x}" cy="${symbolY}" r="4" fill="${stroke}"/>`;
}

/** A label of one or more lines, on its background when it has one, with the whole text as a tooltip when cut. */
function label(place: LabelLayout, fill: string, style: { font: 'mono' | 'sans'; italic?: boolean }): string {
  const font = style.font === 'mono' ? ` font-family="${FONT_MONO}" font-size="11"` : '';
  const italic = style.italic ? ' font-style="italic"' : '';
  const [first = ''] = place.lines;
  const body =
    place.lines.length === 1
      ? escapeXml(first)
      : place.lines
          .map((line, index) => `<tspan x="${place.x}" y="${place.baselines[index]}">${escapeXml(line)}</tspan>`)
          .join('');
  const text =
    `<text x="${place.x}" y="${place.baselines[0]}" text-anchor="${place.anchor}"${font}${italic} fill="${fill}">` +
    `${body}</text>`;
  const box = place.background;
  if (!box) return withTooltip(place.full, text);
  const background =
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="3" fill="#f8fafc" ` +
    `fill-opacity="0.94" stroke="#e2e8f0"/>`;
  // One group, so the background visibly belongs to its text for anyone reading or testing the SVG.
  return withTooltip(place.full, `${background}\n${text}`, true);
}

/** Groups markup under a <title>, which browsers show on hover: the text a label had to cut stays readable there. */
function withTooltip(full: string | undefined, markup: string, group = false): string {
  if (full === undefined) return group ? `<g>\n${markup}\n</g>` : markup;
  return `<g><title>${escapeXml(full)}</title>\n${markup}\n</g>`;
}

/** A bracket left of the lanes spanning a folded block, with its repeat count. */
function blockBracket(first: DiagramEvent, index: number, model: DiagramModel, layout: DiagramLayout): string {
  let rows = 1;
  while (rows < (first.blockSize ?? 1) && model.rows[index + rows] && model.rows[index + rows]?.type !== 'gap') rows++;
  const top = layout.rows[index];
  const bottom = layout.rows[index + rows - 1];
  if (!top || !bottom) return '';
  const x = TIME_COLUMN - 2;
  const y1 = top.top + 2.4;
  const y2 = bottom.top + bottom.height - 2.4;
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

function formatTime(t: number): string {
  if (t < 1000) return `${t.toFixed(1)} ms`;
  return `${(t / 1000).toFixed(2)} s`;
}
