import { dialects } from '@cucumber/gherkin';
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

/** Columns separated by " | ", each as wide as its widest cell. */
function table(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]! + cell.length - [...cell].length)).join(' | ').trimEnd()).join('\n') + '\n';
}

/** Every language Gherkin reads, by ISO 639-1 code. */
function getLanguages(): string {
  const rows = Object.entries(dialects).map(([code, dialect]) => [code, dialect.name, dialect.native]);
  return table([['ISO 639-1', 'ENGLISH NAME', 'NATIVE NAME'], ...rows]);
}

const KEYWORDS = [
  ['Feature', 'feature'],
  ['Rule', 'rule'],
  ['Background', 'background'],
  ['Scenario', 'scenario'],
  ['Scenario Outline', 'scenarioOutline'],
  ['Examples', 'examples'],
  ['Given', 'given'],
  ['When', 'when'],
  ['Then', 'then'],
  ['And', 'and'],
  ['But', 'but'],
] as const;

/** The keywords of one language, each with its words in that language. */
function getKeywords(code: string): string {
  const dialect = dialects[code]!;
  const rows = KEYWORDS.map(([english, key]) => [english, dialect[key].map((word) => JSON.stringify(word)).join(', ')]);
  return table([['ENGLISH KEYWORD', 'NATIVE KEYWORDS'], ...rows]);
}
