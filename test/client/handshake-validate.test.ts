import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClientError } from '../../src/client/errors';
import { expectedAccept } from '../../src/client/handshake-request';
import { validateHandshakeResponse, type Negotiated } from '../../src/client/handshake-validate';
import type { HandshakeRequest, HandshakeResponse } from '../../src/client/types';

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const ACCEPT = expectedAccept(KEY);

function request(extra: Array<[string, string]> = []): HandshakeRequest {
  return { method: 'GET', path: '/', head: '', headers: [['Host', 'h'], ['Sec-WebSocket-Key', KEY], ...extra] };
}

function response(headers: Array<[string, string]>, statusCode = 101): HandshakeResponse {
  return { httpVersion: '1.1', statusCode, statusMessage: 'Switching Protocols', headers, head: '' };
}

const GOOD: Array<[string, string]> = [['Upgrade', 'websocket'], ['Connection', 'Upgrade'], ['Sec-WebSocket-Accept', ACCEPT]];

function ok(result: Negotiated | ClientError): Negotiated {
  assert.ok(!(result instanceof ClientError), result instanceof ClientError ? result.message : '');
  return result;
}

function refused(result: Negotiated | ClientError, code: string): ClientError {
  assert.ok(result instanceof ClientError, 'expected a handshake error');
  assert.equal(result.kind, 'handshake');
  assert.equal(result.code, code);
  assert.ok(result.response, 'the error carries the response');
  return result;
}

test('a correct answer passes; header names and the upgrade token are case-insensitive', () => {
  const negotiated = ok(validateHandshakeResponse(request(), KEY, response([
    ['upgrade', 'WebSocket'], ['CONNECTION', 'keep-alive, UPGRADE'], ['sec-websocket-accept', ACCEPT],
  ])));
  assert.deepEqual(negotiated, { protocol: undefined, extensions: undefined, extensionNames: [] });
});

test('the Connection token may come in a second Connection header', () => {
  ok(validateHandshakeResponse(request(), KEY, response([['Upgrade', 'websocket'], ['Connection', 'keep-alive'], ['Connection', 'upgrade'], ['Sec-WebSocket-Accept', ACCEPT]])));
});

test('status other than 101 is bad-status', () => {
  const error = refused(validateHandshakeResponse(request(), KEY, response(GOOD, 200)), 'bad-status');
  assert.equal(error.response?.statusCode, 200);
});

const broken: Array<[string, Array<[string, string]>, string]> = [
  ['missing Upgrade', [['Connection', 'Upgrade'], ['Sec-WebSocket-Accept', ACCEPT]], 'bad-upgrade'],
  ['Upgrade: h2c', [['Upgrade', 'h2c'], ['Connection', 'Upgrade'], ['Sec-WebSocket-Accept', ACCEPT]], 'bad-upgrade'],
  ['missing Connection', [['Upgrade', 'websocket'], ['Sec-WebSocket-Accept', ACCEPT]], 'bad-connection'],
  ['Connection without the token', [['Upgrade', 'websocket'], ['Connection', 'keep-alive, upgraded'], ['Sec-WebSocket-Accept', ACCEPT]], 'bad-connection'],
  ['missing accept', [['Upgrade', 'websocket'], ['Connection', 'Upgrade']], 'bad-accept'],
  ['wrong accept', [['Upgrade', 'websocket'], ['Connection', 'Upgrade'], ['Sec-WebSocket-Accept', expectedAccept('x')]], 'bad-accept'],
  ['accept twice', [...GOOD, ['Sec-WebSocket-Accept', ACCEPT]], 'bad-accept'],
  ['a subprotocol when none was offered', [...GOOD, ['Sec-WebSocket-Protocol', 'chat']], 'bad-subprotocol'],
  ['an extension that was not offered', [...GOOD, ['Sec-WebSocket-Extensions', 'permessage-deflate']], 'bad-extension'],
];
for (const [what, headers, code] of broken) {
  test(`${what} is ${code}`, () => {
    refused(validateHandshakeResponse(request(), KEY, response(headers)), code);
  });
}

