import type { FrameEvent } from '../client/types';

export interface InboxMessage {
  kind: 'message';
  seq: number;
  /** performance.now() when it arrived. */
  at: number;
  data: Buffer;
  binary: boolean;
  /** It came compressed (permessage-deflate), in this many bytes on the wire. */
  compressedLength?: number;
  consumed: boolean;
}

export interface InboxControl {
  kind: 'ping' | 'pong';
  seq: number;
  at: number;
  payload: Buffer;
  consumed: boolean;
}

export type InboxEntry = InboxMessage | InboxControl;

/** The inbox was full: what it would not take. */
export interface InboxOverflow {
  /** The limit, in bytes. */
  limit: number;
  /** Bytes held when the first entry was turned away. */
  held: number;
  /** Entries turned away since then (messages, pings, pongs) and their payload bytes. */
  refused: number;
  refusedBytes: number;
}

const RECENT_FRAMES = 10;
const RECENT_CONTROLS = 5;

/** The default inbox limit: as much as one message of the largest size the client accepts. */
export const DEFAULT_INBOX_LIMIT = 64 * 1024 * 1024;
/**
 * What an entry costs besides its payload (the entry, the Buffer view, the list slot): counted with it,
 * so that a flood of tiny messages is bounded too, not only one of large ones.
 */
export const ENTRY_OVERHEAD = 256;

/**
 * Everything a client received and no step has matched yet, from the moment it first connected, across
 * reconnects. Receive steps consume entries so that each message is matched once, in arrival order; a
 * consumed entry is let go. What is held is bounded by `limit` (bytes, ENTRY_OVERHEAD per entry
 * included): past it, entries are turned away and `overflow` says so.
 */
export class Inbox {
  /** Messages not consumed yet, in arrival order (consumed ones until the next look). */
  private messages: InboxMessage[] = [];
  private pings: InboxControl[] = [];
  private pongs: InboxControl[] = [];
  /** The last frames that came in, for failure messages. */
  readonly recentFrames: FrameEvent[] = [];
  /** The last message taken in, consumed or not. */
  lastMessage: InboxMessage | undefined;
  /** Pings and pongs received in all, and the last few payloads, for failure messages. */
  readonly controls = { ping: { count: 0, recent: [] as Buffer[] }, pong: { count: 0, recent: [] as Buffer[] } };
  overflow: InboxOverflow | undefined;
  private held = 0;
  private seq = 0;

  constructor(readonly limit: number = DEFAULT_INBOX_LIMIT) {}

  /** Bytes held by entries not consumed yet, ENTRY_OVERHEAD each included. */
  get heldBytes(): number {
    this.compact();
    return this.held;
  }

  /** Takes the message in, or turns it away (false) when it would take the inbox over its limit. */
  addMessage(data: Buffer, binary: boolean, compressedLength?: number): boolean {
    if (!this.admit(data.length)) return false;
    const message: InboxMessage = { kind: 'message', seq: this.seq++, at: performance.now(), data, binary, consumed: false };
    if (compressedLength !== undefined) message.compressedLength = compressedLength;
    this.messages.push(message);
    this.lastMessage = message;
    return true;
  }

  /** Takes the ping or pong in, or turns it away (false) when it would take the inbox over its limit. */
  addControl(kind: 'ping' | 'pong', payload: Buffer): boolean {
    const seen = this.controls[kind];
    seen.count++;
    seen.recent.push(payload);
    if (seen.recent.length > RECENT_CONTROLS) seen.recent.shift();
    if (!this.admit(payload.length)) return false;
    (kind === 'ping' ? this.pings : this.pongs).push({ kind, seq: this.seq++, at: performance.now(), payload, consumed: false });
    return true;
  }

  addFrame(event: FrameEvent): void {
    if (event.direction !== 'in') return;
    this.recentFrames.push(event);
    if (this.recentFrames.length > RECENT_FRAMES) this.recentFrames.shift();
  }

  unconsumedMessages(): InboxMessage[] {
    this.compact();
    return this.messages.slice();
  }

  unconsumed(kind: 'ping' | 'pong'): InboxControl[] {
    this.compact();
    return (kind === 'ping' ? this.pings : this.pongs).slice();
  }

  private admit(bytes: number): boolean {
    const cost = bytes + ENTRY_OVERHEAD;
    if (this.overflow === undefined && this.held + cost > this.limit) this.compact();
    if (this.overflow === undefined && this.held + cost <= this.limit) {
      this.held += cost;
      return true;
    }
    this.overflow ??= { limit: this.limit, held: this.held, refused: 0, refusedBytes: 0 };
    this.overflow.refused++;
    this.overflow.refusedBytes += bytes;
    return false;
  }

  /** Lets go of what steps consumed (they mark entries consumed) and recounts what is held. */
  private compact(): void {
    const keep = <T extends InboxEntry>(list: T[]): T[] => (list.some((entry) => entry.consumed) ? list.filter((entry) => !entry.consumed) : list);
    this.messages = keep(this.messages);
    this.pings = keep(this.pings);
    this.pongs = keep(this.pongs);
    let held = 0;
    for (const message of this.messages) held += message.data.length + ENTRY_OVERHEAD;
    for (const control of this.pings) held += control.payload.length + ENTRY_OVERHEAD;
    for (const control of this.pongs) held += control.payload.length + ENTRY_OVERHEAD;
    this.held = held;
  }
}
