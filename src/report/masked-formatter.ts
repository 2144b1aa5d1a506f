import { EventEmitter } from 'node:events';
import { formatterHelpers, type Formatter, type IFormatterOptions } from '@cucumber/cucumber';
import type { FormatterPlugin } from './formatter-plugin';
import { MaskedMessages } from './shared-masking';
import { resolveSecretHeaders } from './options';

type Handler = (envelope: never) => void;

/**
 * A formatter plugin that sees the run's messages with the secrets of the feature files masked
 * (RunMessageMasking). It takes the whole format options, to read `secretHeaders` there, and hands the
 * wrapped plugin its own part of them, as cucumber would.
 */
export function maskedPlugin<Options>(inner: FormatterPlugin<Options>): FormatterPlugin {
  return {
    type: 'formatter',
    async formatter(context) {
      const redaction = new MaskedMessages(resolveSecretHeaders(context.options));
      const handlers: Handler[] = [];
      const options: unknown = inner.optionsKey ? (asRecord(context.options)[inner.optionsKey] ?? {}) : context.options;
      const cleanup = await inner.formatter({
        ...context,
        options: options as Options,
        on: (key, handler) => {
          if (key === 'message') handlers.push(handler as Handler);
        },
      });
      const hand = (envelopes: readonly object[]): void => {
        for (const envelope of envelopes) for (const handler of handlers) handler(envelope as never);
      };
      context.on('message', (envelope) => hand(redaction.accept(envelope)));
      return async () => {
        hand(redaction.release());
        if (typeof cleanup === 'function') await cleanup();
      };
    },
  };
}

/**
 * The same for cucumber's class-based formatters (json, progress, summary): the wrapped formatter gets
 * its own event stream carrying masked messages, and its own EventDataCollector built from them, which
 * is where it reads step texts and tables when it prints a failure.
 */
export function maskedClass(Inner: typeof Formatter): typeof Formatter {
  class RedactedFormatter {
    static readonly documentation = Inner.documentation;
    private readonly inner: Formatter;
    private readonly masked = new EventEmitter();
    private readonly redaction: MaskedMessages;

    constructor(options: IFormatterOptions) {
      this.redaction = new MaskedMessages(resolveSecretHeaders(options.parsedArgvOptions));
      // Created before the formatter so that it has stored a message by the time the formatter reads it.
      const collector = new formatterHelpers.EventDataCollector(this.masked);
      this.inner = new Inner({ ...options, eventBroadcaster: this.masked, eventDataCollector: collector });
      options.eventBroadcaster.on('envelope', (envelope: object) => this.hand(this.redaction.accept(envelope)));
    }

    async finished(): Promise<void> {
      this.hand(this.redaction.release());
      await this.inner.finished();
    }

    private hand(envelopes: readonly object[]): void {
      for (const envelope of envelopes) this.masked.emit('envelope', envelope);
    }
  }
  return RedactedFormatter as unknown as typeof Formatter;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
