import { getKeywords, getLanguages } from '@cucumber/cucumber/lib/cli/i18n';
import type { RunArgs } from './args';
import type { ParsedArgv } from './cucumber-argv';
import { USAGE } from './usage';
import { versionText } from './version';

/** What --help or --version print instead of a run. */
export function wsbddInformation(args: RunArgs): string | undefined {
  if (args.help) return USAGE;
  if (args.version) return versionText();
  return undefined;
}

/** Cucumber's options that print something instead of a run, answered the way cucumber's own command does. */
export function cucumberInformation(options: ParsedArgv['options']): string | undefined {
  if (options.i18nLanguages) return getLanguages();
  if (options.i18nKeywords) return getKeywords(options.i18nKeywords);
  return undefined;
}
