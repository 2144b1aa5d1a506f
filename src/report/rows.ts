import { chronological } from './chronological';
import { FrameTracker, formatBytes, frameBits, frameLength, framePreview } from './frames';
import { previewPayload } from './preview';
import type { Redactor } from '../secrets/redact';
import { formatMs } from './timings';
import type { OmittedEntries, TranscriptEntry } from '../transcript/transcript';

/** Which way an event goes: client to server, server to client, or an event on the actor's own lane. */
export type RowFlow = 'out' | 'in' | 'local';

/** What kind of event a row is; renderers colour by it. */
export type RowTone = 'connect' | 'handshake' | 'data' | 'control' | 'close' | 'error' | 'info';

/** One transcript entry, described for people; every string in it is already redacted. */
export interface TranscriptRow {
  t: number;
  actor: string;
  flow: RowFlow;
  tone: RowTone;
  /** The event in a few words: "text", "GET /chat HTTP/1.1", "error pong-timeout". */
  summary: string;
  /** Frames only: header bits, length and payload preview. */
  bits?: string;
  length?: string;
  preview?: string;
  /** Further lines: handshake headers, error messages, response bodies. */
  details: string[];
  isFrame: boolean;
  /** Shown even where a long transcript is cut short: errors, closes, reconnects, notes of that weight. */
  pinned?: boolean;
  /** The row stands for events a capped transcript counted but did not keep. */
  notKept?: { events: number; frames: number };
}

export interface RowOptions {
  redactor: Redactor;
  /** Characters (or hex bytes) of payload shown per frame. */
  previewLimit: number;
  /** Text payloads without quotes (see PreviewOptions.unquoted). */
  unquotedText?: boolean;
  /** The actor name the embedded mock server reports its own events under. */
  serverActor?: string;
  /**
   * Which rows (by index in time order) will be shown. The others get no payload preview or header
   * lines, which are the costly part of a long transcript that will be cut anyway. Default: all.
   */
  shown?: (index: number) => boolean;
}

