import { byteCount } from './plural';
import { parseDeflateParameters, elementParameters } from '../client/deflate-negotiation';
import { assertConnected } from './connecting';
import { clientContext } from './describe';
import { assertionFailed, badArgument } from './errors';
import type { NamedClient } from './named-client';
import { sendOrFail } from './sending';

/** Adds a permessage-deflate offer after those already made: offers go in the order of the steps. */
export function offerDeflate(named: NamedClient, parameters = ''): void {
  named.assertConfigurable('its permessage-deflate offers');
  const offer = parseDeflateParameters(parameters);
  if (typeof offer === 'string') throw badArgument(offer);
  (named.setup.deflateOffers ??= []).push(offer);
}

function negotiatedTerms(named: NamedClient) {
  assertConnected(named);
  return named.watchedConnection?.open.perMessageDeflate;
}

function offered(named: NamedClient): string {
  const header = named.client?.request?.headers.filter(([name]) => name.toLowerCase() === 'sec-websocket-extensions');
  return header && header.length > 0 ? header.map(([, value]) => value).join(', ') : 'nothing';
}

/**
 * The server accepted permessage-deflate, and (when parameters are given) its answer carries each of
 * them with the same value (client_max_window_bits without one: with any value); the answer may carry more.
 */
export function assertNegotiatedDeflate(named: NamedClient, parameters?: string): void {
  const terms = negotiatedTerms(named);
  if (!terms) {
    const answer = named.client?.response?.headers.find(([name]) => name.toLowerCase() === 'sec-websocket-extensions')?.[1];
    throw assertionFailed(
      `"${named.name}" did not negotiate permessage-deflate: the server answered ${answer === undefined ? 'no Sec-WebSocket-Extensions' : `"${answer}"`} to the offer "${offered(named)}"`,
    );
  }
  if (parameters === undefined) return;
  const wanted = parseDeflateParameters(parameters);
  if (typeof wanted === 'string') throw badArgument(wanted);
  const answered = new Map(terms.parameters.map((p) => elementParameters(`x; ${p}`)[0]).map((p) => [p.name, p.value]));
  // client_max_window_bits written without a value asks only that the server set one (any from 8 to 15).
  const anyValue = (p: { name: string; value: string | undefined }) => p.name === 'client_max_window_bits' && p.value === undefined;
  const missing = elementParameters(`x; ${parameters}`).filter((p) => !answered.has(p.name) || (!anyValue(p) && answered.get(p.name) !== p.value));
  if (missing.length > 0) {
    const shown = missing.map((p) => (p.value === undefined ? p.name : `${p.name}=${p.value}`)).join('; ');
    throw assertionFailed(
      `"${named.name}" negotiated permessage-deflate without ${shown}: the server answered "${['permessage-deflate', ...terms.parameters].join('; ')}"`,
      { expected: parameters, actual: terms.parameters.join('; ') },
    );
  }
}

/** The server did not accept permessage-deflate (it answered without it). */
export function assertNotNegotiatedDeflate(named: NamedClient): void {
  const terms = negotiatedTerms(named);
  if (terms) throw assertionFailed(`"${named.name}" negotiated permessage-deflate: "${['permessage-deflate', ...terms.parameters].join('; ')}"`);
}

/** Sends a message with RSV1 clear, as RFC 7692 allows at any time, in the client's default frame type. */
export function sendUncompressed(named: NamedClient, text: string): void {
  sendOrFail(named, `${JSON.stringify(text)} uncompressed`, (client) => client.send(text, { compress: false }));
}

/** The most recent message that arrived came compressed (or, with `compressed` false, did not). */
export function assertLastMessageCompressed(named: NamedClient, compressed: boolean): void {
  const last = named.inbox.lastMessage;
  if (!last) throw assertionFailed(`"${named.name}" has received no message yet\n${clientContext(named, { unconsumed: false })}`);
  const was = last.compressedLength !== undefined;
  if (was === compressed) return;
  const how = was ? `compressed (${byteCount(last.compressedLength ?? 0)} on the wire, ${last.data.length} inflated)` : `uncompressed (RSV1 clear, ${byteCount(last.data.length)})`;
  const terms = named.watchedConnection?.open.perMessageDeflate;
  const context = terms ? '' : ' (permessage-deflate was not negotiated)';
  throw assertionFailed(`the last message "${named.name}" received came ${how}, expected it ${compressed ? '' : 'not '}compressed${context}`);
}
