import type { IConfiguration } from '@cucumber/cucumber/api';
import { dialects } from '@cucumber/gherkin';
import { UsageError } from '../usage-error';

/** What cucumber's options on the command line ask for: information to print, where to load from, and configuration. */
export interface ParsedArgv {
  options: { config?: string; profile: string[]; i18nLanguages?: boolean; i18nKeywords?: string };
  configuration: Partial<IConfiguration>;
}

type Kind =
  /** No value: true when given. */
  | 'flag'
  /** One value; a later one wins. */
  | 'value'
  /** Repeatable: every value, in order. */
  | 'list'
  /** Repeatable JSON objects, merged deeply. */
  | 'json'
  /** A whole number, 0 or more. */
  | 'count'
  /** Repeatable tag expressions, each must hold. */
  | 'tags';

interface OptionSpec {
  long: string;
  short?: string;
  kind: Kind;
  /** Its key in cucumber's configuration, or in `options` for those that are not configuration. */
  key: string;
  /** The name of its value, as cucumber's help shows it. */
  value?: string;
  option?: true;
}

/**
 * Cucumber's command-line options (cucumber-js 12, docs/cli.md), read here rather than through cucumber's
 * internal parser: what they mean in the configuration is cucumber's public `IConfiguration`, which
 * `loadConfiguration` takes as it is.
 */
const OPTIONS: OptionSpec[] = [
  { long: 'backtrace', short: 'b', kind: 'flag', key: 'backtrace' },
  { long: 'config', short: 'c', kind: 'value', key: 'config', value: 'PATH', option: true },
  { long: 'dry-run', short: 'd', kind: 'flag', key: 'dryRun' },
  { long: 'exit', kind: 'flag', key: 'forceExit' },
  { long: 'force-exit', kind: 'flag', key: 'forceExit' },
  { long: 'fail-fast', kind: 'flag', key: 'failFast' },
  { long: 'format', short: 'f', kind: 'list', key: 'format', value: 'TYPE[:PATH]' },
  { long: 'format-options', kind: 'json', key: 'formatOptions', value: 'JSON' },
  { long: 'i18n-keywords', kind: 'value', key: 'i18nKeywords', value: 'ISO 639-1', option: true },
  { long: 'i18n-languages', kind: 'flag', key: 'i18nLanguages', option: true },
  { long: 'import', short: 'i', kind: 'list', key: 'import', value: 'GLOB|DIR|FILE' },
  { long: 'loader', short: 'l', kind: 'list', key: 'loader', value: 'NODE_MODULE' },
  { long: 'language', kind: 'value', key: 'language', value: 'ISO 639-1' },
  { long: 'name', kind: 'list', key: 'name', value: 'REGEXP' },
  { long: 'order', kind: 'value', key: 'order', value: 'TYPE[:SEED]' },
  { long: 'profile', short: 'p', kind: 'list', key: 'profile', value: 'NAME', option: true },
  { long: 'parallel', kind: 'count', key: 'parallel', value: 'NUMBER_OF_WORKERS' },
  { long: 'plugin', kind: 'list', key: 'plugin', value: 'SPECIFIER' },
  { long: 'plugin-options', kind: 'json', key: 'pluginOptions', value: 'JSON' },
  { long: 'publish', kind: 'flag', key: 'publish' },
  { long: 'require', short: 'r', kind: 'list', key: 'require', value: 'GLOB|DIR|FILE' },
  { long: 'require-module', kind: 'list', key: 'requireModule', value: 'NODE_MODULE' },
  { long: 'retry', kind: 'count', key: 'retry', value: 'NUMBER_OF_RETRIES' },
  { long: 'retry-tag-filter', kind: 'tags', key: 'retryTagFilter', value: 'EXPRESSION' },
  { long: 'shard', kind: 'value', key: 'shard', value: 'INDEX/TOTAL' },
  { long: 'strict', kind: 'flag', key: 'strict' },
  { long: 'tags', short: 't', kind: 'tags', key: 'tags', value: 'EXPRESSION' },
  { long: 'world-parameters', kind: 'json', key: 'worldParameters', value: 'JSON' },
];

