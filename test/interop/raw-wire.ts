/**
 * A tiny, independent WebSocket wire for the confirmation tool: a hand-written handshake request and
 * frame writer and a frame reader, on nothing but node:net and node:crypto, so that what it shows does
 * not depend on wsbdd's client or protocol code.
 */
import { createHash, randomBytes } from 'node:crypto';

export const OPCODES = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

export interface RawFrame {
  opcode: number;
  payload?: Buffer | string;
  fin?: boolean;
  /** RSV1..RSV3 as the bits 4, 2, 1. */
  rsv?: number;
  /** Clients must mask (RFC 6455 5.3); false writes the frame unmasked. */
  mask?: boolean;
  /** A 64-bit length field with this value instead of the payload's length. */
  length64?: bigint;
}

export function frame({ opcode, payload = Buffer.alloc(0), fin = true, rsv = 0, mask = true, length64 }: RawFrame): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const n = body.length;
  const extended = length64 !== undefined ? 8 : n < 126 ? 0 : n < 0x10000 ? 2 : 8;
  const head = Buffer.alloc(2 + extended + (mask ? 4 : 0));
  head[0] = (fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f);
  head[1] = (mask ? 0x80 : 0) | (extended === 0 ? n : extended === 2 ? 126 : 127);
  if (extended === 2) head.writeUInt16BE(n, 2);
  if (extended === 8) head.writeBigUInt64BE(length64 ?? BigInt(n), 2);
  if (!mask) return Buffer.concat([head, body]);
  const key = randomBytes(4);
  key.copy(head, 2 + extended);
  const masked = Buffer.from(body);
  for (let i = 0; i < masked.length; i++) masked[i]! ^= key[i % 4]!;
  return Buffer.concat([head, masked]);
}

/** A close frame's payload: the code (when given) and the reason. */
export function closeBody(code?: number, reason: Buffer | string = ''): Buffer {
  if (code === undefined) return Buffer.alloc(0);
  const code2 = Buffer.alloc(2);
  code2.writeUInt16BE(code, 0);
  return Buffer.concat([code2, typeof reason === 'string' ? Buffer.from(reason, 'utf8') : reason]);
}

export const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export function acceptFor(key: string): string {
  return createHash('sha1').update(key + WS_GUID).digest('base64');
}

/** Header lines of the opening handshake; a value of null leaves the header out. */
export type HeaderChanges = Record<string, string | null>;

export function handshakeRequest(host: string, path: string, key: string, changes: HeaderChanges = {}): string {
  const headers: Record<string, string | null> = {
    Host: host,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': key,
    'Sec-WebSocket-Version': '13',
    ...changes,
  };
  const lines = [`GET ${path} HTTP/1.1`];
  for (const [name, value] of Object.entries(headers)) if (value !== null) lines.push(`${name}: ${value}`);
  return lines.join('\r\n') + '\r\n\r\n';
}

export interface ParsedFrame {
  fin: boolean;
  rsv: number;
  opcode: number;
  masked: boolean;
  payload: Buffer;
}

/** Takes whole frames off the front of buf; returns them and what is left. */
export function takeFrames(buf: Buffer): { frames: ParsedFrame[]; rest: Buffer } {
  const frames: ParsedFrame[] = [];
  let at = 0;
  for (;;) {
    if (buf.length - at < 2) break;
    const b0 = buf[at]!;
    const b1 = buf[at + 1]!;
    let length = b1 & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      if (buf.length < offset + 2) break;
      length = buf.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      if (buf.length < offset + 8) break;
      length = Number(buf.readBigUInt64BE(offset));
      offset += 8;
    }
    const masked = (b1 & 0x80) !== 0;
    const key = masked ? buf.subarray(offset, offset + 4) : undefined;
    if (masked) offset += 4;
    if (buf.length < offset + length) break;
    const payload = Buffer.from(buf.subarray(offset, offset + length));
    if (key) for (let i = 0; i < payload.length; i++) payload[i]! ^= key[i % 4]!;
    frames.push({ fin: (b0 & 0x80) !== 0, rsv: (b0 >> 4) & 7, opcode: b0 & 0x0f, masked, payload });
    at = offset + length;
  }
  return { frames, rest: buf.subarray(at) };
}
