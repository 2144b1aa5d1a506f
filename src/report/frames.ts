import { isControlOpcode, opcodeName } from '../protocol/constants';
import type { TranscriptEntry } from '../transcript/transcript';
import { describeClosePayload, previewPayload, type PreviewOptions } from './preview';

export type FrameEntry = Extract<TranscriptEntry, { kind: 'frame' }>;

/** What a report needs to know about one frame, including what it cannot see in the frame alone. */
export interface FrameFacts {
  /** False for bytes written unframed (sendRaw): only `length` and the bytes are known. */
  framed: boolean;
  opcode: number;
  /** "text", "close", "continuation (text)", "reserved-3", or "raw" for unframed bytes. */
  label: string;
  /** The message type a data frame or continuation belongs to, when known. */
  dataType?: 'text' | 'binary';
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  masked: boolean;
  /** Bytes of payload carried (after unmasking). */
  length: number;
  /** The length field on the wire, when it differs from `length` (a lying frame). */
  declaredLength?: number;
  control: boolean;
  /** This frame ends a data message (FIN on a text, binary or continuation frame of a known message). */
  completesMessage: boolean;
  payload: Buffer;
}

/**
 * Follows fragmentation per client and direction, so that a continuation frame can be shown as part of
 * a text or binary message. Feed it a scenario's frame entries in order.
 */
export class FrameTracker {
  private readonly openMessages = new Map<string, 'text' | 'binary'>();

  observe(entry: FrameEntry): FrameFacts {
    const frame = entry.frame;
    if (!frame) {
      const raw = entry.raw ?? Buffer.alloc(0);
      return {
        framed: false,
        opcode: -1,
        label: 'raw',
        fin: false,
        rsv1: false,
        rsv2: false,
        rsv3: false,
        masked: false,
        length: raw.length,
        control: false,
        completesMessage: false,
        payload: raw,
      };
    }
    const key = `${entry.actor}\u0000${entry.direction}`;
    const control = isControlOpcode(frame.opcode);
    let dataType: 'text' | 'binary' | undefined;
    let label = opcodeName(frame.opcode);
    let completesMessage = false;
    if (frame.opcode === 1 || frame.opcode === 2) {
      dataType = frame.opcode === 1 ? 'text' : 'binary';
      if (frame.fin) {
        this.openMessages.delete(key);
        completesMessage = true;
      } else {
        this.openMessages.set(key, dataType);
      }
    } else if (frame.opcode === 0) {
      dataType = this.openMessages.get(key);
      if (dataType) label = `continuation (${dataType})`;
      if (frame.fin && dataType) {
        this.openMessages.delete(key);
        completesMessage = true;
      }
    }
    return {
      framed: true,
      opcode: frame.opcode,
      label,
      dataType,
      fin: frame.fin,
      rsv1: frame.rsv1,
      rsv2: frame.rsv2,
      rsv3: frame.rsv3,
      masked: frame.masked,
      length: frame.payload.length,
      declaredLength: frame.declaredLength === frame.payload.length ? undefined : frame.declaredLength,
      control,
      completesMessage,
      payload: frame.payload,
    };
  }

  /** A new connection starts with no message in progress. */
  reset(actor: string): void {
    this.openMessages.delete(`${actor}\u0000in`);
    this.openMessages.delete(`${actor}\u0000out`);
  }
}

/** Header bits as five fixed columns: F(IN), RSV 1 2 3, M(ASK); "-" where a bit is clear. */
export function frameBits(facts: FrameFacts): string {
  if (!facts.framed) return '     ';
  return [
    facts.fin ? 'F' : '-',
    facts.rsv1 ? '1' : '-',
    facts.rsv2 ? '2' : '-',
    facts.rsv3 ? '3' : '-',
    facts.masked ? 'M' : '-',
  ].join('');
}

export const FRAME_BITS_LEGEND = 'bits: F = FIN, 1 2 3 = RSV1-3, M = masked';

/** "5 B", "64 KiB", "68.4 KiB (70000 B)", or "5 B (length field 1000)" for a lying frame. */
export function frameLength(facts: FrameFacts): string {
  const size = exactBytes(facts.length);
  return facts.declaredLength === undefined ? size : `${size} (length field ${facts.declaredLength})`;
}

/** The payload as a reader wants it: close code and reason, quoted text, or hex. */
export function framePreview(facts: FrameFacts, options: PreviewOptions): string {
  if (!facts.framed) return previewPayload(facts.payload, 'binary', options);
  if (facts.opcode === 8) return describeClosePayload(facts.payload, options);
  if (facts.length === 0) return '';
  if (facts.dataType === 'text' && facts.opcode !== 0) return previewPayload(facts.payload, 'text', options);
  if (facts.dataType === 'binary') return previewPayload(facts.payload, 'binary', options);
  // Continuations of text may split a character, pings and reserved opcodes carry anything.
  return previewPayload(facts.payload, 'auto', options);
}

/**
 * The short size, with the exact byte count after it when the short form is rounded: a reader telling
 * a 65535-byte payload from a 65536-byte one (a length-encoding boundary) needs every byte.
 */
export function exactBytes(bytes: number): string {
  const short = formatBytes(bytes);
  const mib = 1024 * 1024;
  const exact = bytes < 1024 || (bytes < mib ? bytes % 1024 === 0 : bytes % mib === 0);
  return exact ? short : `${short} (${bytes} B)`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${trimNumber(bytes / 1024)} KiB`;
  return `${trimNumber(bytes / (1024 * 1024))} MiB`;
}

function trimNumber(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');
}
