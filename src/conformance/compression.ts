import { constants, deflateRawSync } from 'node:zlib';
import { headerValues } from '../client/header-rules';
import type { WsWorld } from '../world';
import { describeError } from '../world/describe';
import { assertionFailed, badArgument, StepError, StepErrorCode } from '../world/errors';
import type { NamedClient } from '../world/named-client';
import { conformanceState, type SentMessage } from './client-state';
import { binaryPayload, textPayload } from './payloads';
import { NON_STRICT_PREFIX, SKIPPED_PREFIX } from './results';
import { Opcode } from '../protocol/constants';
import { sendFrames, sendShapedMessage } from './sending';

/** {payload-kind}: how compressible a generated payload is, after Autobahn's categories 12 and 13. */
export const PAYLOAD_KIND = 'payload-kind';
export const PAYLOAD_KINDS = ['repetitive text', 'identical random text', 'random text', 'random binary', 'long-period binary'] as const;
export type PayloadKind = (typeof PAYLOAD_KINDS)[number];

/** A small deterministic generator: the same case sends the same bytes on every run. */
function pseudoRandom(seed: number): () => number {
  let state = (seed * 2654435761) >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

const WORDS = ['deflate', 'window', 'context', 'takeover', 'frame', 'message', 'server', 'client', 'bits', 'echo', 'zlib', 'stream'];
/** Longer than the widest window of 8 and 9 bits and shorter than 10: a window raised past 9 bits shows. */
const LONG_PERIOD = 1000;

/**
 * `size` bytes of a kind: repetitive text (the pack's usual pattern, compresses to almost nothing),
 * random text (words and digits, compresses by about half), random binary (does not compress), and
 * long-period binary (random 1000-byte blocks repeated: back-references of 1000 bytes, beyond a window
 * of 8 or 9 bits), and identical random text (random text that is the same in every message of the
 * kind, so that with context takeover a message refers back into the one before it).
 */
export function kindPayload(kind: PayloadKind, size: number, sequence: number): SentMessage {
  if (kind === 'identical random text') return kindPayload('random text', size, -1);
  const next = pseudoRandom(sequence + 1);
  switch (kind) {
    case 'repetitive text':
      return { data: textPayload(size, sequence), binary: false };
    case 'random text': {
      let text = '';
      while (text.length < size) text += `${WORDS[Math.floor(next() * WORDS.length)]}${Math.floor(next() * 1000)} `;
      return { data: Buffer.from(text.slice(0, size), 'latin1'), binary: false };
    }
    case 'random binary': {
      const data = Buffer.allocUnsafe(size);
      for (let i = 0; i < size; i++) data[i] = Math.floor(next() * 256);
      return { data, binary: true };
    }
    case 'long-period binary': {
      const block = Buffer.allocUnsafe(LONG_PERIOD);
      for (let i = 0; i < LONG_PERIOD; i++) block[i] = Math.floor(next() * 256);
      const data = Buffer.allocUnsafe(size);
      if (size > 0) data.fill(block);
      return { data, binary: true };
    }
  }
}

/**
 * Generated messages of a kind, each different, sent compressed (or not) and remembered for the echo
 * checks; with `fragments`, each is cut into that many frames (from its compressed bytes, RSV1 on the
 * first frame only).
 */
export async function sendKind(
  world: WsWorld,
  named: NamedClient,
  kind: PayloadKind,
  size: number,
  count: number,
  compress: boolean,
  fragments?: number,
): Promise<void> {
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw badArgument(`a count of messages is 1 to 1000, got ${count}`);
  if (fragments !== undefined && (!Number.isInteger(fragments) || fragments < 2 || fragments > 1000)) {
    throw badArgument(`a message in fragments has 2 to 1000 of them, got ${fragments}`);
  }
  for (let i = 0; i < count; i++) {
    const message = kindPayload(kind, size, conformanceState(named).sequence++);
    await sendShapedMessage(world, named, message, { compress, ...(fragments !== undefined ? { fragments } : {}) });
  }
}

/**
 * The case applies only when the server accepted this client's permessage-deflate offer: otherwise it
 * is skipped with a note that says what was offered and answered (a server may decline any offer).
 * A server that refuses the whole handshake over a valid offer (Autobahn|Python answers 400 to window
 * bits of 8, which zlib cannot do) breaks no MUST: RFC 7692 5 has it decline an offer it does not
 * support, which it does by leaving the extension out of a successful answer, so that a client can go
 * on without compression. The case is then skipped and graded NON-STRICT, saying so.
 */
export async function requireDeflate(world: WsWorld, named: NamedClient): Promise<'skipped' | undefined> {
  const last = named.lastAttempt;
  if (!last) throw new StepError(StepErrorCode.Usage, `"${named.name}" has not connected yet (use: Given "${named.name}" is connected)`);
  if (last.ok && last.open.perMessageDeflate) return undefined;
  if (!last.ok && last.error.code === 'bad-extension') {
    throw assertionFailed(`"${named.name}" could not use the server's permessage-deflate answer: ${describeError(last.error)}`);
  }
  if (!last.ok) {
    const refusal = last.error.response;
    if (refusal === undefined || refusal.statusCode < 400) throw assertionFailed(`"${named.name}" could not connect: ${describeError(last.error)}`);
    const offered = headerValues(named.client?.request?.headers ?? [], 'Sec-WebSocket-Extensions').join(', ') || 'nothing';
    const status = `${refusal.statusCode}${refusal.statusMessage ? ` ${refusal.statusMessage}` : ''}`;
    await world.attach(
      `${NON_STRICT_PREFIX}the server refused the handshake with HTTP ${status} over the permessage-deflate offer "${offered}" instead of declining the offer and answering without the extension (RFC 7692 5)`,
      'text/plain',
    );
    await world.attach(`${SKIPPED_PREFIX}the server refused the handshake over the offer "${offered}" (HTTP ${status})`, 'text/plain');
    return 'skipped';
  }
  const offered = headerValues(last.open.request.headers, 'Sec-WebSocket-Extensions').join(', ') || 'nothing';
  const answered = headerValues(last.open.response.headers, 'Sec-WebSocket-Extensions').join(', ');
  await world.attach(
    `${SKIPPED_PREFIX}the server did not accept permessage-deflate (offered "${offered}", answered ${answered ? `"${answered}"` : 'without Sec-WebSocket-Extensions'})`,
    'text/plain',
  );
  return 'skipped';
}

/**
 * RFC 7692 7.1: a server must decline an offer with an unknown parameter, a bad value or a parameter
 * given twice. Declining is answering without permessage-deflate, or refusing the handshake; taking the
 * extension on is a violation, and so is an answer our client could not make sense of.
 */
export function expectDeflateDeclined(named: NamedClient): void {
  const last = named.lastAttempt;
  if (!last) throw new StepError(StepErrorCode.Usage, `"${named.name}" has not tried to connect yet (use: When "${named.name}" tries to connect)`);
  const response = last.ok ? last.open.response : last.error.response;
  if (!response) throw assertionFailed(`"${named.name}" got no HTTP answer: ${last.ok ? 'none' : describeError(last.error)}`);
  if (response.statusCode !== 101) return;
  const answered = headerValues(response.headers, 'Sec-WebSocket-Extensions').join(', ');
  if (/(^|,)\s*permessage-deflate\b/i.test(answered)) {
    const offered = headerValues((last.ok ? last.open.request : named.client?.request)?.headers ?? [], 'Sec-WebSocket-Extensions').join(', ');
    throw assertionFailed(`the server accepted the offer "${offered}" it had to decline, answering "${answered}"`);
  }
}

/**
 * A message compressed on its own (no back-reference into the context), valid under any negotiated
 * terms. It bypasses the client's compressor, whose context it leaves behind: only for a message after
 * which the connection is to fail.
 */
export function standaloneCompressed(data: Buffer): Buffer {
  const flushed = deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH, windowBits: 9 });
  return flushed.subarray(0, flushed.length - 4);
}

/** A compressed text message in two frames with RSV1 set on both, which RFC 7692 6.1 forbids on the second. */
export function sendRsv1OnContinuation(named: NamedClient, text: string): void {
  const compressed = standaloneCompressed(Buffer.from(text));
  const cut = Math.max(1, Math.floor(compressed.length / 2));
  sendFrames(named, [
    { opcode: Opcode.Text, fin: false, rsv1: true, payload: compressed.subarray(0, cut) },
    { opcode: Opcode.Continuation, fin: true, rsv1: true, payload: compressed.subarray(cut) },
  ]);
}

/** Text bytes sent compressed (RSV1 set): the server judges them as UTF-8 only after inflating. */
export function sendCompressedTextBytes(named: NamedClient, bytes: Buffer): void {
  sendFrames(named, [{ opcode: Opcode.Text, rsv1: true, payload: standaloneCompressed(bytes) }]);
}
