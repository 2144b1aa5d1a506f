import { urlPasswordRanges, urlPasswords } from './url-passwords';

/** Headers whose values never appear in a report, whatever the user configures. */
export const DEFAULT_SECRET_HEADERS: readonly string[] = ['authorization', 'cookie', 'set-cookie', 'proxy-authorization'];

export const REDACTED = '[redacted]';

/**
 * Shortest secret value masked inside free text (payloads, error messages). Masking shorter values would
 * blank out ordinary words and numbers all over a report; in header position a value is always masked whole.
 */
export const MIN_MASKED_LENGTH = 4;

/** Splits a comma-separated list of header names, as given in WSBDD_SECRET_HEADERS. */
export function parseHeaderList(list: string | undefined): string[] {
  if (!list) return [];
  return list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

/**
 * Knows which headers are secret and which secret values a scenario has used, and masks both wherever
 * they would be written: header lists, raw request heads, free text and payload bytes.
 */
export class Redactor {
  private readonly headerNames = new Set<string>();
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;
  private byteValues: Buffer[] | undefined;

  constructor(extraSecretHeaders: Iterable<string> = []) {
    for (const name of DEFAULT_SECRET_HEADERS) this.headerNames.add(name);
    for (const name of extraSecretHeaders) this.headerNames.add(name.trim().toLowerCase());
  }

  get secretHeaderNames(): string[] {
    return [...this.headerNames];
  }

  /** The secret values known so far, to share with the run's formatters (src/secrets/secret-channel.ts). */
  get secretValues(): readonly string[] {
    return [...this.values];
  }

  /** How many secret values are known; tests and diagnostics only. */
  get knownValueCount(): number {
    return this.values.size;
  }

  isSecretHeader(name: string): boolean {
    return this.headerNames.has(name.trim().toLowerCase());
  }

  /** Remember a secret value so that it is masked in free text too. */
  addSecretValue(value: string): void {
    const trimmed = value.trim();
    if (trimmed.length < MIN_MASKED_LENGTH || this.values.has(trimmed)) return;
    this.values.add(trimmed);
    this.pattern = undefined;
    this.byteValues = undefined;
  }

  /** Learn the secret values among these headers: the whole value and the parts an attacker could reuse. */
  learnHeaders(headers: Iterable<readonly [string, string]>): void {
    for (const [name, value] of headers) {
      if (!this.isSecretHeader(name)) continue;
      this.addSecretValue(value);
      for (const part of secretParts(name.toLowerCase(), value)) this.addSecretValue(part);
    }
  }

  /** Learn secrets from a raw HTTP head ("Name: value" lines). */
  learnHead(head: string): void {
    this.learnHeaders(parseHeadLines(head));
  }

  headerValue(name: string, value: string): string {
    return this.isSecretHeader(name) ? REDACTED : this.text(value);
  }

  headers(headers: Iterable<readonly [string, string]>): Array<[string, string]> {
    return [...headers].map(([name, value]) => [name, this.headerValue(name, value)]);
  }

  /** A raw HTTP head with every secret header's value masked, line structure kept. */
  head(head: string): string {
    const lines = head.split(/\r?\n/).map((line) => {
      const colon = line.indexOf(':');
      if (colon > 0 && this.isSecretHeader(line.slice(0, colon))) return `${line.slice(0, colon)}: ${REDACTED}`;
      return line;
    });
    return this.text(lines.join('\n'));
  }

  /** Learn the passwords of the URLs in this text (`ws://user:password@host`), so they are masked on their own too. */
  learnUrls(text: string): void {
    for (const password of urlPasswords(text)) this.addSecretValue(password);
  }

  /** Masks every known secret value, and the password of every URL, inside free text. */
  text(text: string): string {
    const ranges = this.textRanges(text);
    if (ranges.length === 0) return text;
    let masked = '';
    let from = 0;
    for (const [start, end] of ranges) {
      masked += text.slice(from, start) + REDACTED;
      from = end;
    }
    return masked + text.slice(from);
  }

  /**
   * The ranges [start, end) of `text` that text() replaces, merged and in order: what a consumer of
   * offsets into the original text needs to move them onto the masked one.
   */
  textRanges(text: string): Array<[number, number]> {
    if (text.length === 0) return [];
    const ranges = urlPasswordRanges(text);
    if (this.values.size > 0) {
      for (const match of text.matchAll(this.textPattern())) ranges.push([match.index, match.index + match[0].length]);
    }
    return mergeRanges(ranges);
  }

  private textPattern(): RegExp {
    // Longest first, so that a secret containing another is masked whole.
    this.pattern ??= new RegExp(
      [...this.values]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      'g',
    );
    return this.pattern;
  }

  /** Byte ranges [start, end) of `bytes` that hold a known secret, merged and in order. */
  secretRanges(bytes: Buffer): Array<[number, number]> {
    if (this.values.size === 0) return [];
    this.byteValues ??= [...this.values].map((value) => Buffer.from(value, 'utf8'));
    const ranges: Array<[number, number]> = [];
    for (const needle of this.byteValues) {
      let from = 0;
      for (;;) {
        const at = bytes.indexOf(needle, from);
        if (at < 0) break;
        ranges.push([at, at + needle.length]);
        from = at + 1;
      }
    }
    return mergeRanges(ranges);
  }

  /** The longest known secret in bytes: how far past a preview window a secret could reach. */
  get longestSecretBytes(): number {
    let longest = 0;
    for (const value of this.values) longest = Math.max(longest, Buffer.byteLength(value));
    return longest;
  }
}

/** Parts of a secret header value that are secrets on their own (cookie values, bearer tokens, basic passwords). */
function secretParts(name: string, value: string): string[] {
  const parts: string[] = [];
  if (name === 'cookie' || name === 'set-cookie') {
    // Set-Cookie carries one cookie followed by attributes; Cookie carries several pairs.
    const pairs = name === 'cookie' ? value.split(';') : [value.split(';')[0] ?? ''];
    for (const pair of pairs) {
      const trimmed = pair.trim();
      parts.push(trimmed);
      const eq = trimmed.indexOf('=');
      if (eq >= 0) parts.push(trimmed.slice(eq + 1));
    }
    return parts;
  }
  if (name === 'authorization' || name === 'proxy-authorization') {
    const match = /^\s*(\S+)\s+(.+)$/.exec(value);
    if (match) {
      const [, scheme = '', credentials = ''] = match;
      parts.push(credentials.trim());
      if (scheme.toLowerCase() === 'basic') {
        const decoded = Buffer.from(credentials.trim(), 'base64').toString('utf8');
        parts.push(decoded);
        const colon = decoded.indexOf(':');
        if (colon >= 0) parts.push(decoded.slice(colon + 1));
      }
    }
  }
  return parts;
}

function parseHeadLines(head: string): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith(' ')) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return headers;
}

/** Ranges sorted by start, overlapping ones joined. */
function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
