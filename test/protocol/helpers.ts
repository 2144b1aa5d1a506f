import type { Frame, FrameSpec } from '../../src/protocol/frame';
import type { Outgoing, ProtocolEvent } from '../../src/protocol/protocol';
import { encodeFrame } from '../../src/protocol/encoder';
import { fixedMaskKeySource } from '../../src/protocol/mask-key';

/** The key of the RFC 6455 section 5.7 examples. */
export const RFC_KEY = Buffer.from([0x37, 0xfa, 0x21, 0x3d]);

/** Everything queued, as the bytes a transport would write. */
export function wire(outgoing: Outgoing[]): Buffer {
  return Buffer.concat(outgoing.flatMap((o) => o.chunks));
}

/** Bytes of frames as a server (unmasked) would send them. */
export function serverBytes(...specs: FrameSpec[]): Buffer {
  return Buffer.concat(specs.flatMap((spec) => encodeFrame(spec, { mask: false, maskKeySource: fixedMaskKeySource(RFC_KEY) }).chunks));
}

/** Bytes of frames as a client (masked) would send them. */
export function clientBytes(...specs: FrameSpec[]): Buffer {
  return Buffer.concat(specs.flatMap((spec) => encodeFrame(spec, { mask: true, maskKeySource: fixedMaskKeySource(RFC_KEY) }).chunks));
}

/** Cuts bytes into pieces at the given offsets (sorted, deduplicated, clamped); each piece is a fresh copy. */
export function cutAt(bytes: Buffer, offsets: number[]): Buffer[] {
  const points = [...new Set(offsets.map((o) => Math.max(0, Math.min(bytes.length, o))))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    if (point > start) pieces.push(Buffer.from(bytes.subarray(start, point)));
    start = point;
  }
  return pieces;
}

export function oneByteAtATime(bytes: Buffer): Buffer[] {
  return Array.from(bytes, (b) => Buffer.from([b]));
}

export function eventTypes(events: ProtocolEvent[]): string[] {
  return events.map((e) => e.type);
}

export function errorOf(events: ProtocolEvent[]) {
  const found = events.find((e): e is Extract<ProtocolEvent, { type: 'error' }> => e.type === 'error');
  if (found === undefined) throw new Error(`expected an error event, got: ${eventTypes(events).join(', ')}`);
  return found.error;
}

export function messagesOf(events: ProtocolEvent[]) {
  return events.filter((e): e is Extract<ProtocolEvent, { type: 'message' }> => e.type === 'message');
}

export function framesOf(events: ProtocolEvent[]): Frame[] {
  return events.flatMap((e) => (e.type === 'frame' ? [e.frame] : []));
}

/** A frame's fields compared by value (payload as bytes), for deepStrictEqual. */
export function plainFrame(frame: Frame) {
  return { ...frame, maskKey: frame.maskKey && [...frame.maskKey], payload: [...frame.payload] };
}
