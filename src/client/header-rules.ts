import { ClientError } from './errors';

/** RFC 9110 section 5.6.2 token characters. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Characters that would end or split a header line; never allowed, so a request cannot be smuggled. */
const LINE_BREAKING = /[\r\n\0]/;

export function isToken(text: string): boolean {
  return TOKEN.test(text);
}

function invalidHeader(message: string): ClientError {
  return new ClientError({ kind: 'usage', code: 'invalid-header', message });
}

/** Check one header field as the user gave it; returns the error to report, if any. */
export function checkHeader(name: string, value: string): ClientError | undefined {
  if (!isToken(name)) return invalidHeader(`header name ${JSON.stringify(name)} is not an HTTP token`);
  if (LINE_BREAKING.test(value)) {
    return invalidHeader(`header ${name} has a CR, LF or NUL in its value ${JSON.stringify(value)}`);
  }
  return undefined;
}

/** Accept both header shapes of ClientOptions and give them as ordered pairs. */
export function headerPairs(headers: Array<[string, string]> | Record<string, string> | undefined): Array<[string, string]> {
  if (headers === undefined) return [];
  if (Array.isArray(headers)) return headers.map(([name, value]) => [String(name), String(value)]);
  return Object.entries(headers).map(([name, value]) => [name, String(value)]);
}

/** Split a comma-separated header value into trimmed, non-empty elements, honouring quoted strings. */
export function splitList(value: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quoted && ch === '\\' && i + 1 < value.length) {
      current += ch + value[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      items.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/** All values of a header (case-insensitive name), in order. */
export function headerValues(headers: Array<[string, string]>, name: string): string[] {
  const wanted = name.toLowerCase();
  return headers.filter(([n]) => n.toLowerCase() === wanted).map(([, v]) => v);
}
