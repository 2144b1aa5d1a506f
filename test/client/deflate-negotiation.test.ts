import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDeflateOffer, negotiatePerMessageDeflate, parseDeflateParameters } from '../../src/client/deflate-negotiation';

test('offers are written with their parameters in RFC 7692 order', () => {
  assert.equal(formatDeflateOffer(), 'permessage-deflate');
  assert.equal(
    formatDeflateOffer({ serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 10, clientMaxWindowBits: true }),
    'permessage-deflate; client_max_window_bits; server_max_window_bits=10; client_no_context_takeover; server_no_context_takeover',
  );
  assert.equal(formatDeflateOffer({ clientMaxWindowBits: 9 }), 'permessage-deflate; client_max_window_bits=9');
});

test('parameters as a step writes them are read strictly', () => {
  assert.deepEqual(parseDeflateParameters('client_max_window_bits=10; server_no_context_takeover'), {
    clientMaxWindowBits: 10,
    serverNoContextTakeover: true,
  });
  assert.deepEqual(parseDeflateParameters('client_max_window_bits'), { clientMaxWindowBits: true });
  assert.deepEqual(parseDeflateParameters(''), {});
  for (const [bad, why] of [
    ['server_max_window_bits', /needs a value from 8 to 15, got none/],
    ['client_max_window_bits=16', /needs a value from 8 to 15, got "16"/],
    ['server_no_context_takeover=1', /takes no value/],
    ['client_no_context_takeover; client_no_context_takeover', /more than once/],
    ['window=9', /unknown permessage-deflate parameter "window"/],
  ] as const) {
    assert.match(String(parseDeflateParameters(bad)), why, bad);
  }
});

const terms = (offers: string[], answer: string) => negotiatePerMessageDeflate(offers, answer);

test('the answer must accept one of the offers, tried in order of preference', () => {
  const offers = ['permessage-deflate; server_no_context_takeover; server_max_window_bits=10', 'permessage-deflate'];
  // Fits the second offer only: takeover is not what the first asked for.
  const second = terms(offers, 'permessage-deflate; server_max_window_bits=12');
  assert.equal(typeof second, 'object');
  const first = terms(offers, 'permessage-deflate; server_no_context_takeover; server_max_window_bits=9');
  assert.deepEqual(first, {
    serverNoContextTakeover: true,
    clientNoContextTakeover: false,
    serverMaxWindowBits: 9,
    clientMaxWindowBits: 15,
    parameters: ['server_no_context_takeover', 'server_max_window_bits=9'],
  });
  const single = ['permessage-deflate; server_max_window_bits=10'];
  assert.match(String(terms(single, 'permessage-deflate; server_max_window_bits=11')), /server_max_window_bits=11 is larger than the 10 offered/);
  assert.match(String(terms(single, 'permessage-deflate')), /server_max_window_bits=10 was offered but not answered/);
  assert.match(String(terms(['permessage-deflate; server_no_context_takeover'], 'permessage-deflate')), /server_no_context_takeover was offered but not answered/);
  assert.match(
    String(terms(['permessage-deflate; client_max_window_bits=10', 'permessage-deflate; server_no_context_takeover'], 'permessage-deflate; client_max_window_bits=12')),
    /accepts none of the 2 offers: offer 1: client_max_window_bits=12 is larger than the 10 offered; offer 2: server_no_context_takeover was offered but not answered/,
  );
});

test('the server may ask for what it likes of its own side; the client keeps to what it offered', () => {
  const answered = terms(['permessage-deflate; client_max_window_bits=10; client_no_context_takeover'], 'permessage-deflate; server_no_context_takeover; server_max_window_bits=8');
  assert.deepEqual(answered, {
    serverNoContextTakeover: true,
    clientNoContextTakeover: true,
    serverMaxWindowBits: 8,
    clientMaxWindowBits: 10,
    parameters: ['server_no_context_takeover', 'server_max_window_bits=8'],
  });
});

test('bad or repeated values in the answer are refused whatever was offered', () => {
  const offers = ['permessage-deflate; client_max_window_bits'];
  for (const [answer, why] of [
    ['permessage-deflate; client_max_window_bits', /client_max_window_bits needs a value from 8 to 15, got none/],
    ['permessage-deflate; server_max_window_bits=7', /needs a value from 8 to 15, got "7"/],
    ['permessage-deflate; server_max_window_bits=010', /got "010"/],
    ['permessage-deflate; client_max_window_bits=9; client_max_window_bits=9', /appears more than once/],
    ['permessage-deflate; x-zip', /unknown permessage-deflate parameter x-zip/],
  ] as const) {
    assert.match(String(terms(offers, answer)), why, answer);
  }
});
