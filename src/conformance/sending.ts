import { MAX_CONTROL_PAYLOAD, Opcode } from '../protocol/constants';
import type { FrameSpec } from '../protocol/frame';
import type { SendMessageOptions } from '../protocol/protocol';
import type { WsWorld } from '../world';
import { badArgument, StepError, StepErrorCode } from '../world/errors';
import type { NamedClient } from '../world/named-client';
import type { WebSocketClient } from '../client/client';
import { clientContext } from '../world/describe';
import { openClient, refusedBy, withReportedError } from '../world/sending';
import { conformanceState, type SentMessage } from './client-state';
import { binaryPayload, textPayload } from './payloads';
import { encodeClientFrame, encodeClientMessage, writeInPieces } from './wire';
import { byteCount } from '../world/plural';

/** How a generated message is cut: into fragments, and into TCP writes. */
export interface MessageShape {
  /** A number of fragments, or a fragment size in bytes (`{ size }`). */
  fragments?: number | { size: number };
  /** A ping goes after every fragment but the last. */
  pingsBetween?: boolean;
  /** Write the frames in TCP writes of this many bytes instead of as whole frames. */
  pieceSize?: number;
  /** With permessage-deflate negotiated: false sends the message uncompressed (RSV1 clear). */
  compress?: boolean;
}

/** A new payload of `size` bytes, different from the ones this client sent before. */
export function generatedMessage(named: NamedClient, binary: boolean, size: number): SentMessage {
  const sequence = conformanceState(named).sequence++;
  return { data: binary ? binaryPayload(size, sequence) : textPayload(size, sequence), binary };
}

function fragmentOption(size: number, fragments: MessageShape['fragments']): number | number[] | undefined {
  if (fragments === undefined || typeof fragments === 'number') return fragments;
  if (!Number.isInteger(fragments.size) || fragments.size < 1) throw badArgument('a fragment has at least 1 byte');
  const whole = Math.floor(size / fragments.size);
  if (whole === 0) return undefined;
  return new Array<number>(whole).fill(fragments.size);
}

function fragmentCountOf(option: number | number[] | undefined, size: number): number {
  if (option === undefined) return 1;
  if (typeof option === 'number') return option;
  const covered = option.reduce((sum, s) => sum + s, 0);
  return option.length + (covered < size ? 1 : 0);
}

/**
 * Run one of the pack's sends. What the pack sends, a server may fail the connection on before it has
 * all been written (a fail-fast UTF-8 check, a TCP reset): a write that fails once the connection is
 * going away is the server's answer, for the next step to judge, not a failure of this one. A send
 * refused before anything went out still fails the step, with the client's own error.
 */
function packSend(named: NamedClient, what: string, send: (client: WebSocketClient) => boolean): void {
  const client = openClient(named);
  const { result, error } = withReportedError(named, () => send(client));
  if (result || (error?.kind === 'send' && error.code === 'write-failed')) return;
  throw refusedBy(named, what, error);
}

/** Send a message (generated or given) as the shape says, and remember it for the echo checks. */
export async function sendShapedMessage(world: WsWorld, named: NamedClient, message: SentMessage, shape: MessageShape): Promise<void> {
  const state = conformanceState(named);
  const fragments = fragmentOption(message.data.length, shape.fragments);
  const options: SendMessageOptions = { binary: message.binary, ...(fragments !== undefined ? { fragments } : {}) };
  if (shape.compress === false) options.compress = false;
  if (shape.pingsBetween) {
    const count = fragmentCountOf(fragments, message.data.length) - 1;
    const pings = Array.from({ length: count }, (_, i) => Buffer.from(`between ${state.sequence}.${i + 1}`));
    options.between = pings.map((payload): FrameSpec => ({ opcode: Opcode.Ping, payload }));
    state.pings.push(...pings);
  }
  state.messages.push(message);
  const what = `a ${message.binary ? 'binary' : 'text'} message of ${byteCount(message.data.length)}`;
  if (shape.pieceSize === undefined) {
    packSend(named, what, (client) => client.send(message.data, options));
  } else {
    await writeInPieces(world, named, encodeClientMessage(message.data, options), shape.pieceSize);
  }
}

