import type { ClientError } from '../client/errors';
import { headerValues } from '../client/header-rules';
import type { WsWorld } from '../world';
import { noteNonStrict, observe } from './observing';
import { describeError } from '../world/describe';
import { assertionFailed, StepError, StepErrorCode } from '../world/errors';
import type { NamedClient } from '../world/named-client';

function lastAttempt(named: NamedClient) {
  const last = named.lastAttempt;
  if (!last) throw new StepError(StepErrorCode.Usage, `"${named.name}" has not tried to connect yet (use: When "${named.name}" tries to connect)`);
  return last;
}

/** The handshake was refused with a 4xx status (RFC 6455 4.2.1: "an appropriate error code such as 400"). */
export function expectRefusedWith4xx(named: NamedClient): void {
  const last = lastAttempt(named);
  if (last.ok) {
    throw assertionFailed(`"${named.name}" connected (HTTP ${last.open.response.statusCode}), but was expected to be refused with a 4xx status`);
  }
  const status = last.error.response?.statusCode;
  if (status === undefined || status < 400 || status > 499) {
    const answer = status === undefined ? 'no HTTP answer' : `status ${status}`;
    throw assertionFailed(`"${named.name}" failed to connect with ${answer} (${describeError(last.error)}), expected a 4xx status`);
  }
}

export function expectResponseWithoutHeader(named: NamedClient, name: string): void {
  const response = named.client?.response;
  if (!response) throw assertionFailed(`"${named.name}" has no handshake response`);
  const values = response.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
  if (values.length > 0) {
    throw assertionFailed(`the handshake response of "${named.name}" has ${name}: ${values.join(', ')}, expected no ${name} header`);
  }
}

/**
 * The server chose a subprotocol from those offered, or none, or refused the handshake with a 4xx
 * status (a server may refuse clients whose subprotocols it does not speak). Our client already
 * refuses an answer naming a subprotocol that was not offered (bad-subprotocol).
 */
export function expectNoUnofferedSubprotocol(named: NamedClient): void {
  const last = lastAttempt(named);
  const offered = named.setup.protocols ?? [];
  if (last.ok) {
    const chosen = last.open.protocol;
    if (chosen !== undefined && !offered.includes(chosen)) {
      throw assertionFailed(`"${named.name}" was given the subprotocol "${chosen}", which it did not offer (offered: ${offered.join(', ') || 'none'})`);
    }
    return;
  }
  const error: ClientError = last.error;
  const status = error.response?.statusCode;
  if (error.code === 'bad-subprotocol') {
    throw assertionFailed(`the server chose a subprotocol "${named.name}" did not offer (offered: ${offered.join(', ')}): ${describeError(error)}`);
  }
  if (status === undefined || status < 400 || status > 499) {
    throw assertionFailed(`"${named.name}" could not connect, so the subprotocol choice cannot be judged: ${describeError(error)}`);
  }
}

/**
 * RFC 6455 4.4: a server may speak several versions, so accepting an older draft's version is allowed
 * (and reported); a server that refuses it MUST name the versions it speaks in Sec-WebSocket-Version.
 */
export function expectAcceptedOrRefusedNaming(world: WsWorld, named: NamedClient, version: number): void {
  const last = lastAttempt(named);
  const asked = headerValues(named.setup.headers, 'Sec-WebSocket-Version').join(', ') || 'the default';
  if (last.ok) {
    observe(world, `the handshake with version ${asked} was accepted (HTTP ${last.open.response.statusCode})`);
    return;
  }
  const response = last.error.response;
  const status = response?.statusCode;
  if (response === undefined || status === undefined || status === 101) {
    const answer = status === undefined ? 'no HTTP answer' : 'a 101 the client refused';
    throw assertionFailed(`"${named.name}" was neither accepted nor refused with an HTTP error status (${answer}: ${describeError(last.error)})`);
  }
  if (status < 400 || status > 499) noteNonStrict(world, `the server refused version ${asked} with HTTP ${status} ${response.statusMessage}, not a 4xx status`);
  const versions = headerValues(response.headers, 'Sec-WebSocket-Version')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim());
  if (!versions.includes(String(version))) {
    const found = versions.length > 0 ? `it named ${versions.join(', ')}` : 'it has no Sec-WebSocket-Version header';
    throw assertionFailed(`the server refused version ${asked} with HTTP ${status} but did not name the version ${version} it speaks (RFC 6455 4.4): ${found}`);
  }
  observe(world, `the handshake with version ${asked} was refused with HTTP ${status} ${response.statusMessage}, Sec-WebSocket-Version: ${versions.join(', ')}`);
}

/**
 * RFC 6455 4.2.1: a server that finds the handshake does not match MUST stop processing it and return
 * an HTTP response with "an appropriate error code (such as 400 Bad Request)". A 101, or no HTTP
 * answer at all, breaks the MUST; an error status other than 4xx (a 500 from a framework's fallback)
 * keeps it and misses the example, so the case is NON-STRICT.
 */
export function expectHandshakeRefused(world: WsWorld, named: NamedClient): void {
  const last = lastAttempt(named);
  if (last.ok) {
    throw assertionFailed(`the server accepted the handshake of "${named.name}" (HTTP ${last.open.response.statusCode}), which it had to refuse with an HTTP error status`);
  }
  const status = last.error.response?.statusCode;
  if (status === undefined) {
    throw assertionFailed(`the server gave "${named.name}" no HTTP answer, where it had to refuse the handshake with an error status (${describeError(last.error)})`);
  }
  if (status === 101) {
    throw assertionFailed(`the server answered the handshake of "${named.name}" with 101, which it had to refuse (${describeError(last.error)})`);
  }
  if (status < 400 || status > 499) {
    const message = last.error.response?.statusMessage;
    noteNonStrict(world, `the server refused the handshake with HTTP ${status}${message ? ` ${message}` : ''}, not a 4xx status such as 400`);
  }
}
