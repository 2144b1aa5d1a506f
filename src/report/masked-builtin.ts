import { createRequire } from 'node:module';
import type { FormatterImplementation } from '@cucumber/cucumber/lib/formatter';
import builtin from '@cucumber/cucumber/lib/formatter/builtin/index';
import { findClassOrPlugin } from '@cucumber/cucumber/lib/formatter/find_class_or_plugin';
import type { FormatterPlugin } from '@cucumber/cucumber/lib/plugin/types';
import { maskedClass, maskedPlugin } from './masked-formatter';

/**
 * One of cucumber's own formatters by its --format name, seeing the run's messages with the feature
 * files' secrets masked. Some builtins are separate packages (junit); they are loaded from cucumber's
 * own dependencies, so that a project needs no extra install.
 */
export function maskedBuiltin(name: string): FormatterImplementation {
  const found = builtin[name];
  if (found === undefined) throw new Error(`cucumber has no builtin formatter named "${name}"`);
  const implementation = (typeof found === 'string' ? findClassOrPlugin(cucumberRequire(found)) : found) as FormatterImplementation | null;
  if (!implementation) throw new Error(`cucumber's "${name}" formatter (${String(found)}) exports no formatter`);
  return typeof implementation === 'function' ? maskedClass(implementation) : maskedPlugin(implementation as FormatterPlugin);
}

function cucumberRequire(specifier: string): unknown {
  return createRequire(require.resolve('@cucumber/cucumber'))(specifier);
}
