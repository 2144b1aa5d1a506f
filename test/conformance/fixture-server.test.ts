import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { FrameReader } from '../fixtures/conformance/frame-reader';
import { startFixtureServer, type FixtureServer } from '../fixtures/conformance/fixture-server';
import { isValidUtf8, Utf8Stream } from '../fixtures/conformance/utf8';

const WAIT_MS = 2000;

/** Sends a raw request head; resolves with the answer once its head is complete or the server closed. */
function rawExchange(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer in time'));
    }, WAIT_MS);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    socket.on('data', (c) => {
      chunks.push(c);
      if (Buffer.concat(chunks).includes('\r\n\r\n')) finish();
    });
    socket.on('error', reject);
    socket.on('close', finish);
    socket.write(head);
  });
}

function handshakeHead(extra: Record<string, string>): string {
  const headers: Record<string, string> = {
    Host: '127.0.0.1',
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version': '13',
    ...extra,
  };
  const lines = Object.entries(headers).filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}`);
  return `GET /echo HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

/** Opens a ws client (the reference peer) and collects what it sees. */
async function openPeer(url: string, protocols?: string[]) {
  const ws = new WebSocket(url, protocols);
  const received: Array<{ data: Buffer; binary: boolean }> = [];
  const pongs: Buffer[] = [];
  ws.on('message', (data, binary) => received.push({ data: data as Buffer, binary }));
  ws.on('pong', (p) => pongs.push(p));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, received, pongs };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** A client frame with a zero mask key (the payload goes out as it is) and a 7-bit length. */
function maskedFrame(firstByte: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([firstByte, 0x80 | payload.length, 0, 0, 0, 0]), payload]);
}

interface ReceivedFrame {
  opcode: number;
  payload: Buffer;
}

/** A raw connection after a valid handshake: writes any bytes, reads the server's frames. */
async function openRaw(port: number) {
  const socket = connect(port, '127.0.0.1');
  const frames: ReceivedFrame[] = [];
  let current: { opcode: number; parts: Buffer[] } | undefined;
  const reader = new FrameReader({
    header: (h) => (current = { opcode: h.opcode, parts: [] }),
    payload: (bytes) => current?.parts.push(bytes),
    end: () => frames.push({ opcode: current!.opcode, payload: Buffer.concat(current!.parts) }),
  });
  let ended = false;
  socket.on('close', () => (ended = true));
  await new Promise<void>((resolve, reject) => {
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      if (!head.subarray(0, 12).toString().startsWith('HTTP/1.1 101')) return reject(new Error(`no 101: ${head}`));
      socket.on('data', (data: Buffer) => reader.push(data));
      if (head.length > end + 4) reader.push(head.subarray(end + 4));
      resolve();
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(handshakeHead({}));
  });
  const nextFrame = async (): Promise<ReceivedFrame> => {
    await until(() => frames.length > 0 || ended, 'a frame');
    const frame = frames.shift();
    if (!frame) throw new Error('the connection closed without a frame');
    return frame;
  };
  return {
    write: (bytes: Buffer) => socket.write(bytes),
    destroy: () => socket.destroy(),
    nextFrame,
    /** The code of the server's close frame, once the server has also closed TCP. */
    closeCode: async (): Promise<number> => {
      const frame = await nextFrame();
      assert.equal(frame.opcode, 0x8, 'a close frame');
      await until(() => ended, 'the server to close TCP');
      return frame.payload.readUInt16BE(0);
    },
  };
}

