import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConformanceArgs } from '../../src/cli/conformance-args';
import { frameFromTable, framesFromTable } from '../../src/conformance/frame-rows';
import { tryConnectWithout } from '../../src/conformance/incomplete-handshake';
import { binaryPayload, textPayload } from '../../src/conformance/payloads';
import { formatSize, parseSize } from '../../src/conformance/sizes';
import { encodeClientFrame } from '../../src/conformance/wire';
import type { WsWorld } from '../../src/world';
import { StepError, StepErrorCode } from '../../src/world/errors';
import type { NamedClient } from '../../src/world/named-client';

describe('conformance step arguments', () => {
  it('reads sizes in bytes, KiB and MiB and refuses anything else', () => {
    assert.equal(parseSize('0 bytes'), 0);
    assert.equal(parseSize('1 byte'), 1);
    assert.equal(parseSize('65535 bytes'), 65535);
    assert.equal(parseSize('64 KiB'), 65536);
    assert.equal(parseSize('16 MiB'), 16 * 1024 * 1024);
    assert.throws(() => parseSize('16 MB'), /not a size/);
    assert.throws(() => parseSize('1024 MiB'), /more than/);
    assert.equal(formatSize(16 * 1024 * 1024), '16 MiB');
    assert.equal(formatSize(65535), '65535 bytes');
  });

  it('generates payloads of the exact size that differ from one message to the next', () => {
    const text = textPayload(1000, 1);
    assert.equal(text.length, 1000);
    assert.ok([...text].every((b) => b >= 0x20 && b < 0x7f), 'text payloads are printable ASCII');
    assert.notDeepEqual(textPayload(1000, 2), text);
    const binary = binaryPayload(4096, 0);
    assert.equal(new Set(binary).size > 200, true, 'binary payloads cover most byte values');
    assert.equal(binaryPayload(0).length, 0);
  });

  it('reads a frames table with a heading row, empty cells, close codes and length widths', () => {
    const [fragment, close, text] = framesFromTable([
      ['fin', 'opcode', 'close code', 'close reason', 'payload'],
      ['false', 'text', '', '', 'frag'],
      ['', 'close', '1000', 'bye', ''],
      ['', 'text', '', '', 'after'],
    ]);
    assert.equal(fragment!.fin, false);
    assert.equal(fragment!.payload!.toString(), 'frag');
    assert.equal(close!.opcode, 8);
    assert.deepEqual(close!.payload, Buffer.from([0x03, 0xe8, 0x62, 0x79, 0x65]));
    assert.equal(text!.fin, undefined);
    assert.throws(() => framesFromTable([['opcode']]), /heading row/);
    assert.throws(() => framesFromTable([['opcode', 'close code', 'payload'], ['close', '1000', 'x']]), /frame 1: give either/);
  });

  it('encodes a forced 16-bit length for a short payload', () => {
    const spec = frameFromTable([
      ['opcode', 'text'],
      ['payload', 'hello'],
      ['length width', '16'],
    ]);
    const bytes = encodeClientFrame(spec);
    assert.equal(bytes[1]! & 0x7f, 126);
    assert.equal(bytes.readUInt16BE(2), 5);
    assert.equal(bytes.length, 2 + 2 + 4 + 5);
    assert.throws(() => frameFromTable([['length width', '32']]), /7, 16 or 64/);
  });

  it('parses the conformance command line', () => {
    assert.deepEqual(parseConformanceArgs(['--target', 'ws://127.0.0.1:9000', '--path', '/echo', '--tags', '@must', '--timeout', '2 s'], {}), {
      help: false,
      target: 'ws://127.0.0.1:9000/echo',
      tags: '@must',
      timeoutMs: 2000,
    });
    assert.deepEqual(parseConformanceArgs(['--reports=out', '--parallel', '2'], { WSBDD_TARGET: 'http://h:1/e' }), {
      help: false,
      target: 'ws://h:1/e',
      reportsDir: 'out',
      parallel: 2,
    });
    assert.equal(parseConformanceArgs(['-h'], {}).help, true);
    assert.throws(() => parseConformanceArgs(['--bogus'], {}), /unknown option/);
    assert.throws(() => parseConformanceArgs(['--target'], {}), /needs a value/);
    assert.throws(() => parseConformanceArgs(['--target', 'ftp://x'], {}), /ws:\/\//);
    assert.throws(() => parseConformanceArgs(['--path', '/echo'], {}), /--path needs --target/);
    // A timer longer than 2^31-1 ms fires at once: refused, in milliseconds or as a duration.
    assert.throws(() => parseConformanceArgs(['--timeout', '3000000000'], {}), /--timeout "3000000000" is longer than a wait can last \(2147483647 ms\)/);
    assert.throws(() => parseConformanceArgs(['--timeout', '40000 minutes'], {}), /--timeout "40000 minutes" is longer than a wait can last/);
  });

  it('leaves out only a header the handshake requires, and not one the client sets itself', async () => {
    // Both refusals come before the world is used, so bare stand-ins do.
    const world = {} as WsWorld;
    const named = { name: 'alice', setup: { headers: [['Sec-WebSocket-Key', 'AAAAAAAAAAAAAAAAAAAAAA==']] } } as unknown as NamedClient;
    const badArgument = (pattern: RegExp) => (error: unknown) =>
      error instanceof StepError && error.code === StepErrorCode.BadArgument && pattern.test(error.message);
    await assert.rejects(tryConnectWithout(world, named, 'Host'), badArgument(/use one of: Upgrade, Connection, Sec-WebSocket-Key, Sec-WebSocket-Version/));
    await assert.rejects(tryConnectWithout(world, named, 'sec-websocket-key'), badArgument(/"alice" sends its own Sec-WebSocket-Key header/));
  });
});
