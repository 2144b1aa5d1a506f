import { FrameDecoder, type DecoderOptions } from './decoder';
import type { Frame } from './frame';
import { checkFrameHeader, type FrameRules } from './frame-rules';

export interface DecodeOptions extends DecoderOptions {
  /** Judge each header by these rules and throw the first violation; default: accept any frame. */
  rules?: FrameRules;
}

/**
 * Decodes every complete frame in the given chunks (e.g. bytes a fixture server read from a client).
 * Bytes of an unfinished last frame are ignored. Masked payloads are unmasked in place.
 */
export function decodeFrames(chunks: Buffer | Buffer[], options: DecodeOptions = {}): Frame[] {
  const frames: Frame[] = [];
  const rules = options.rules;
  const decoder = new FrameDecoder({
    frameStart: (frame, width) => {
      if (rules !== undefined) checkFrameHeader(frame, width, rules);
      return true;
    },
    payload: () => true,
    frameEnd: (frame) => frames.push(frame),
  }, options);
  for (const chunk of Array.isArray(chunks) ? chunks : [chunks]) decoder.push(chunk);
  return frames;
}
