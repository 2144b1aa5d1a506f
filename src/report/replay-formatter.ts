import { createWriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';
import type { Envelope } from '@cucumber/messages';
import type { FormatterPlugin } from './formatter-plugin';

/**
 * Runs a formatter plugin over messages that were recorded earlier (a merged run), writing its output to
 * `file`, as cucumber would have during the run. Messages are handed over one by one, in order, then the
 * plugin's cleanup runs and the file is closed.
 */
export async function replayFormatter(plugin: FormatterPlugin, envelopes: readonly Envelope[], file: string, options: object = {}): Promise<void> {
  const stream = createWriteStream(file);
  const failed = once(stream, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined);
  const handlers: Array<(envelope: Envelope) => void> = [];
  const cleanup = await plugin.formatter({
    on: (key: string, handler: (value: never) => void) => {
      if (key === 'message') handlers.push(handler as (envelope: Envelope) => void);
    },
    options,
    logger: { debug: () => undefined, info: () => undefined, warn: (text: string) => process.stderr.write(`${text}\n`), error: (text: string) => process.stderr.write(`${text}\n`) },
    stream,
    write: (data: string | Uint8Array) => stream.write(data),
    directory: dirname(file),
  } as unknown as Parameters<FormatterPlugin['formatter']>[0]);
  for (const envelope of envelopes) for (const handler of handlers) handler(envelope);
  if (typeof cleanup === 'function') await cleanup();
  stream.end();
  await Promise.race([once(stream, 'finish'), failed]);
}