/** Several messages back to back, either as separate sends or all frames in a single TCP write. */
export function sendMessages(named: NamedClient, messages: SentMessage[], oneWrite: boolean): void {
  conformanceState(named).messages.push(...messages);
  if (oneWrite) {
    const bytes = Buffer.concat(messages.map((m) => encodeClientMessage(m.data, { binary: m.binary })));
    packSend(named, `${messages.length} messages in one write`, (client) => client.sendRaw(bytes));
    return;
  }
  for (const message of messages) packSend(named, `a message of ${byteCount(message.data.length)}`, (client) => client.send(message.data, { binary: message.binary }));
}

/**
 * Frames in one go, written synchronously one after the other. A step that sends a violation followed
 * by more frames must not give the server's answer time to arrive in between, or the later frames
 * would race the close. Allowed while the client is closing, so that data can follow a close frame.
 */
export function sendFrames(named: NamedClient, specs: FrameSpec[]): void {
  const client = named.client;
  if (!client || (client.state !== 'open' && client.state !== 'closing')) {
    throw new StepError(StepErrorCode.NotConnected, `"${named.name}" cannot send frames: it is not connected\n${clientContext(named, { unconsumed: false })}`);
  }
  for (const [index, spec] of specs.entries()) {
    if (!client.sendFrame(spec)) {
      // The very first frame must go out; a later one may meet a connection the server rightly closed.
      if (index === 0) {
        throw new StepError(StepErrorCode.NotConnected, `"${named.name}" could not send the frame\n${clientContext(named, { unconsumed: false })}`);
      }
      return;
    }
    rememberPing(named, spec);
  }
}

/** A valid ping is remembered, so that "should receive a pong with that payload" knows what to expect. */
function rememberPing(named: NamedClient, spec: FrameSpec): void {
  const payload = spec.payload ?? Buffer.alloc(0);
  if (spec.opcode === Opcode.Ping && spec.fin !== false && payload.length <= MAX_CONTROL_PAYLOAD) conformanceState(named).pings.push(payload);
}

export async function sendFrameInPieces(world: WsWorld, named: NamedClient, spec: FrameSpec, pieceSize: number): Promise<void> {
  await writeInPieces(world, named, encodeClientFrame(spec), pieceSize);
}

/** A ping (remembered for the pong checks) or a pong, with any payload, oversized ones included. */
export async function sendControl(
  world: WsWorld,
  named: NamedClient,
  opcode: typeof Opcode.Ping | typeof Opcode.Pong,
  payload: Buffer,
  pieceSize?: number,
): Promise<void> {
  const spec: FrameSpec = { opcode, payload };
  rememberPing(named, spec);
  if (pieceSize === undefined) packSend(named, `a ${opcode === Opcode.Ping ? 'ping' : 'pong'} of ${byteCount(payload.length)}`, (c) => c.sendFrame(spec));
  else await sendFrameInPieces(world, named, spec, pieceSize);
}

/** `count` pings with distinct payloads, sent back to back. */
export async function sendPings(world: WsWorld, named: NamedClient, count: number, pieceSize?: number): Promise<void> {
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw badArgument(`send between 1 and 1000 pings, not ${count}`);
  for (let i = 1; i <= count; i++) await sendControl(world, named, Opcode.Ping, Buffer.from(`ping ${i} of ${count}`), pieceSize);
}

/** The payload of a close frame exactly as given: any code (invalid ones too) and any reason bytes. */
export function closePayload(code: number, reason: Buffer = Buffer.alloc(0)): Buffer {
  if (!Number.isInteger(code) || code < 0 || code > 0xffff) throw badArgument(`a close code fits in 2 bytes (0-65535), not ${code}`);
  const payload = Buffer.alloc(2 + reason.length);
  payload.writeUInt16BE(code, 0);
  reason.copy(payload, 2);
  return payload;
}

/** The header of a text frame that announces `declaredLength` bytes, and only the first bytes of it. */
export function sendFrameStart(named: NamedClient, declaredLength: number, firstBytes: Buffer): void {
  if (firstBytes.length >= declaredLength) {
    throw badArgument(`the frame announces ${declaredLength} bytes, so send fewer than that (${firstBytes.length} given)`);
  }
  packSend(named, 'the start of a text frame', (c) => c.sendFrame({ opcode: Opcode.Text, payload: firstBytes, declaredLength }));
}
