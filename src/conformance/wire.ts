import { setImmediate as nextTurn } from 'node:timers/promises';
import type { WebSocketClient } from '../client/client';
import { randomMaskKey } from '../protocol/mask-key';
import { encodeFrame, type EncoderDefaults } from '../protocol/encoder';
import type { FrameSpec } from '../protocol/frame';
import type { SendMessageOptions } from '../protocol/protocol';
import { encodeMessageFrames } from '../protocol/send-message';
import type { WsWorld } from '../world';
import { badArgument } from '../world/errors';
import type { NamedClient } from '../world/named-client';
import { abortedError } from '../world/wait';
import { openClient } from '../world/sending';

const CLIENT_ENCODING: EncoderDefaults = { mask: true, maskKeySource: randomMaskKey };

/** Writing one byte at a time yields to the event loop after every byte; this bounds how long that takes. */
export const MAX_BYTES_ONE_PER_WRITE = 64 * 1024;
/** Bounds the number of separate writes of one step. */
export const MAX_WRITES = 64 * 1024;

/** The wire bytes of a client frame (masked unless the spec says otherwise). */
export function encodeClientFrame(spec: FrameSpec): Buffer {
  return Buffer.concat(encodeFrame(spec, CLIENT_ENCODING).chunks);
}

/** The wire bytes of a whole message: its fragments, with any control frames between them. */
export function encodeClientMessage(data: Buffer, options: SendMessageOptions): Buffer {
  return Buffer.concat(encodeMessageFrames(data, options, CLIENT_ENCODING).flatMap((frame) => frame.chunks));
}

/**
 * Write bytes in pieces of `pieceSize`, each a separate write, yielding to the event loop between them
 * so that they leave as separate TCP segments. Stops early, without failing, when the connection stops
 * being writable: a server may rightly fail the connection before the last byte (an RSV bit is known
 * from the first byte); later steps judge what it did.
 */
export async function writeInPieces(world: WsWorld, named: NamedClient, bytes: Buffer, pieceSize: number): Promise<void> {
  if (!Number.isInteger(pieceSize) || pieceSize < 1) throw badArgument(`TCP writes of ${pieceSize} bytes: use 1 byte or more`);
  if (pieceSize === 1 && bytes.length > MAX_BYTES_ONE_PER_WRITE) {
    throw badArgument(`${bytes.length} bytes one byte per TCP write is too slow to be useful; send at most ${MAX_BYTES_ONE_PER_WRITE}`);
  }
  if (Math.ceil(bytes.length / pieceSize) > MAX_WRITES) {
    throw badArgument(`${bytes.length} bytes in TCP writes of ${pieceSize} bytes would take more than ${MAX_WRITES} writes; use larger writes`);
  }
  const client = openClient(named);
  for (let offset = 0; offset < bytes.length; offset += pieceSize) {
    if (world.abortSignal.aborted) throw abortedError(world.abortSignal);
    if (!writable(client) || !client.sendRaw(bytes.subarray(offset, offset + pieceSize))) return;
    await nextTurn();
  }
}

function writable(client: WebSocketClient): boolean {
  return client.state === 'open' || client.state === 'closing';
}
