import { ClientError } from './errors';
import { isToken } from './header-rules';
import type { HandshakeResponse } from './types';

/** Largest response head (status line and headers) accepted before the answer is called malformed. */
export const MAX_RESPONSE_HEAD = 16 * 1024;

export type HeadResult =
  | { status: 'partial' }
  | { status: 'complete'; response: HandshakeResponse; rest: Buffer }
  | { status: 'error'; error: ClientError };

const STATUS_LINE = /^(HTTP\/\d\.\d) (\d{3})(?: ([^\r\n]*))?$/;
const HEAD_END = Buffer.from('\r\n\r\n');
const HTTP_PREFIX = 'HTTP/';

/** The start of what a server answered, quoted, for error messages. */
export function quoteReceived(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}...` : text);
}

function malformed(why: string, head: string): HeadResult {
  return {
    status: 'error',
    error: new ClientError({
      kind: 'handshake',
      code: 'bad-response',
      message: `malformed HTTP response: ${why}; received ${quoteReceived(head)}`,
    }),
  };
}

/** Index of the first LF that has no CR before it, or -1. */
function bareLineFeed(text: string): number {
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i === 0 || text[i - 1] !== '\r') return i;
  }
  return -1;
}

/**
 * Why the bytes so far can no longer begin a status line, judged before the head is complete, so that an
 * answer in another protocol fails at once instead of when the handshake times out.
 */
function impossibleStart(text: string): string | undefined {
  const start = text.slice(0, HTTP_PREFIX.length);
  if (!HTTP_PREFIX.startsWith(start)) {
    // A TLS record starts with its content type: 0x15 (alert) or 0x16 (handshake).
    const tls = text.charCodeAt(0) === 0x15 || text.charCodeAt(0) === 0x16;
    return `the answer does not begin with "HTTP/"${tls ? ' (it looks like TLS: is this a wss:// server?)' : ''}`;
  }
  const lineEnd = text.indexOf('\r\n');
  if (lineEnd !== -1 && !STATUS_LINE.test(text.slice(0, lineEnd))) return `bad status line ${JSON.stringify(text.slice(0, lineEnd))}`;
  return undefined;
}

function parseHead(head: string): HeadResult {
  const lines = head.slice(0, -4).split('\r\n');
  const status = STATUS_LINE.exec(lines[0]);
  if (!status) return malformed(`bad status line ${JSON.stringify(lines[0])}`, head);
  const headers: Array<[string, string]> = [];
  for (const line of lines.slice(1)) {
    if (line.startsWith(' ') || line.startsWith('\t')) return malformed('obsolete header line folding', head);
    const colon = line.indexOf(':');
    const name = colon === -1 ? '' : line.slice(0, colon);
    if (!isToken(name)) return malformed(`bad header line ${JSON.stringify(line)}`, head);
    headers.push([name, line.slice(colon + 1).trim()]);
  }
  return {
    status: 'complete',
    response: {
      httpVersion: status[1].slice('HTTP/'.length),
      statusCode: Number(status[2]),
      statusMessage: status[3] ?? '',
      headers,
      head,
    },
    rest: Buffer.alloc(0),
  };
}

/**
 * Reads an HTTP/1.1 response head from a byte stream fed in any chunking. Lines must end in CRLF: a server
 * under test that ends lines with a bare LF is reported, not tolerated.
 */
export class ResponseHeadReader {
  private buffered: Buffer = Buffer.alloc(0);
  private finished = false;

  constructor(private readonly maxHead = MAX_RESPONSE_HEAD) {}

  push(chunk: Buffer): HeadResult {
    if (this.finished) throw new Error('ResponseHeadReader: the head was already read');
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const end = this.buffered.indexOf(HEAD_END);
    const headBytes = end === -1 ? this.buffered : this.buffered.subarray(0, end + HEAD_END.length);
    const text = headBytes.toString('latin1');
    if (bareLineFeed(text) !== -1) return this.finish(malformed('a line ends in LF without CR', text));
    if (end === -1) {
      const impossible = impossibleStart(text);
      if (impossible !== undefined) return this.finish(malformed(impossible, text));
      if (this.buffered.length > this.maxHead) {
        return this.finish(malformed(`no end of head within ${this.maxHead} bytes`, text));
      }
      return { status: 'partial' };
    }
    if (headBytes.length > this.maxHead) return this.finish(malformed(`head longer than ${this.maxHead} bytes`, text));
    const result = parseHead(text);
    if (result.status === 'complete') result.rest = this.buffered.subarray(headBytes.length);
    return this.finish(result);
  }

  /** What has arrived of an unfinished head, as text (for a timeout or an early close). */
  get receivedText(): string {
    return this.buffered.toString('latin1');
  }

  private finish(result: HeadResult): HeadResult {
    this.finished = true;
    this.buffered = Buffer.alloc(0);
    return result;
  }
}
