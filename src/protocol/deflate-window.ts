/**
 * The last bytes of a stream of messages, up to a window size: what a permessage-deflate peer with
 * context takeover may refer back to. Kept in memory of its own, never as a view into a message.
 */
export class SlidingWindow {
  private bytes: Buffer | undefined;

  constructor(private readonly size: number) {}

  /** The window, or undefined while nothing has gone through it. */
  get contents(): Buffer | undefined {
    return this.bytes;
  }

  push(data: Buffer): void {
    if (data.length === 0) return;
    const previous = this.bytes ?? Buffer.alloc(0);
    const fresh = Math.min(data.length, this.size);
    const keepOld = Math.min(previous.length, this.size - fresh);
    const window = Buffer.allocUnsafe(keepOld + fresh);
    previous.copy(window, 0, previous.length - keepOld);
    data.copy(window, keepOld, data.length - fresh);
    this.bytes = window;
  }
}

/** 2^bits: the LZ77 window of a window-bits value (8-15). */
export function windowSize(bits: number): number {
  return 2 ** bits;
}
