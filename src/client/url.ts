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

const DEFAULT_PORTS: Record<string, number> = { 'ws:': 80, 'wss:': 443 };

function invalid(url: string, why: string): ClientError {
  return new ClientError({ kind: 'usage', code: 'invalid-url', message: `invalid WebSocket URL "${url}": ${why}` });
}

/** Parse a ws:// or wss:// URL (RFC 6455 section 3). Returns a 'usage'/'invalid-url' error instead of throwing. */
export function parseWebSocketUrl(url: string): WebSocketTarget | ClientError {
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
