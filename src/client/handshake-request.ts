import { formatDeflateOffer } from './deflate-negotiation';
import { createHash, randomBytes } from 'node:crypto';
import { WEBSOCKET_GUID } from '../protocol/constants';
import type { ClientError } from './errors';
import { checkHeader, headerPairs, headerValues } from './header-rules';
import type { ClientOptions, HandshakeRequest } from './types';
import type { WebSocketTarget } from './url';

export interface BuiltRequest {
  request: HandshakeRequest;
  /** The Sec-WebSocket-Key the server must answer to: ours, or the one a custom header put in its place. */
  key: string;
}

/** A fresh random 16-byte nonce, base64 encoded (RFC 6455 section 4.1, item 7). */
export function generateKey(): string {
  return randomBytes(16).toString('base64');
}

/** The Sec-WebSocket-Accept a server must send for this key (RFC 6455 section 4.2.2). */
export function expectedAccept(key: string): string {
  return createHash('sha1').update(key + WEBSOCKET_GUID).digest('base64');
}

type RequestOptions = Pick<ClientOptions, 'headers' | 'omitHeaders' | 'origin' | 'protocols' | 'extensions' | 'perMessageDeflate'>;

/** Every extension element offered: those given as they are, then the permessage-deflate offers in order. */
export function offeredExtensions(options: Pick<ClientOptions, 'extensions' | 'perMessageDeflate'>): string[] {
  const offers = options.perMessageDeflate;
  const deflate = offers === undefined || offers === false ? [] : offers === true ? [{}] : Array.isArray(offers) ? offers : [offers];
  return [...(options.extensions ?? []), ...deflate.map(formatDeflateOffer)];
}

function generatedHeaders(target: WebSocketTarget, options: RequestOptions, key: string): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ['Host', target.hostHeader],
    ['Upgrade', 'websocket'],
    ['Connection', 'Upgrade'],
    ['Sec-WebSocket-Key', key],
    ['Sec-WebSocket-Version', '13'],
  ];
  if (options.origin !== undefined) headers.push(['Origin', options.origin]);
  if (options.protocols?.length) headers.push(['Sec-WebSocket-Protocol', options.protocols.join(', ')]);
  const extensions = offeredExtensions(options);
  if (extensions.length) headers.push(['Sec-WebSocket-Extensions', extensions.join(', ')]);
  if (target.username !== undefined) {
    const credentials = Buffer.from(`${target.username}:${target.password ?? ''}`).toString('base64');
    headers.push(['Authorization', `Basic ${credentials}`]);
  }
  return headers;
}

/**
 * Merge custom headers into the generated ones. A custom header whose name matches a generated one
 * (case-insensitively) takes that header's place, with all its repetitions; other custom headers follow
 * in the order given. Names in omitHeaders are dropped from the generated set.
 */
function mergeHeaders(
  generated: Array<[string, string]>,
  custom: Array<[string, string]>,
  omit: string[],
): Array<[string, string]> {
  const customNames = new Set(custom.map(([name]) => name.toLowerCase()));
  const omitted = new Set(omit.map((name) => name.toLowerCase()));
  const placed = new Set<string>();
  const merged: Array<[string, string]> = [];
  for (const header of generated) {
    const lower = header[0].toLowerCase();
    if (customNames.has(lower)) {
      merged.push(...custom.filter(([name]) => name.toLowerCase() === lower));
      placed.add(lower);
    } else if (!omitted.has(lower)) {
      merged.push(header);
    }
  }
  merged.push(...custom.filter(([name]) => !placed.has(name.toLowerCase())));
  return merged;
}

/**
 * Build the opening handshake request (RFC 6455 section 4.1). Returns a 'usage'/'invalid-header' error
 * when a header could break the request's framing; nothing is sent in that case.
 */
export function buildHandshakeRequest(
  target: WebSocketTarget,
  options: RequestOptions,
  key: string = generateKey(),
): BuiltRequest | ClientError {
  const custom = headerPairs(options.headers);
  const userValues: Array<[string, string]> = [...custom];
  if (options.origin !== undefined) userValues.push(['Origin', options.origin]);
  for (const protocol of options.protocols ?? []) userValues.push(['Sec-WebSocket-Protocol', protocol]);
  for (const extension of offeredExtensions(options)) userValues.push(['Sec-WebSocket-Extensions', extension]);
  for (const [name, value] of userValues) {
    const problem = checkHeader(name, value);
    if (problem) return problem;
  }

  const headers = mergeHeaders(generatedHeaders(target, options, key), custom, options.omitHeaders ?? []);
  const head =
    `GET ${target.resourceName} HTTP/1.1\r\n` + headers.map(([name, value]) => `${name}: ${value}\r\n`).join('') + '\r\n';
  const sentKey = headerValues(headers, 'Sec-WebSocket-Key')[0];
  return {
    request: { method: 'GET', path: target.resourceName, headers, head },
    key: sentKey === undefined ? key : sentKey.trim(),
  };
}
