import { Opcode } from './constants';
import type { MessageDeflater } from './deflate';
import { encodeFrame, type EncodedFrame, type EncoderDefaults } from './encoder';
import { ProtocolUsageError } from './errors';
import { fragmentSizes } from './fragments';
import type { SendMessageOptions } from './protocol';

/**
 * Encodes one message as its frames, in wire order: the fragments, with the requested frames between
 * them. Everything is encoded before anything is returned, so a bad option queues nothing. With a
 * deflater the message is compressed first (RFC 7692 7.2.1): RSV1 goes on its first frame only, and the
 * fragments are cut from the compressed bytes.
 */
export function encodeMessageFrames(
  data: string | Buffer,
  options: SendMessageOptions,
  defaults: EncoderDefaults,
  deflater?: MessageDeflater,
): EncodedFrame[] {
  const plain = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const binary = options.binary ?? typeof data !== 'string';
  const payload = deflater ? deflater.deflate(plain) : plain;
  const opcode = binary ? Opcode.Binary : Opcode.Text;
  const sizes = options.fragments === undefined ? [payload.length] : fragmentSizes(payload.length, options.fragments);
  const between = options.between ?? [];
  if (between.length > sizes.length) {
    throw new ProtocolUsageError(
      `${between.length} frames to send between fragments, but the message has only ${sizes.length} fragment(s)`,
    );
  }
  const frames: EncodedFrame[] = [];
  let offset = 0;
  for (let i = 0; i < sizes.length; i++) {
    const end = offset + sizes[i];
    frames.push(
      encodeFrame(
        {
          opcode: i === 0 ? opcode : Opcode.Continuation,
          fin: i === sizes.length - 1,
          rsv1: i === 0 && deflater !== undefined,
          payload: sizes.length === 1 ? payload : payload.subarray(offset, end),
        },
        defaults,
      ),
    );
    if (i === 0 && deflater !== undefined) {
      frames[0].inflatedLength = plain.length;
      frames[0].inflated = plain;
    }
    if (i < between.length) frames.push(encodeFrame(between[i], defaults));
    offset = end;
  }
  // Only a message that is going out moves the compression context on.
  if (deflater !== undefined) deflater.commit(plain);
  return frames;
}
