import { closeBody, frame, OPCODES, type HeaderChanges } from './raw-wire';

/** One confirmation: a handshake (changed or not) and, after a 101, the exact bytes of a case. */
export interface ConfirmCheck {
  name: string;
  what: string;
  headers?: HeaderChanges;
  /** Socket writes after the 101, in order, a few milliseconds apart; bytes of one entry go in one write. */
  writes?: Buffer[];
}

const { text, binary, close, ping, pong, continuation } = OPCODES;
const DATA_OPCODES: Record<string, number> = { text, binary, ping, pong, close, continuation };

function hexBytes(hex: string): Buffer {
  const clean = hex.replace(/[^0-9a-f]/gi, '');
  if (clean.length % 2 !== 0) throw new Error(`odd number of hex digits in ${hex}`);
  return Buffer.from(clean, 'hex');
}

/** RSV bits named the way the pack names them: rsv1, rsv2, rsv3, or several digits (rsv123). */
function rsvBits(digits: string): number {
  let bits = 0;
  for (const d of digits) bits |= d === '1' ? 4 : d === '2' ? 2 : d === '3' ? 1 : 0;
  return bits;
}

function payloadFor(opcode: number): Buffer {
  return opcode === close ? closeBody(1000) : opcode === continuation ? Buffer.alloc(0) : Buffer.from('hello');
}

const FIXED: ConfirmCheck[] = [
  { name: 'valid', what: 'a plain handshake, a text and a binary message, then a close 1000', writes: [frame({ opcode: text, payload: 'hello' }), frame({ opcode: binary, payload: Buffer.from([1, 2, 3]) }), frame({ opcode: close, payload: closeBody(1000) })] },
  { name: 'version-8', what: 'a handshake with Sec-WebSocket-Version: 8', headers: { 'Sec-WebSocket-Version': '8' } },
  { name: 'connection-keep-alive', what: 'a handshake with Connection: keep-alive (no Upgrade token)', headers: { Connection: 'keep-alive' } },
  { name: 'key-empty', what: 'a handshake with an empty Sec-WebSocket-Key', headers: { 'Sec-WebSocket-Key': '' } },
  { name: 'key-malformed', what: 'a handshake with a key that is not 16 bytes in base64', headers: { 'Sec-WebSocket-Key': 'bm90IGEgbm9uY2U=' } },
  { name: 'close-empty', what: 'a close frame without a payload', writes: [frame({ opcode: close })] },
  { name: 'close-1byte', what: 'a close frame with a 1-byte payload', writes: [frame({ opcode: close, payload: Buffer.from([0x03]) })] },
  { name: 'close-reason-123', what: 'a close 1000 with a 123-byte reason', writes: [frame({ opcode: close, payload: closeBody(1000, 'a'.repeat(123)) })] },
  { name: 'close-reason-124', what: 'a close 1000 with a 124-byte reason (a 126-byte control frame)', writes: [frame({ opcode: close, payload: closeBody(1000, 'a'.repeat(124)) })] },
  { name: 'close-reason-invalid-utf8', what: 'a close 1000 whose reason is not UTF-8', writes: [frame({ opcode: close, payload: closeBody(1000, hexBytes('cebae1bdb9cebccebfed')) })] },
  { name: 'ping-126', what: 'a ping with 126 bytes of payload', writes: [frame({ opcode: ping, payload: Buffer.alloc(126, 0x61) })] },
  { name: 'pong-126', what: 'a pong with 126 bytes of payload', writes: [frame({ opcode: pong, payload: Buffer.alloc(126, 0x61) })] },
  { name: 'fragmented-ping', what: 'a ping in two fragments', writes: [Buffer.concat([frame({ opcode: ping, payload: 'he', fin: false }), frame({ opcode: continuation, payload: 'llo' })])] },
  { name: 'fragmented-close', what: 'a close in two fragments', writes: [Buffer.concat([frame({ opcode: close, payload: closeBody(1000).subarray(0, 1), fin: false }), frame({ opcode: continuation, payload: closeBody(1000).subarray(1) })])] },
  { name: 'continuation-fin1', what: 'a continuation frame (FIN=1) with no message started', writes: [frame({ opcode: continuation, payload: 'hello' })] },
  { name: 'continuation-fin0', what: 'a continuation frame (FIN=0) with no message started', writes: [frame({ opcode: continuation, payload: 'hello', fin: false })] },
  { name: 'continuation-after-message', what: 'a complete text message, then a continuation frame', writes: [Buffer.concat([frame({ opcode: text, payload: 'hello' }), frame({ opcode: continuation, payload: 'more' })])] },
  { name: 'nested-text', what: 'a text message started, then a new text frame inside it', writes: [Buffer.concat([frame({ opcode: text, payload: 'hel', fin: false }), frame({ opcode: text, payload: 'lo' })])] },
  { name: 'length64-top-bit', what: 'a text frame whose 64-bit length has its top bit set', writes: [frame({ opcode: text, payload: 'hello', length64: 0x8000000000000005n })] },
  { name: 'text-then-close', what: 'a text message and a close 1000 in one write', writes: [Buffer.concat([frame({ opcode: text, payload: 'before' }), frame({ opcode: close, payload: closeBody(1000) })])] },
  { name: 'utf8-surrogate', what: 'a text message with the surrogate U+D800 (Autobahn 6.4.1 style bytes)', writes: [frame({ opcode: text, payload: hexBytes('cebae1bdb9cebcceb5eda080656469746564') })] },
];

