import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResponseHeadReader, type HeadResult } from '../../src/client/response-head';

const HEAD = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nconnection: Upgrade\r\nX-Dup: 1\r\nX-Dup:2\r\n\r\n';

function complete(result: HeadResult): Extract<HeadResult, { status: 'complete' }> {
  assert.equal(result.status, 'complete', result.status === 'error' ? result.error.message : '');
  return result as Extract<HeadResult, { status: 'complete' }>;
}

function errorOf(result: HeadResult): string {
  assert.equal(result.status, 'error');
  const error = (result as Extract<HeadResult, { status: 'error' }>).error;
  assert.equal(error.kind, 'handshake');
  assert.equal(error.code, 'bad-response');
  return error.message;
}

test('a head in one chunk: status, headers in order with repeated names, exact head, following bytes', () => {
  const result = complete(new ResponseHeadReader().push(Buffer.concat([Buffer.from(HEAD), Buffer.from([0x81, 0x02, 0x68, 0x69])])));
  assert.equal(result.response.httpVersion, '1.1');
  assert.equal(result.response.statusCode, 101);
  assert.equal(result.response.statusMessage, 'Switching Protocols');
  assert.deepEqual(result.response.headers, [['Upgrade', 'websocket'], ['connection', 'Upgrade'], ['X-Dup', '1'], ['X-Dup', '2']]);
  assert.equal(result.response.head, HEAD);
  assert.deepEqual(result.rest, Buffer.from([0x81, 0x02, 0x68, 0x69]));
});

test('the same head fed one byte at a time', () => {
  const reader = new ResponseHeadReader();
  const bytes = Buffer.from(HEAD);
  for (let i = 0; i < bytes.length - 1; i++) assert.equal(reader.push(bytes.subarray(i, i + 1)).status, 'partial');
  const result = complete(reader.push(bytes.subarray(bytes.length - 1)));
  assert.equal(result.response.headers.length, 4);
  assert.equal(result.rest.length, 0);
});

test('an empty reason phrase is allowed', () => {
  assert.equal(complete(new ResponseHeadReader().push(Buffer.from('HTTP/1.1 403\r\n\r\n'))).response.statusMessage, '');
});

const malformed: Array<[string, string]> = [
  ['a bad status line', 'HTTP/1.1 1O1 Switching\r\n\r\n'],
  ['not HTTP', 'SSH-2.0-OpenSSH\r\n\r\n'],
  ['a header without a colon', 'HTTP/1.1 101 OK\r\nUpgrade websocket\r\n\r\n'],
  ['a space before the colon', 'HTTP/1.1 101 OK\r\nUpgrade : websocket\r\n\r\n'],
  ['folded header lines', 'HTTP/1.1 101 OK\r\nUpgrade: web\r\n socket\r\n\r\n'],
];
for (const [what, head] of malformed) {
  test(`${what} is a bad-response`, () => {
    errorOf(new ResponseHeadReader().push(Buffer.from(head)));
  });
}

test('lines ending in a bare LF are reported as soon as seen', () => {
  const message = errorOf(new ResponseHeadReader().push(Buffer.from('HTTP/1.1 101 Switching Protocols\n')));
  assert.match(message, /LF without CR/);
});

test('a head longer than the limit is refused without waiting for its end', () => {
  const reader = new ResponseHeadReader(1024);
  assert.equal(reader.push(Buffer.from('HTTP/1.1 101 OK\r\n')).status, 'partial');
  assert.match(errorOf(reader.push(Buffer.from(`X-Big: ${'a'.repeat(1100)}`))), /within 1024 bytes/);
});

test('bytes that cannot begin a status line are refused before the head ends; a valid beginning waits', () => {
  assert.match(errorOf(new ResponseHeadReader().push(Buffer.from('<html>'))), /does not begin with "HTTP\/"/);
  assert.match(errorOf(new ResponseHeadReader().push(Buffer.from('HTTP/1.1 OK\r\nX: y'))), /bad status line "HTTP\/1\.1 OK"/);
  for (const start of ['H', 'HTTP', 'HTTP/1.1 101 Swi', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: web']) {
    assert.equal(new ResponseHeadReader().push(Buffer.from(start)).status, 'partial', start);
  }
});

test('an answer in TLS is named as such', () => {
  const alert = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46]);
  assert.match(errorOf(new ResponseHeadReader().push(alert)), /it looks like TLS: is this a wss:\/\/ server\?/);
  assert.doesNotMatch(errorOf(new ResponseHeadReader().push(Buffer.from('<html>'))), /TLS/);
});