const BY_LONG = new Map(OPTIONS.map((spec) => [`--${spec.long}`, spec]));
const BY_SHORT = new Map(OPTIONS.filter((spec) => spec.short).map((spec) => [`-${spec.short}`, spec]));

function shown(spec: OptionSpec): string {
  return `${spec.short ? `-${spec.short}, ` : ''}--${spec.long}${spec.value ? ` <${spec.value}>` : ''}`;
}

/** Cucumber's options as its own command reads them; a bad one is a usage error (exit 2) saying why. */
export function parseCucumberArgv(argv: readonly string[]): ParsedArgv {
  const values = new Map<string, unknown>();
  const paths: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') {
      paths.push(...argv.slice(index + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    if (arg === '--no-strict') {
      values.set('strict', false);
      continue;
    }
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = equals > 0 ? arg.slice(0, equals) : arg;
    const spec = BY_LONG.get(name) ?? BY_SHORT.get(name);
    if (!spec) throw new UsageError(`unknown option '${name}' (see wsbdd --help)`);
    if (spec.kind === 'flag') {
      if (equals > 0) throw new UsageError(`option '${shown(spec)}' takes no value (see wsbdd --help)`);
      values.set(spec.key, true);
      continue;
    }
    let value: string | undefined;
    if (equals > 0) value = arg.slice(equals + 1);
    else if (index + 1 < argv.length) value = argv[++index];
    if (value === undefined) throw new UsageError(`option '${shown(spec)}' argument missing (see wsbdd --help)`);
    values.set(spec.key, combine(spec, values.get(spec.key), value));
  }

  const options: ParsedArgv['options'] = { profile: [] };
  const configuration: Record<string, unknown> = {};
  for (const spec of OPTIONS) {
    if (!values.has(spec.key)) continue;
    const target: Record<string, unknown> = spec.option ? (options as unknown as Record<string, unknown>) : configuration;
    target[spec.key] = values.get(spec.key);
  }
  if (values.has('strict')) configuration.strict = values.get('strict');
  if (paths.length > 0) configuration.paths = paths;
  return { options, configuration: configuration as Partial<IConfiguration> };
}

function combine(spec: OptionSpec, before: unknown, value: string): unknown {
  switch (spec.kind) {
    case 'list':
      return [...((before as string[] | undefined) ?? []), value];
    case 'tags':
      // Each expression must hold: cucumber joins repeated ones with "and", each in parentheses.
      return before === undefined ? `(${value})` : `${before as string} and (${value})`;
    case 'json':
      return mergeDeep((before as Record<string, unknown> | undefined) ?? {}, jsonObject(spec, value));
    case 'count':
      if (!/^\d+$/.test(value)) throw new UsageError(`--${spec.long} must be a non negative integer, not "${value}"`);
      return Number(value);
    default:
      if (spec.key === 'i18nKeywords' || spec.key === 'language') assertLanguage(value);
      return value;
  }
}

function jsonObject(spec: OptionSpec, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--${spec.long} passed invalid JSON: ${(error as Error).message}: ${text}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`--${spec.long} must be passed JSON of an object: ${text}`);
  }
  return value as Record<string, unknown>;
}

function assertLanguage(code: string): void {
  if (!Object.prototype.hasOwnProperty.call(dialects, code)) throw new UsageError(`Unsupported ISO 639-1: ${code} (wsbdd --i18n-languages lists them)`);
}

/** Objects merged member by member; anything else from `later` replaces what was there. */
function mergeDeep(earlier: Record<string, unknown>, later: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    const before = merged[key];
    merged[key] = isPlainObject(before) && isPlainObject(value) ? mergeDeep(before, value) : value;
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
