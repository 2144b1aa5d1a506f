import { FRAME_BITS_LEGEND } from './frames';
import { escapeXml } from './html-escape';
import { overviewLines, transcriptOverview } from './overview';
import { transcriptRows, type TranscriptRow } from './rows';
import { DEFAULT_MAX_ENTRIES, DEFAULT_TEXT_PREVIEW, elide, keptByElide, type TranscriptTextOptions } from './transcript-text';
import type { TranscriptEntry } from '../transcript/transcript';

const ARROWS: Record<TranscriptRow['flow'], string> = { out: '→', in: '←', local: '' };

const STYLE = `
body{font:13px/1.4 system-ui,sans-serif;margin:12px;color:#1d2330}
h1{font-size:15px;margin:0 0 4px}
p.meta{margin:0;color:#4a5568}
table{border-collapse:collapse;margin-top:10px;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
th,td{border-bottom:1px solid #e2e8f0;padding:2px 8px;text-align:left;vertical-align:top;white-space:pre-wrap}
th{background:#f1f5f9}
td.t{text-align:right;color:#64748b}
tr.error td{background:#fde8e8}
tr.close td{background:#fdf3e1}
tr.control td{color:#475569}
tr.handshake td{background:#eef5ff}
tr.omitted td{text-align:center;color:#64748b;font-style:italic}
td.details{color:#475569}
`;

/** The wire transcript as a small standalone HTML page: overview, then a table with one row per event. */
export function renderTranscriptHtml(entries: readonly TranscriptEntry[], options: TranscriptTextOptions): string {
  const serverActor = options.serverActor ?? 'server';
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const rows = transcriptRows(entries, {
    redactor: options.redactor,
    previewLimit: options.previewLimit ?? DEFAULT_TEXT_PREVIEW,
    serverActor,
    shown: keptByElide(entries.length, maxEntries),
  });
  const overview = transcriptOverview(entries, serverActor);
  const title = options.title ? `Wire transcript: ${options.title}` : 'Wire transcript';
  const body: string[] = [
    `<h1>${escapeXml(title)}</h1>`,
    ...[...overviewLines(overview), FRAME_BITS_LEGEND].map((line) => `<p class="meta">${escapeXml(line)}</p>`),
    '<table>',
    '<thead><tr><th>time</th><th>client</th><th></th><th>event</th><th>bits</th><th>length</th><th>payload / details</th></tr></thead>',
    '<tbody>',
  ];
  for (const item of elide(rows, maxEntries)) {
    if ('omitted' in item) {
      body.push(`<tr class="omitted"><td colspan="7">… ${item.omitted} more events (${item.frames} frames) left out …</td></tr>`);
      continue;
    }
    const row = item;
    const details = row.isFrame ? (row.preview ?? '') : row.details.join('\n');
    body.push(
      `<tr class="${row.tone}">` +
        `<td class="t">+${row.t.toFixed(2)} ms</td>` +
        `<td>${escapeXml(row.actor)}</td>` +
        `<td>${ARROWS[row.flow]}</td>` +
        `<td>${escapeXml(row.summary)}</td>` +
        `<td>${escapeXml(row.bits ?? '')}</td>` +
        `<td>${escapeXml(row.length ?? '')}</td>` +
        `<td class="details">${escapeXml(details)}</td>` +
        '</tr>',
    );
  }
  body.push('</tbody></table>');
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>` +
    `<style>${STYLE}</style></head><body>\n${body.join('\n')}\n</body></html>\n`
  );
}
