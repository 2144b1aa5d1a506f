import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyFraming, completeBody, decodeChunked } from '../../src/client/response-body';
import type { HandshakeResponse } from '../../src/client/types';

function response(statusCode: number, headers: Array<[string, string]>): HandshakeResponse {
  return { httpVersion: '1.1', statusCode, statusMessage: '', headers, head: '' };
}

test('framing follows RFC 9112 section 6.3', () => {
  assert.deepEqual(bodyFraming(response(403, [['Content-Length', '9']])), { kind: 'length', length: 9 });
  assert.deepEqual(bodyFraming(response(403, [['Transfer-Encoding', 'gzip, chunked'], ['Content-Length', '3']])), { kind: 'chunked' });
  assert.deepEqual(bodyFraming(response(204, [['Content-Length', '3']])), { kind: 'none' });
  assert.deepEqual(bodyFraming(response(200, [])), { kind: 'until-close' });
  assert.deepEqual(bodyFraming(response(200, [['Content-Length', '3'], ['Content-Length', '4']])), { kind: 'until-close' });
});

test('a length-delimited body completes at its length', () => {
  const framing = bodyFraming(response(403, [['Content-Length', '5']]));
  assert.equal(completeBody(framing, Buffer.from('abc')), undefined);
  assert.equal(completeBody(framing, Buffer.from('abcdefg'))?.toString(), 'abcde');
});

test('a chunked body is decoded once its last chunk arrived', () => {
  const wire = Buffer.from('4\r\nWiki\r\n6;ext=1\r\npedia \r\n0\r\n\r\n');
  assert.equal(decodeChunked(wire.subarray(0, 12)), undefined);
  assert.equal(decodeChunked(wire)?.toString(), 'Wikipedia ');
  assert.equal(decodeChunked(Buffer.from('zz\r\n')), undefined);
});
