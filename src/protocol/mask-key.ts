import { randomFillSync } from 'node:crypto';
import { bufferView } from './buffers';
import { ProtocolUsageError } from './errors';
import type { MaskKeySource } from './frame';

/** 2048 keys per pool: one CSPRNG call per 2048 frames. */
const DEFAULT_POOL_SIZE = 8 * 1024;

/**
 * Random keys (RFC 6455 5.3 asks for a strong source) cut from a pool filled by the CSPRNG.
 * When a pool is used up a NEW one is filled rather than the old one overwritten, because handed-out
 * keys are views into it and may still be referenced by frame descriptions.
 */
export function createRandomMaskKeySource(poolSize = DEFAULT_POOL_SIZE): MaskKeySource {
  if (!Number.isInteger(poolSize) || poolSize < 4 || poolSize % 4 !== 0) {
    throw new ProtocolUsageError(`mask key pool size must be a positive multiple of 4, got ${poolSize}`);
  }
  let pool = new ArrayBuffer(0);
  let next = poolSize;
  return () => {
    if (next === poolSize) {
      pool = new ArrayBuffer(poolSize);
      randomFillSync(new Uint8Array(pool));
      next = 0;
    }
    const key = bufferView(pool, next, 4);
    next += 4;
    return key;
  };
}

/** The process-wide default key source. */
export const randomMaskKey: MaskKeySource = createRandomMaskKeySource();

/** Hands out the given keys in turn, starting over after the last: deterministic frames for tests. */
export function fixedMaskKeySource(...keys: Buffer[]): MaskKeySource {
  if (keys.length === 0) throw new ProtocolUsageError('fixedMaskKeySource needs at least one key');
  for (const key of keys) {
    if (key.length !== 4) throw new ProtocolUsageError(`a mask key has 4 bytes, got ${key.length}`);
  }
  const copies = keys.map((key) => Buffer.from(key));
  let next = 0;
  return () => {
    const key = copies[next];
    next = (next + 1) % copies.length;
    return key;
  };
}
