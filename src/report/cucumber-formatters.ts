import { promisify } from 'node:util';
import { finished } from 'node:stream';
import { Formatter, JsonFormatter, ProgressFormatter, SummaryFormatter, UsageFormatter, UsageJsonFormatter } from '@cucumber/cucumber';
import { CucumberHtmlStream } from '@cucumber/html-formatter';
import { AttachmentExternalisingStream } from '@cucumber/message-streams';
import type { Envelope } from '@cucumber/messages';
import type { FormatterPlugin } from './formatter-plugin';
import { withOpenFailures } from './html-open-failures';

/**
 * Cucumber's own formatters, from its public packages: the HTML report and JUnit XML are separate
 * packages (@cucumber/html-formatter, @cucumber/junit-xml-formatter), the legacy class formatters are
 * exported by @cucumber/cucumber, and the message formatter writes each message as a line of JSON.
 */

export interface HtmlOptions {
  /** Cucumber's `html.externalAttachments`: write attachments as files beside the report. */
  externalAttachments?: boolean | readonly string[];
}

export const htmlReport: FormatterPlugin<HtmlOptions> = {
  type: 'formatter',
  optionsKey: 'html',
  formatter({ on, options, write, directory }) {
    if (!directory && options.externalAttachments) {
      throw new Error('Unable to externalise attachments when formatter is not writing to a file');
    }
    const externalising = new AttachmentExternalisingStream({ behaviour: options.externalAttachments, directory: directory ?? '' });
    const html = new CucumberHtmlStream();
    externalising.pipe(html);
    on('message', (envelope) => externalising.write(envelope));
    // Each chunk is held until the next one comes, so that the script goes into the last (the page's end).
    let held: Buffer | undefined;
    html.on('data', (chunk: string | Uint8Array) => {
      if (held !== undefined) write(held);
      held = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    });
    return async () => {
      externalising.end();
      await promisify(finished)(html);
      if (held !== undefined) write(withOpenFailures(held));
    };
  },
};

/**
 * Cucumber's JUnit XML formatter, loaded when the run has finished: it writes nothing before that, and
 * loading it (xmlbuilder, @cucumber/query) cost about 30 ms of start-up before the first step. The
 * messages wait for it in a list, as they would in the formatter's own query.
 */
export const junitReport: FormatterPlugin = {
  type: 'formatter',
  optionsKey: 'junit',
  formatter(context) {
    const held: Envelope[] = [];
    context.on('message', (envelope) => {
      held.push(envelope);
      if (!envelope.testRunFinished) return;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const plugin = (require('@cucumber/junit-xml-formatter') as { default: FormatterPlugin }).default;
      let deliver: ((message: Envelope) => void) | undefined;
      void plugin.formatter({ ...context, on: (_key, handler) => (deliver = handler) });
      for (const message of held.splice(0)) deliver!(message);
    });
  },
};

export const messageStream: FormatterPlugin = {
  type: 'formatter',
  formatter({ on, write }) {
    on('message', (envelope) => write(JSON.stringify(envelope) + '\n'));
  },
};

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * The class-based formatters wsbdd wraps, by their --format names: those that print step text, which may
 * hold a password. `pretty` (a package of its own, a class formatter in this version) loads on first use,
 * as cucumber itself loads it.
 */
export const CLASS_FORMATTERS = {
  json: () => JsonFormatter,
  progress: () => ProgressFormatter,
  summary: () => SummaryFormatter,
  usage: () => UsageFormatter,
  'usage-json': () => UsageJsonFormatter,
  pretty: (): typeof Formatter => require('@cucumber/pretty-formatter').default,
} satisfies Record<string, () => typeof Formatter>;
