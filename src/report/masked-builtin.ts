import { CLASS_FORMATTERS, htmlReport, junitReport, messageStream } from './cucumber-formatters';
import type { FormatterPlugin } from './formatter-plugin';
import { maskedClass, maskedPlugin } from './masked-formatter';

const PLUGINS = { html: htmlReport, junit: junitReport, message: messageStream } as const;

/** The names of cucumber's own formatters that wsbdd wraps. */
export type BuiltinName = keyof typeof PLUGINS | keyof typeof CLASS_FORMATTERS;

/** One of cucumber's own formatters by its --format name, reading the run's masked message stream. */
export function maskedBuiltin(name: BuiltinName): ReturnType<typeof maskedClass> | FormatterPlugin {
  return name in PLUGINS ? maskedPlugin(PLUGINS[name as keyof typeof PLUGINS]) : maskedClass(CLASS_FORMATTERS[name as keyof typeof CLASS_FORMATTERS]());
}