test('the chosen subprotocol must be one offered, once', () => {
  const offered = request([['Sec-WebSocket-Protocol', 'chat, superchat'], ['Sec-WebSocket-Protocol', 'v3']]);
  assert.equal(ok(validateHandshakeResponse(offered, KEY, response([...GOOD, ['Sec-WebSocket-Protocol', 'v3']]))).protocol, 'v3');
  refused(validateHandshakeResponse(offered, KEY, response([...GOOD, ['Sec-WebSocket-Protocol', 'other']])), 'bad-subprotocol');
  refused(validateHandshakeResponse(offered, KEY, response([...GOOD, ['Sec-WebSocket-Protocol', 'chat, superchat']])), 'bad-subprotocol');
  refused(
    validateHandshakeResponse(offered, KEY, response([...GOOD, ['Sec-WebSocket-Protocol', 'chat'], ['Sec-WebSocket-Protocol', 'chat']])),
    'bad-subprotocol',
  );
});

test('extensions answered must be among those offered, each once; parameters may differ', () => {
  const offered = request([['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits, x-webkit-deflate-frame']]);
  const negotiated = ok(validateHandshakeResponse(offered, KEY, response([...GOOD, ['Sec-WebSocket-Extensions', 'permessage-deflate; server_no_context_takeover']])));
  assert.deepEqual(negotiated.extensionNames, ['permessage-deflate']);
  assert.equal(negotiated.extensions, 'permessage-deflate; server_no_context_takeover');
  refused(validateHandshakeResponse(offered, KEY, response([...GOOD, ['Sec-WebSocket-Extensions', 'permessage-deflate, permessage-deflate']])), 'bad-extension');
  refused(validateHandshakeResponse(offered, KEY, response([...GOOD, ['Sec-WebSocket-Extensions', 'permessage-deflate, mux']])), 'bad-extension');
});

test('a permessage-deflate answer is judged by RFC 7692 7.1: known parameters, once each, windows 8-15', () => {
  const offered = request([['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits']]);
  const answer = (value: string) => validateHandshakeResponse(offered, KEY, response([...GOOD, ['Sec-WebSocket-Extensions', value]]));
  assert.deepEqual(ok(answer('permessage-deflate')).perMessageDeflate, {
    serverNoContextTakeover: false,
    clientNoContextTakeover: false,
    serverMaxWindowBits: 15,
    clientMaxWindowBits: 15,
    parameters: [],
  });
  assert.deepEqual(
    ok(answer('permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits="12"'))
      .perMessageDeflate,
    {
      serverNoContextTakeover: true,
      clientNoContextTakeover: true,
      serverMaxWindowBits: 10,
      clientMaxWindowBits: 12,
      parameters: ['server_no_context_takeover', 'client_no_context_takeover', 'server_max_window_bits=10', 'client_max_window_bits=12'],
    },
  );
  for (const bad of [
    'permessage-deflate; server_max_window_bits=16',
    'permessage-deflate; server_max_window_bits',
    'permessage-deflate; server_no_context_takeover=1',
    'permessage-deflate; server_no_context_takeover; server_no_context_takeover',
    'permessage-deflate; x-unknown',
  ]) {
    assert.match(refused(answer(bad), 'bad-extension').message, /permessage-deflate parameter/, bad);
  }
  // client_max_window_bits may only come back when the client offered it.
  const plainOffer = request([['Sec-WebSocket-Extensions', 'permessage-deflate']]);
  const unasked = validateHandshakeResponse(plainOffer, KEY, response([...GOOD, ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits=12']]));
  assert.match(refused(unasked, 'bad-extension').message, /client_max_window_bits was not offered/);
  assert.equal(ok(validateHandshakeResponse(offered, KEY, response(GOOD))).perMessageDeflate, undefined, 'not accepted: not in use');
});
