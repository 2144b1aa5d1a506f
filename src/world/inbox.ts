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

const RECENT_FRAMES = 10;

/**
 * Everything a client received, from the moment it first connected, across reconnects. Receive steps
 * consume entries so that each message is matched once, in arrival order.
 */
export class Inbox {
  readonly messages: InboxMessage[] = [];
  readonly pings: InboxControl[] = [];
  readonly pongs: InboxControl[] = [];
  /** The last frames that came in, for failure messages. */
  readonly recentFrames: FrameEvent[] = [];
  private seq = 0;

  addMessage(data: Buffer, binary: boolean, compressedLength?: number): void {
    const message: InboxMessage = { kind: 'message', seq: this.seq++, at: performance.now(), data, binary, consumed: false };
    if (compressedLength !== undefined) message.compressedLength = compressedLength;
    this.messages.push(message);
  }

  addControl(kind: 'ping' | 'pong', payload: Buffer): void {
    const list = kind === 'ping' ? this.pings : this.pongs;
    list.push({ kind, seq: this.seq++, at: performance.now(), payload, consumed: false });
  }

  addFrame(event: FrameEvent): void {
    if (event.direction !== 'in') return;
    this.recentFrames.push(event);
    if (this.recentFrames.length > RECENT_FRAMES) this.recentFrames.shift();
  }

  unconsumedMessages(): InboxMessage[] {
    return this.messages.filter((m) => !m.consumed);
  }

  unconsumed(kind: 'ping' | 'pong'): InboxControl[] {
    return (kind === 'ping' ? this.pings : this.pongs).filter((c) => !c.consumed);
  }
}