describe('conformance fixture server', () => {
  let server: FixtureServer;
  before(async () => {
    server = await startFixtureServer();
  });
  after(() => server.close());

  it('answers the RFC 6455 sample key with the sample accept', async () => {
    const answer = await rawExchange(server.port, handshakeHead({}).replace('Connection: Upgrade', 'Connection: keep-alive, Upgrade'));
    assert.match(answer, /^HTTP\/1\.1 101 /);
    assert.match(answer, /\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=\r\n/);
  });

  it('answers an unknown version with 426 and the versions it speaks', async () => {
    const answer = await rawExchange(server.port, handshakeHead({ 'Sec-WebSocket-Version': '8' }));
    assert.match(answer, /^HTTP\/1\.1 426 /);
    assert.match(answer, /\r\nSec-WebSocket-Version: 13\r\n/);
  });

  it('answers a missing or malformed key with 400', async () => {
    assert.match(await rawExchange(server.port, handshakeHead({ 'Sec-WebSocket-Key': '' })), /^HTTP\/1\.1 400 /);
    assert.match(await rawExchange(server.port, handshakeHead({ 'Sec-WebSocket-Key': 'abc' })), /^HTTP\/1\.1 400 /);
  });

  it('chooses a subprotocol only from those offered', async () => {
    const chosen = await openPeer(server.url, ['x-unknown', 'superchat']);
    assert.equal(chosen.ws.protocol, 'superchat');
    chosen.ws.terminate();
    // ws as a client refuses an answer without a subprotocol, which RFC 6455 allows: check the raw answer.
    const none = await rawExchange(server.port, handshakeHead({ 'Sec-WebSocket-Protocol': 'x-unknown, x-other' }));
    assert.match(none, /^HTTP\/1\.1 101 /);
    assert.doesNotMatch(none, /Sec-WebSocket-Protocol/i);
  });

  it('echoes text and binary in their own type, fragmented or not, and answers pings', async () => {
    const peer = await openPeer(server.url);
    peer.ws.send('héllo');
    peer.ws.send(Buffer.from([0, 1, 2, 255]));
    peer.ws.send('frag', { fin: false });
    peer.ws.ping('between');
    peer.ws.send('mented', { fin: true });
    await until(() => peer.received.length === 3 && peer.pongs.length === 1, 'three echoes and a pong');
    assert.deepEqual(
      peer.received.map((m) => [m.data.toString(), m.binary]),
      [
        ['héllo', false],
        [Buffer.from([0, 1, 2, 255]).toString(), true],
        ['fragmented', false],
      ],
    );
    assert.equal(peer.pongs[0].toString(), 'between');
    const closed = closeOf(peer.ws);
    peer.ws.close(4001, 'bye');
    assert.deepEqual(await closed, { code: 4001, reason: '' });
  });

  it('fails the connection with 1007 on invalid UTF-8 and 1002 on a reserved opcode, then closes TCP', async () => {
    const utf8 = await openRaw(server.port);
    utf8.write(maskedFrame(0x81, Buffer.from([0xce, 0xba, 0xed, 0xa0, 0x80])));
    assert.deepEqual(await utf8.closeCode(), 1007);

    const opcode = await openRaw(server.port);
    opcode.write(maskedFrame(0x83, Buffer.alloc(0)));
    assert.deepEqual(await opcode.closeCode(), 1002);
  });

  it('reads frames that arrive one byte at a time', async () => {
    const raw = await openRaw(server.port);
    for (const byte of maskedFrame(0x81, Buffer.from('hi'))) {
      raw.write(Buffer.from([byte]));
      await new Promise((r) => setImmediate(r));
    }
    const echo = await raw.nextFrame();
    assert.equal(echo.opcode, 0x1);
    assert.equal(echo.payload.toString(), 'hi');
    raw.destroy();
  });
});

describe('fixture server bugs', () => {
  it('with text-as-binary echoes text as binary', async () => {
    const server = await startFixtureServer({ bugs: ['text-as-binary'] });
    try {
      const peer = await openPeer(server.url);
      peer.ws.send('hello');
      await until(() => peer.received.length === 1, 'the echo');
      assert.equal(peer.received[0].binary, true);
      peer.ws.terminate();
    } finally {
      await server.close();
    }
  });

  it('with wrong-error-code closes with 1000 after a protocol error', async () => {
    const server = await startFixtureServer({ bugs: ['wrong-error-code'] });
    try {
      const raw = await openRaw(server.port);
      raw.write(maskedFrame(0xc1, Buffer.alloc(0)));
      assert.equal(await raw.closeCode(), 1000);
    } finally {
      await server.close();
    }
  });
});

describe('fixture UTF-8 validator', () => {
  it('agrees with a fatal TextDecoder on boundary cases', () => {
    const cases = ['00', 'c280', 'dfbf', 'e0a080', 'efbfbf', 'f0908080', 'f48fbfbf', 'c0af', 'e080af', 'eda080', 'f4908080', 'ff', '80', 'e0a0'];
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (const hex of cases) {
      const bytes = Buffer.from(hex, 'hex');
      let expected = true;
      try {
        decoder.decode(bytes);
      } catch {
        expected = false;
      }
      assert.equal(isValidUtf8(bytes), expected, hex);
    }
  });

  it('fails as soon as a sequence can no longer be valid', () => {
    const stream = new Utf8Stream();
    assert.equal(stream.push(Buffer.from('ceba', 'hex')), true);
    assert.equal(stream.push(Buffer.from('ed', 'hex')), true);
    assert.equal(stream.complete, false);
    assert.equal(stream.push(Buffer.from('a0', 'hex')), false);
  });
});