/** Describes every entry of a transcript, in order, with fragmentation followed per client. */
export function transcriptRows(entries: readonly TranscriptEntry[], options: RowOptions): TranscriptRow[] {
  const tracker = new FrameTracker();
  const serverActor = options.serverActor ?? 'server';
  const text = (value: string): string => (options.redactor ? options.redactor.text(value) : value);
  const previewOptions = { limit: options.previewLimit, redactor: options.redactor, unquoted: options.unquotedText };
  const headerLines = (headers: Array<[string, string]>): string[] =>
    headers.map(([name, value]) => `${name}: ${options.redactor ? options.redactor.headerValue(name, value) : value}`);

  return chronological(entries).map((entry, index): TranscriptRow => {
    const shown = options.shown?.(index) ?? true;
    const base = { t: entry.t, actor: entry.actor, details: [] as string[], isFrame: false };
    const serverSide = entry.actor === serverActor;
    switch (entry.kind) {
      case 'tcp-connect':
        tracker.reset(entry.actor);
        return {
          ...base,
          flow: serverSide ? 'local' : 'out',
          tone: 'connect',
          summary: `TCP connected to ${entry.remote}` + (entry.elapsedMs !== undefined ? ` (after ${formatMs(entry.elapsedMs)})` : ''),
        };
      case 'handshake-request': {
        const { request } = entry;
        return {
          ...base,
          flow: serverSide ? 'local' : 'out',
          tone: 'handshake',
          // The head's first line is what went on the wire, even when a scenario broke it on purpose.
          summary: text(firstLine(request.head) || `${request.method} ${request.path} HTTP/1.1`),
          details: shown ? headerLines(request.headers) : [],
        };
      }
      case 'handshake-response': {
        const { response } = entry;
        const details = shown ? headerLines(response.headers) : [];
        if (shown && response.body && response.body.length > 0) {
          details.push(`body (${response.body.length} B): ${previewPayload(response.body, 'auto', previewOptions)}`);
        }
        return {
          ...base,
          flow: serverSide ? 'local' : 'in',
          tone: response.statusCode === 101 ? 'handshake' : 'error',
          summary: text(
            (firstLine(response.head) || `HTTP/${response.httpVersion} ${response.statusCode} ${response.statusMessage}`) +
              (Number.isFinite(entry.elapsedMs) ? ` (after ${formatMs(entry.elapsedMs)})` : ''),
          ),
          details,
        };
      }
      case 'frame': {
        const facts = tracker.observe(entry);
        const flow: RowFlow = serverSide ? 'local' : entry.direction;
        return {
          ...base,
          flow,
          tone: entry.rejected ? 'error' : facts.opcode === 8 ? 'close' : facts.control ? 'control' : 'data',
          summary: serverSide ? `${entry.direction === 'out' ? 'sent' : 'received'} ${facts.label}` : facts.label,
          bits: frameBits(facts),
          length: frameLength(facts),
          preview: shown ? withMark(frameMark(entry), framePreview(facts, previewOptions)) : undefined,
          isFrame: true,
        };
      }
      case 'error': {
        const [first = '', ...rest] = text(entry.message).split(/\r?\n/);
        return {
          ...base,
          flow: 'local',
          tone: 'error',
          pinned: true,
          summary: `error ${entry.code}${first ? `: ${first}` : ''}`,
          details: rest,
        };
      }
      case 'close':
        tracker.reset(entry.actor);
        return {
          ...base,
          flow: 'local',
          tone: entry.clean ? 'close' : 'error',
          pinned: true,
          summary:
            `closed ${entry.code}` +
            (entry.reason ? ` "${text(entry.reason)}"` : '') +
            `, initiated by ${entry.initiatedBy}, ${entry.clean ? 'clean' : 'not clean'}`,
        };
      case 'reconnect':
        tracker.reset(entry.actor);
        return {
          ...base,
          flow: 'local',
          tone: 'info',
          pinned: true,
          summary: `reconnect attempt ${entry.attempt} after ${formatMs(entry.delayMs)}`,
        };
      case 'note':
        return { ...base, flow: 'local', tone: 'info', summary: text(entry.text), ...(entry.keep ? { pinned: true } : {}) };
      case 'omitted':
        return {
          ...base,
          actor: '',
          flow: 'local',
          tone: 'info',
          pinned: true,
          summary: omittedSummary(entry),
          notKept: { events: entry.entries, frames: entry.frames.in + entry.frames.out },
        };
    }
  });
}

/**
 * "… 48,213 events not kept (48,000 frames: 48,000 in, 0 out, 96 KiB) until +2.95 s …": what a capped
 * transcript counted instead of keeping.
 */
export function omittedSummary(entry: OmittedEntries): string {
  const frames = entry.frames.in + entry.frames.out;
  const bytes = formatBytes(entry.bytes.in + entry.bytes.out);
  return (
    `… ${entry.entries.toLocaleString('en')} events not kept (transcript limit), ` +
    `${frames.toLocaleString('en')} frames among them: ${entry.frames.in.toLocaleString('en')} in, ${entry.frames.out.toLocaleString('en')} out, ${bytes}; ` +
    `until +${entry.untilT.toFixed(2)} ms …`
  );
}

/** "(rejected: WSBDD_ERR_...)" or "(ignored: after close)": a received frame the client did not take in. */
export function frameMark(entry: { rejected?: string; ignored?: string }): string {
  if (entry.rejected) return `(rejected: ${entry.rejected})`;
  return entry.ignored ? `(ignored: ${entry.ignored.replace(/-/g, ' ')})` : '';
}

function withMark(mark: string, preview: string): string {
  return mark && preview ? `${mark}  ${preview}` : mark || preview;
}

function firstLine(head: string | undefined): string {
  return (head ?? '').split(/\r?\n/, 1)[0]?.trim() ?? '';
}