/** Checks named by pattern, e.g. close-1005, opcode-3, rsv1-text, unmasked-ping, text-hex-eda080. */
const PATTERNS: Array<{ pattern: RegExp; example: string; build: (m: RegExpMatchArray) => ConfirmCheck }> = [
  { pattern: /^close-(\d+)$/, example: 'close-1005', build: (m) => ({ name: m[0]!, what: `a close frame with code ${m[1]}`, writes: [frame({ opcode: close, payload: closeBody(Number(m[1])) })] }) },
  { pattern: /^version-(\d+)$/, example: 'version-7', build: (m) => ({ name: m[0]!, what: `a handshake with Sec-WebSocket-Version: ${m[1]}`, headers: { 'Sec-WebSocket-Version': m[1]! } }) },
  { pattern: /^without-([A-Za-z-]+)$/, example: 'without-Upgrade', build: (m) => ({ name: m[0]!, what: `a handshake without the ${m[1]} header`, headers: { [canonicalHeader(m[1]!)]: null } }) },
  { pattern: /^opcode-(\d+)$/, example: 'opcode-3', build: (m) => ({ name: m[0]!, what: `a frame with the reserved opcode ${m[1]}`, writes: [frame({ opcode: Number(m[1]) })] }) },
  { pattern: /^text-then-opcode-(\d+)$/, example: 'text-then-opcode-3', build: (m) => ({ name: m[0]!, what: `a text message and a frame with opcode ${m[1]} in one write`, writes: [Buffer.concat([frame({ opcode: text, payload: 'before' }), frame({ opcode: Number(m[1]) })])] }) },
  { pattern: /^rsv([123]+)-(text|binary|ping|pong|close|continuation)$/, example: 'rsv1-text', build: (m) => {
    const opcode = DATA_OPCODES[m[2]!]!;
    const bad = frame({ opcode, payload: payloadFor(opcode), rsv: rsvBits(m[1]!) });
    // A continuation needs a message to continue.
    const writes = opcode === continuation ? [Buffer.concat([frame({ opcode: text, payload: 'hel', fin: false }), bad])] : [bad];
    return { name: m[0]!, what: `a ${m[2]} frame with RSV${m[1]} set`, writes };
  } },
  { pattern: /^text-then-rsv([123]+)-text$/, example: 'text-then-rsv2-text', build: (m) => ({ name: m[0]!, what: `a text message and a text frame with RSV${m[1]} in one write`, writes: [Buffer.concat([frame({ opcode: text, payload: 'before' }), frame({ opcode: text, payload: 'hello', rsv: rsvBits(m[1]!) })])] }) },
  { pattern: /^unmasked-(text|binary|ping|pong|close)$/, example: 'unmasked-text', build: (m) => {
    const opcode = DATA_OPCODES[m[1]!]!;
    return { name: m[0]!, what: `an unmasked ${m[1]} frame`, writes: [frame({ opcode, payload: payloadFor(opcode), mask: false })] };
  } },
  { pattern: /^text-hex-([0-9a-fA-F]+)$/, example: 'text-hex-eda080', build: (m) => ({ name: m[0]!, what: `a text message of the bytes ${m[1]}`, writes: [frame({ opcode: text, payload: hexBytes(m[1]!) })] }) },
  { pattern: /^text-hex-([0-9a-fA-F]+)-bytewise$/, example: 'text-hex-eda080-bytewise', build: (m) => {
    const bytes = hexBytes(m[1]!);
    const fragments = [...bytes].map((byte, i) => frame({ opcode: i === 0 ? text : continuation, payload: Buffer.from([byte]), fin: i === bytes.length - 1 }));
    return { name: m[0]!, what: `a text message of the bytes ${m[1]} in one-byte fragments`, writes: [Buffer.concat(fragments)] };
  } },
];

function canonicalHeader(name: string): string {
  return name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase()).join('-').replace(/^Sec-Websocket/, 'Sec-WebSocket');
}

export function findCheck(name: string): ConfirmCheck | undefined {
  const fixed = FIXED.find((check) => check.name === name);
  if (fixed) return fixed;
  for (const { pattern, build } of PATTERNS) {
    const match = name.match(pattern);
    if (match) return build(match);
  }
  return undefined;
}

export function checkCatalog(): string[] {
  return [...FIXED.map((check) => `${check.name.padEnd(28)} ${check.what}`), ...PATTERNS.map(({ pattern, example }) => `${example.padEnd(28)} (pattern ${pattern.source})`)];
}
