import type { Envelope } from '@cucumber/messages';

/**
 * A cucumber formatter plugin, the shape cucumber-js 12 loads from `--format` (an object with
 * `type: 'formatter'` as a module's default export). Cucumber exports no type for it; this is the part
 * wsbdd's formatters use, written against the Cucumber Messages types.
 */
export interface FormatterPlugin<Options = unknown> {
  type: 'formatter';
  formatter: (context: FormatterContext<Options>) => PromiseLike<FormatterCleanup | void> | FormatterCleanup | void;
  /** The key of cucumber's format options holding this formatter's own options. */
  optionsKey?: string;
}

export type FormatterCleanup = () => PromiseLike<void> | void;

export interface FormatterContext<Options = unknown> {
  on: (key: 'message', handler: (envelope: Envelope) => void) => void;
  options: Options;
  logger: FormatterLogger;
  stream: NodeJS.WritableStream;
  write: (buffer: string | Uint8Array) => void;
  /** The directory of the output file, when the formatter writes to one. */
  directory?: string;
}

export interface FormatterLogger {
  debug: (message: string) => void;
  info: (message: string) => void;
  warn: (message: string) => void;
  error: (message: string) => void;
}
