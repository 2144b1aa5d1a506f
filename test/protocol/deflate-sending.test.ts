import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { constants, inflateRawSync } from 'node:zlib';
import { WebSocketProtocol } from '../../src/protocol/protocol';
import { messagesOf, wire } from './helpers';

interface Pair {
  client: WebSocketProtocol;
  server: WebSocketProtocol;
}

/** A compressing client and a server that inflates under the same terms: the wire between them is ours. */
function pair(noContextTakeover: boolean, windowBits = 15): Pair {
  return {
    client: new WebSocketProtocol({ role: 'client', perMessageDeflate: { compress: { noContextTakeover, windowBits } } }),
    server: new WebSocketProtocol({ role: 'server', perMessageDeflate: { noContextTakeover, windowBits } }),
  };
}

function frames(protocol: WebSocketProtocol) {
  return protocol.takeOutgoing().map((outgoing) => outgoing);
}

test('messages go out compressed, RSV1 on the first frame only, and read back exactly under every window', () => {
  const line = Buffer.from('a line of text that repeats, a line of text that repeats. ');
  const messages = [Buffer.alloc(0), line, Buffer.concat(Array(40).fill(line)), randomBytes(3000), Buffer.concat(Array(3).fill(line))];
  for (const takeover of [true, false]) {
    for (const bits of [8, 9, 12, 15]) {
      const { client, server } = pair(!takeover, bits);
      for (const message of messages) client.sendMessage(message, { binary: true, fragments: 3 });
      const out = frames(client);
      const firsts = out.filter((o) => o.frame?.opcode === 2);
      assert.equal(firsts.length, messages.length);
      assert.ok(firsts.every((o) => o.frame?.rsv1 === true), 'RSV1 on every first frame');
      assert.ok(out.filter((o) => o.frame?.opcode === 0).every((o) => o.frame?.rsv1 === false), 'never on a continuation');
      assert.deepEqual(firsts.map((o) => o.inflatedLength), messages.map((m) => m.length));
      const received = messagesOf(server.receive(wire(out)));
      assert.equal(server.failure, undefined, `${takeover} ${bits}: ${server.failure?.message}`);
      assert.deepEqual(received.map((m) => m.data.toString('hex')), messages.map((m) => m.toString('hex')), `takeover ${takeover}, bits ${bits}`);
    }
  }
});

test('an empty message is the single byte 00 on the wire (RFC 7692 7.2.3.6)', () => {
  const { client } = pair(false);
  client.sendMessage('');
  const [out] = client.takeOutgoing();
  assert.deepEqual([...(out.frame?.payload ?? [])], [0x00]);
});

test('with context takeover a repeated message refers back and shrinks; without, it does not', () => {
  const text = randomBytes(400).toString('base64');
  const sizes = (noContextTakeover: boolean) => {
    const { client } = pair(noContextTakeover);
    client.sendMessage(text);
    client.sendMessage(text);
    return client.takeOutgoing().map((o) => o.frame?.payload.length ?? 0);
  };
  const [firstWith, secondWith] = sizes(false);
  const [firstWithout, secondWithout] = sizes(true);
  assert.ok(secondWith < 20 && secondWith < firstWith / 10, `takeover: ${firstWith} then ${secondWith}`);
  assert.equal(secondWithout, firstWithout);
  // The second message alone is not a stream a fresh inflater can read: it depends on the first.
  const { client } = pair(false);
  client.sendMessage(text);
  client.sendMessage(text);
  const second = client.takeOutgoing()[1].frame?.payload ?? Buffer.alloc(0);
  assert.throws(() => inflateRawSync(Buffer.concat([second, Buffer.from([0, 0, 0xff, 0xff])]), { finishFlush: constants.Z_SYNC_FLUSH }));
});

test('a message sent uncompressed goes out as it is and keeps the context in step for the next compressed one', () => {
  const { client, server } = pair(false);
  const text = 'context takeover after a plain message; '.repeat(10);
  client.sendMessage(text);
  client.sendMessage('plain in between', { compress: false });
  client.sendMessage(text);
  const out = client.takeOutgoing();
  assert.deepEqual(out.map((o) => o.frame?.rsv1), [true, false, true]);
  assert.equal(out[1].frame?.payload.toString(), 'plain in between');
  assert.equal(out[1].inflatedLength, undefined);
  assert.deepEqual(messagesOf(server.receive(wire(out))).map((m) => [m.data.toString(), m.compressedLength !== undefined]), [
    [text, true],
    ['plain in between', false],
    [text, true],
  ]);
  assert.equal(server.failure, undefined);
});

test('a send refused for its fragment sizes leaves the compression context as it was', () => {
  const { client, server } = pair(false);
  const text = 'refused, then sent; '.repeat(20);
  assert.throws(() => client.sendMessage(text, { fragments: [100_000] }), /fragment sizes add up/);
  client.sendMessage(text);
  client.sendMessage(text);
  assert.deepEqual(messagesOf(server.receive(wire(client.takeOutgoing()))).map((m) => m.data.toString()), [text, text]);
  assert.equal(server.failure, undefined);
});

test('without compress terms our messages go out uncompressed, as before', () => {
  const client = new WebSocketProtocol({ role: 'client', perMessageDeflate: {} });
  assert.equal(client.compressing, false);
  client.sendMessage('as it is');
  const [out] = client.takeOutgoing();
  assert.equal(out.frame?.rsv1, false);
  assert.equal(out.frame?.payload.toString(), 'as it is');
});
