import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { badArgument } from './errors';

/**
 * The content of a file a step sends. A missing file or a text file that is not UTF-8 fails the step
 * before anything is sent, naming the path as it was resolved.
 */
export function readSendFile(path: string, as: 'text' | 'binary'): Buffer {
  const full = resolve(path);
  let content: Buffer;
  try {
    content = readFileSync(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw badArgument(`cannot send the file "${path}" (${full}): ${why}; nothing was sent`);
  }
  if (as === 'text' && !isUtf8(content)) {
    throw badArgument(`the file "${path}" is not UTF-8 text, so it cannot go out as a text message: send its bytes instead (sends the bytes of the file "${path}"); nothing was sent`);
  }
  return content;
}
