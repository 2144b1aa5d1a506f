/** Bytes per unit of a size setting; KB and MB are read as the powers of 1024 that people usually mean. */
const UNIT_BYTES: Record<string, number> = {
  b: 1,
  kb: 1024,
  kib: 1024,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

export const BYTE_SIZE_UNITS = 'B, KiB, MiB, GiB (KB, MB, GB mean the same)';

/** "67108864", "64 MiB", "1.5 GB": a whole number of bytes, or undefined when the text is none of these. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? '').toLowerCase();
  const perUnit = unit === '' ? 1 : UNIT_BYTES[unit];
  if (perUnit === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * perUnit);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
