import { encodeFrame } from '../src/protocol/encoder';
import { randomMaskKey } from '../src/protocol/mask-key';

/** Text with some multi-byte characters, so UTF-8 validation has real work to do. */
const SAMPLE = 'wsbdd codec benchmark: héllo wörld, ✓ 日本語 and plain ASCII filler text. ';

/** A UTF-8 payload of exactly `size` bytes, cut at a code point boundary and padded with ASCII. */
export function textPayload(size: number): Buffer {
  const sample = Buffer.from(SAMPLE);
  const out = Buffer.alloc(size, 0x20);
  let at = 0;
  while (at + sample.length <= size) {
    sample.copy(out, at);
    at += sample.length;
  }
  return out;
}

/** `count` text frames of `payload`, masked or not, as one wire stream. */
export function wireStream(payload: Buffer, count: number, masked: boolean): Buffer {
  const frames: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    frames.push(...encodeFrame({ opcode: 1, payload }, { mask: masked, maskKeySource: randomMaskKey }).chunks);
  }
  return Buffer.concat(frames);
}

/** The stream cut like socket reads: fresh buffers of at most `readSize` bytes (decoders unmask in place). */
export function socketReads(stream: Buffer, readSize: number): Buffer[] {
  const reads: Buffer[] = [];
  for (let at = 0; at < stream.length; at += readSize) reads.push(Buffer.from(stream.subarray(at, at + readSize)));
  return reads;
}
