import { negotiatePerMessageDeflate, type PerMessageDeflateTerms } from './deflate-negotiation';
import { ClientError } from './errors';
import { headerValues, splitList } from './header-rules';
import { expectedAccept } from './handshake-request';
import type { HandshakeRequest, HandshakeResponse } from './types';

export interface Negotiated {
  /** The subprotocol the server chose, if any. */
  protocol: string | undefined;
  /** The Sec-WebSocket-Extensions value(s) the server answered with, joined by ", ". */
  extensions: string | undefined;
  /** Names of the extensions in use, lower case. */
  extensionNames: string[];
  /** Present when the server accepted permessage-deflate: its messages may come compressed. */
  perMessageDeflate?: PerMessageDeflateTerms;
}

function reject(code: string, message: string, response: HandshakeResponse): ClientError {
  return new ClientError({ kind: 'handshake', code, message, response });
}

function extensionName(element: string): string {
  return element.split(';')[0].trim().toLowerCase();
}

/** The first value of a header that may appear at most once, and whether it was repeated. */
function singleValue(response: HandshakeResponse, name: string): { value?: string; repeated: boolean } {
  const values = headerValues(response.headers, name);
  return { value: values[0], repeated: values.length > 1 };
}

/**
 * Check the server's answer against what this client sent (RFC 6455 section 4.1, client requirements 1-6).
 * `key` is the Sec-WebSocket-Key that was actually sent. Offered subprotocols and extensions are read from
 * the request as sent, so a custom header that replaced the generated one is honoured.
 */
export function validateHandshakeResponse(
  request: HandshakeRequest,
  key: string,
  response: HandshakeResponse,
): Negotiated | ClientError {
  if (response.statusCode !== 101) {
    const reason = response.statusMessage ? ` ${response.statusMessage}` : '';
    return reject('bad-status', `expected status 101, got ${response.statusCode}${reason}`, response);
  }

  const upgrade = headerValues(response.headers, 'Upgrade');
  if (upgrade.length !== 1 || upgrade[0].toLowerCase() !== 'websocket') {
    const got = upgrade.length === 0 ? 'none' : JSON.stringify(upgrade.join(', '));
    return reject('bad-upgrade', `expected "Upgrade: websocket", got ${got}`, response);
  }

  const connection = headerValues(response.headers, 'Connection').flatMap(splitList);
  if (!connection.some((token) => token.toLowerCase() === 'upgrade')) {
    const got = connection.length === 0 ? 'none' : JSON.stringify(connection.join(', '));
    return reject('bad-connection', `expected a Connection header with the "upgrade" token, got ${got}`, response);
  }

  const accept = singleValue(response, 'Sec-WebSocket-Accept');
  const wanted = expectedAccept(key);
  if (accept.repeated || accept.value !== wanted) {
    const got = accept.value === undefined ? 'none' : JSON.stringify(headerValues(response.headers, 'Sec-WebSocket-Accept').join(', '));
    return reject('bad-accept', `expected Sec-WebSocket-Accept "${wanted}" for key "${key}", got ${got}`, response);
  }

  const offeredProtocols = headerValues(request.headers, 'Sec-WebSocket-Protocol').flatMap(splitList);
  const chosen = singleValue(response, 'Sec-WebSocket-Protocol');
  if (chosen.repeated) return reject('bad-subprotocol', 'Sec-WebSocket-Protocol appears more than once', response);
  if (chosen.value !== undefined) {
    if (offeredProtocols.length === 0) {
      return reject('bad-subprotocol', `server chose subprotocol "${chosen.value}" but none was offered`, response);
    }
    if (!offeredProtocols.includes(chosen.value)) {
      return reject(
        'bad-subprotocol',
        `server chose subprotocol "${chosen.value}", not one of those offered (${offeredProtocols.join(', ')})`,
        response,
      );
    }
  }

  const offeredElements = headerValues(request.headers, 'Sec-WebSocket-Extensions').flatMap(splitList);
  const offeredExtensions = new Set(offeredElements.map(extensionName));
  const answered = headerValues(response.headers, 'Sec-WebSocket-Extensions');
  const answeredElements = answered.flatMap(splitList);
  const answeredNames = answeredElements.map(extensionName);
  const unoffered = answeredNames.filter((name) => !offeredExtensions.has(name));
  if (unoffered.length > 0) {
    return reject('bad-extension', `server answered with extension(s) not offered: ${unoffered.join(', ')}`, response);
  }
  const duplicated = answeredNames.find((name, index) => answeredNames.indexOf(name) !== index);
  if (duplicated !== undefined) {
    return reject('bad-extension', `server answered with extension "${duplicated}" more than once`, response);
  }
  const deflateAnswer = answeredElements.find((element) => extensionName(element) === 'permessage-deflate');
  let perMessageDeflate: PerMessageDeflateTerms | undefined;
  if (deflateAnswer !== undefined) {
    const offers = offeredElements.filter((element) => extensionName(element) === 'permessage-deflate');
    const terms = negotiatePerMessageDeflate(offers, deflateAnswer);
    if (typeof terms === 'string') return reject('bad-extension', terms, response);
    perMessageDeflate = terms;
  }

  return {
    protocol: chosen.value,
    extensions: answered.length > 0 ? answered.join(', ') : undefined,
    extensionNames: answeredNames,
    ...(perMessageDeflate ? { perMessageDeflate } : {}),
  };
}
