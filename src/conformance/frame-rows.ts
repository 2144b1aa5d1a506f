import type { FrameSpec } from '../protocol/frame';
import { badArgument } from '../world/errors';
import { parseFrameTable } from '../world/frame-table';
import { namedRows } from '../world/step-args';

/**
 * Frame fields the pack adds to those of "sends the frame:": a close payload written as a code and a
 * reason, and a forced width of the length field (7, 16 or 64 bits) to send a non-minimal length.
 */
const EXTRA_FIELDS = ['close code', 'close reason', 'length width'];

function normalized(field: string): string {
  return field.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A frame from field/value pairs: the step library's fields plus EXTRA_FIELDS. */
export function frameFromFields(pairs: Array<[string, string]>): FrameSpec {
  const extras = new Map<string, string>();
  const standard: Array<[string, string]> = [];
  for (const [field, value] of pairs) {
    const name = normalized(field);
    if (EXTRA_FIELDS.includes(name)) extras.set(name, value);
    else standard.push([field, value]);
  }
  const spec = parseFrameTable(standard);
  const code = extras.get('close code');
  const reason = extras.get('close reason');
  if (code !== undefined || reason !== undefined) {
    if (standard.some(([f]) => normalized(f).startsWith('payload'))) {
      throw badArgument('give either a payload or a close code and reason, not both');
    }
    if (code === undefined) throw badArgument('a close reason needs a close code before it');
    const number = Number(code.trim());
    if (!/^\d+$/.test(code.trim()) || number > 0xffff) throw badArgument(`close code "${code}" is not a number from 0 to 65535`);
    const reasonBytes = Buffer.from(reason ?? '', 'utf8');
    spec.payload = Buffer.concat([Buffer.from([number >> 8, number & 0xff]), reasonBytes]);
  }
  const width = extras.get('length width');
  if (width !== undefined) {
    const bits = Number(width.trim());
    if (bits !== 7 && bits !== 16 && bits !== 64) throw badArgument(`length width "${width}" must be 7, 16 or 64`);
    spec.lengthWidth = bits;
  }
  return spec;
}

/** The frame of a two-column "field | value" table. */
export function frameFromTable(rows: string[][]): FrameSpec {
  return frameFromFields(namedRows(rows, 'frame'));
}

/**
 * Frames of a table with a heading row of field names and one row per frame. An empty cell leaves
 * that field out of that frame (it takes the value of a valid frame).
 */
export function framesFromTable(rows: string[][]): FrameSpec[] {
  const [heading, ...frames] = rows;
  if (!heading || frames.length === 0) {
    throw badArgument('the frames table needs a heading row of field names (opcode, fin, payload, ...) and one row per frame');
  }
  return frames.map((row, index) => {
    if (row.length !== heading.length) throw badArgument(`frame ${index + 1} has ${row.length} cells, the heading has ${heading.length}`);
    const pairs = heading.map((field, i): [string, string] => [field, row[i]!]).filter(([, value]) => value.trim() !== '');
    try {
      return frameFromFields(pairs);
    } catch (error) {
      throw badArgument(`frame ${index + 1}: ${(error as Error).message}`);
    }
  });
}
