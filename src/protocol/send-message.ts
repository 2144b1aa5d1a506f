import { Opcode } from './constants';
import { encodeFrame, type EncodedFrame, type EncoderDefaults } from './encoder';
import { ProtocolUsageError } from './errors';
import { fragmentSizes } from './fragments';
import type { SendMessageOptions } from './protocol';

/**
 * Encodes one message as its frames, in wire order: the fragments, with the requested frames between
 * them. Everything is encoded before anything is returned, so a bad option queues nothing.
 */
export function encodeMessageFrames(
  data: string | Buffer,
  options: SendMessageOptions,
  defaults: EncoderDefaults,
): EncodedFrame[] {
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const binary = options.binary ?? typeof data !== 'string';
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
          payload: sizes.length === 1 ? payload : payload.subarray(offset, end),
        },
        defaults,
      ),
    );
    if (i < between.length) frames.push(encodeFrame(between[i], defaults));
    offset = end;
  }
  return frames;
}
