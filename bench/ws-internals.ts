/**
 * Typed access to the frame codec inside the `ws` package (lib/sender.js and lib/receiver.js of ws 8),
 * which the benchmark measures ours against. The package's "exports" map hides the lib/ subpaths, but
 * its main module re-exports both classes as WebSocket.Sender and WebSocket.Receiver.
 */

export interface WsFrameOptions {
  fin: boolean;
  opcode: number;
  mask: boolean;
  /** true: the data belongs to the caller and must not be masked in place. */
  readOnly: boolean;
  rsv1: boolean;
}

interface WsSenderClass {
  /** Returns the frame as a list of buffers (header, data) or one merged buffer. */
  frame(data: Buffer, options: WsFrameOptions): Buffer[];
}

/** The Receiver is a Writable stream that emits one event per message. */
export interface WsReceiver {
  write(chunk: Buffer): boolean;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
}

interface WsReceiverClass {
  new (options: { isServer: boolean; maxPayload: number }): WsReceiver;
}

interface WsInternals {
  Sender: WsSenderClass;
  Receiver: WsReceiverClass;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ws = require('ws') as WsInternals;

export const WsSender = ws.Sender;
export const WsReceiverCtor = ws.Receiver;
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const wsVersion = (require('ws/package.json') as { version: string }).version;
