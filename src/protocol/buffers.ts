/**
 * Cheap Buffer construction for the hot paths. Buffer#subarray goes through the generic typed-array
 * species machinery; constructing node's own Buffer class (what Buffer[Symbol.species] returns) over
 * an ArrayBuffer directly is several times cheaper, which matters once per frame.
 */
type BufferConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => Buffer;
const NodeBuffer = (Buffer as unknown as { [Symbol.species]: BufferConstructor })[Symbol.species];

/**
 * A Buffer over memory[byteOffset, byteOffset + length). Callers pass the ArrayBuffer itself: reading
 * `.buffer` off a Buffer costs as much again as constructing the view, so hot loops read it once.
 */
export function bufferView(memory: ArrayBufferLike, byteOffset: number, length: number): Buffer {
  return new NodeBuffer(memory, byteOffset, length);
}

/** Small allocations (frame headers, short masked payloads) are carved from one slab instead of one each. */
const SLAB_SIZE = 64 * 1024;
export const MAX_CARVED_SIZE = 1024;
let slab = new ArrayBuffer(SLAB_SIZE);
let slabUsed = 0;

/** Fresh memory of `size` <= MAX_CARVED_SIZE bytes, 8-byte aligned so that word-wise masking applies. */
export function carve(size: number): Buffer {
  if (slabUsed + size > SLAB_SIZE) {
    // Buffers carved earlier keep the old slab alive for as long as they are referenced.
    slab = new ArrayBuffer(SLAB_SIZE);
    slabUsed = 0;
  }
  const buf = new NodeBuffer(slab, slabUsed, size);
  slabUsed = (slabUsed + size + 7) & ~7;
  return buf;
}
