import { isIP } from 'node:net';
import { ClientError } from './errors';

/** Where to connect and what to put in the request line and Host header. */
export interface WebSocketTarget {
  secure: boolean;
  /** Host name or IP literal as handed to the resolver (no brackets around IPv6). */
  hostname: string;
  port: number;
  /** path?query for the request line; "/" when the URL has no path. */
  resourceName: string;
  /** Host header value: brackets for IPv6, ":port" only when the port is not the scheme's default. */
  hostHeader: string;
  /** Userinfo from the URL, sent as Basic authorization. */
  username?: string;
  password?: string;
}

/** The first control character (C0 or DEL) in the text, written as it reads in a message, or undefined. */
export function controlCharacterIn(text: string): string | undefined {
  const match = /[\u0000-\u001f\u007f]/.exec(text);
  if (!match) return undefined;
  const char = match[0];
  const named: Record<string, string> = { '\r': 'CR (\\r)', '\n': 'LF (\\n)', '\t': 'TAB (\\t)' };
  return named[char] ?? `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const DEFAULT_PORTS: Record<string, number> = { 'ws:': 80, 'wss:': 443 };

function invalid(url: string, why: string): ClientError {
  return new ClientError({ kind: 'usage', code: 'invalid-url', message: `invalid WebSocket URL "${url}": ${why}` });
}

/** Parse a ws:// or wss:// URL (RFC 6455 section 3). Returns a 'usage'/'invalid-url' error instead of throwing. */
export function parseWebSocketUrl(url: string): WebSocketTarget | ClientError {
  // The URL parser strips tabs and line breaks (and trims control characters), so "ws://a\r\n.b/" would
  // quietly connect somewhere else: such a URL is refused instead.
  const control = controlCharacterIn(url);
  if (control !== undefined) return invalid(JSON.stringify(url).slice(1, -1), `it contains the control character ${control}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return invalid(url, 'not a URL');
  }
  const defaultPort = DEFAULT_PORTS[parsed.protocol];
  if (defaultPort === undefined) return invalid(url, `scheme must be ws: or wss:, not ${parsed.protocol}`);
  if (parsed.hostname === '') return invalid(url, 'no host');
  // RFC 6455 section 3: fragment identifiers are meaningless in WebSocket URIs and must not be used.
  if (parsed.hash !== '' || url.includes('#')) return invalid(url, 'fragment identifiers are not allowed');

  const hostname = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  const port = parsed.port === '' ? defaultPort : Number(parsed.port);
  const bracketed = isIP(hostname) === 6 ? `[${hostname}]` : hostname;
  const target: WebSocketTarget = {
    secure: parsed.protocol === 'wss:',
    hostname,
    port,
    resourceName: (parsed.pathname === '' ? '/' : parsed.pathname) + parsed.search,
    hostHeader: port === defaultPort ? bracketed : `${bracketed}:${port}`,
  };
  if (parsed.username !== '' || parsed.password !== '') {
    target.username = decodeURIComponent(parsed.username);
    target.password = decodeURIComponent(parsed.password);
  }
  return target;
}
