import { badArgument } from '../world/errors';

const UNIT_BYTES: Record<string, number> = {
  byte: 1,
  bytes: 1,
  kib: 1024,
  mib: 1024 * 1024,
};

/** A size as the pack writes it: "1 byte", "125 bytes", "64 KiB", "16 MiB". */
export const SIZE_PATTERN = /\d+ (?:bytes?|KiB|MiB)/;

/** The largest size a step may ask for, so that a typo cannot exhaust memory. */
export const MAX_SIZE_BYTES = 256 * 1024 * 1024;

export function parseSize(text: string): number {
  const match = /^\s*(\d+)\s*(bytes?|KiB|MiB)\s*$/i.exec(text);
  const unit = match ? UNIT_BYTES[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined) {
    throw badArgument(`"${text}" is not a size: write a number and a unit, like "125 bytes", "64 KiB" or "16 MiB"`);
  }
  const bytes = Number(match[1]) * unit;
  if (bytes > MAX_SIZE_BYTES) throw badArgument(`${text} is more than the ${MAX_SIZE_BYTES / 1024 / 1024} MiB a step may send`);
  return bytes;
}

/** How a size reads in a message: exact bytes below 1 KiB, else KiB or MiB when it divides evenly. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return bytes === 1 ? '1 byte' : `${bytes} bytes`;
}
