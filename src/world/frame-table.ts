import type { FrameSpec } from '../protocol/frame';
import { OPCODE_NAMES } from '../protocol/constants';
import { badArgument } from './errors';
import { parseHex } from './hex';

const OPCODES_BY_NAME = new Map(Object.entries(OPCODE_NAMES).map(([code, name]) => [name, Number(code)]));
const FIELDS = ['fin', 'rsv1', 'rsv2', 'rsv3', 'opcode', 'mask', 'mask key', 'payload', 'payload hex', 'length'];

function parseBoolean(field: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw badArgument(`frame field ${field}: "${value}" is not true or false`);
}

function parseNumber(field: string, value: string, max: number): number {
  const v = value.trim();
  const n = /^0x[0-9a-f]+$/i.test(v) ? parseInt(v, 16) : /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n > max) throw badArgument(`frame field ${field}: "${value}" is not a number from 0 to ${max}`);
  return n;
}

export function parseOpcode(value: string): number {
  const name = value.trim().toLowerCase();
  const byName = OPCODES_BY_NAME.get(name);
  if (byName !== undefined) return byName;
  if (/^(0x)?[0-9a-f]+$/i.test(name)) return parseNumber('opcode', value, 15);
  throw badArgument(`frame field opcode: "${value}" is neither 0-15 nor one of ${[...OPCODES_BY_NAME.keys()].join(', ')}`);
}

/**
 * The frame a "sends the frame:" table describes. Fields left out take the values of a valid client
 * frame: fin true, RSV bits clear, text opcode, masked with a random key, true length, empty payload.
 */
export function parseFrameTable(rows: Array<[string, string]>): FrameSpec {
  const spec: FrameSpec = { opcode: 0x1 };
  const seen = new Set<string>();
  for (const [rawField, value] of rows) {
    const field = rawField.trim().toLowerCase().replace(/\s+/g, ' ');
    if (!FIELDS.includes(field)) throw badArgument(`unknown frame field "${rawField}" (fields: ${FIELDS.join(', ')})`);
    if (seen.has(field)) throw badArgument(`frame field "${field}" is given twice`);
    seen.add(field);
    switch (field) {
      case 'fin':
      case 'rsv1':
      case 'rsv2':
      case 'rsv3':
        spec[field] = parseBoolean(field, value);
        break;
      case 'mask':
        spec.mask = parseBoolean(field, value);
        break;
      case 'mask key':
        spec.maskKey = parseHex(value);
        if (spec.maskKey.length !== 4) throw badArgument(`frame field mask key: needs 4 bytes, got ${spec.maskKey.length}`);
        break;
      case 'opcode':
        spec.opcode = parseOpcode(value);
        break;
      case 'payload':
        spec.payload = Buffer.from(value, 'utf8');
        break;
      case 'payload hex':
        spec.payload = parseHex(value);
        break;
      case 'length':
        spec.declaredLength = parseNumber(field, value, Number.MAX_SAFE_INTEGER);
        break;
    }
  }
  if (seen.has('payload') && seen.has('payload hex')) throw badArgument('give either "payload" or "payload hex", not both');
  return spec;
}
