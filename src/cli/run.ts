import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfiguration, loadSources, runCucumber, type IConfiguration, type IRunConfiguration, type IRunEnvironment } from '@cucumber/cucumber/api';
import { parseRunArgs } from './args';
import { parseCucumberArgv } from './cucumber-argv';
import { cucumberInformation, wsbddInformation } from './information';
import { STEPS_ENTRY, type CliIo } from './io';
import { interruptsFirstInWorkers, takeOverInterrupts } from './interrupts';
import { usableSettings } from '../world/settings-check';
import { prepareTypeScriptSupport } from './typescript-support';
import { checkContractDocuments, contractParameter } from './contract-check';
import { INTERRUPTED_EXIT_CODE } from '../report/interrupt';
import { resolveSecretHeaders } from '../report/options';
import { openSecretChannel, SECRET_CHANNEL_ENV } from '../secrets/secret-channel';
import { reportFormats, reportFormatterModule, type MaskedFormatterName } from '../report/report-formats';
import { ExitCode, UsageError } from '../usage-error';

/** The snippet syntax wsbdd brings (src/world/snippet-syntax.ts), by file, as cucumber loads it. */
const SNIPPET_SYNTAX = require.resolve('../world/snippet-syntax');

const CONFIG_FILES = ['cucumber.js', 'cucumber.cjs', 'cucumber.mjs', 'cucumber.json', 'cucumber.yaml', 'cucumber.yml'];

/** Without a cucumber configuration, wsbdd brings its own: its steps, progress output and its usual reports. */
function builtInDefaults(reports: string): Partial<IConfiguration> {
  return { require: [STEPS_ENTRY], format: reportFormats(reports) };
}

/** `wsbdd [paths...] [options]`: run features through cucumber with the project's profiles. */
export async function runFeatures(argv: string[], io: CliIo): Promise<number> {
  const args = parseRunArgs(argv);
  const wsbddInfo = wsbddInformation(args);
  if (wsbddInfo !== undefined) {
    io.stdout.write(wsbddInfo);
    return ExitCode.Passed;
  }
  const { options, configuration: given } = parseCucumberArgv(args.cucumberArgv);
  const cucumberInfo = cucumberInformation(options);
  if (cucumberInfo !== undefined) {
    io.stdout.write(cucumberInfo);
    return ExitCode.Passed;
  }

  const interrupts = takeOverInterrupts(
    args.reportsDir === undefined ? io.env : { ...io.env, WSBDD_REPORTS_DIR: resolve(io.cwd, args.reportsDir) },
  );
  const env = interrupts.env;
  const environment: IRunEnvironment = { cwd: io.cwd, stdout: io.stdout, stderr: io.stderr, env };
  const configFile = options.config;
  if (configFile !== undefined && !existsSync(resolve(io.cwd, configFile))) {
    throw new UsageError(`configuration file ${configFile} not found`);
  }
  const hasConfig = configFile !== undefined || CONFIG_FILES.some((file) => existsSync(join(io.cwd, file)));
  // Paths on the command line replace the profile's paths instead of adding to them: they are set after loading.
  const { paths = [], ...fromCommandLine } = given;
  const defaults = hasConfig ? {} : builtInDefaults(env.WSBDD_REPORTS_DIR || 'reports');

  let configuration;
  // A configuration file (ours, the one `wsbdd init` writes) reads the reports directory from process.env
  // as cucumber loads it; it is put back afterwards, so that the command's environment stays its own.
  const reportsDirBefore = process.env.WSBDD_REPORTS_DIR;
  if (args.reportsDir !== undefined) process.env.WSBDD_REPORTS_DIR = env.WSBDD_REPORTS_DIR;
  try {
    configuration = await loadConfiguration(
      { file: configFile, profiles: options.profile, provided: withDefaults(defaults, fromCommandLine) },
      environment,
    );
  } catch (error) {
    throw new UsageError(`cannot load the cucumber configuration: ${(error as Error).message}`);
  } finally {
    if (reportsDirBefore === undefined) delete process.env.WSBDD_REPORTS_DIR;
    else process.env.WSBDD_REPORTS_DIR = reportsDirBefore;
  }
  const run = configuration.runConfiguration;
  prepareTypeScriptSupport(run, io.cwd, env);
  if (paths.length > 0) run.sources.paths = paths;
  run.runtime.worldParameters = {
    ...run.runtime.worldParameters,
    ...(args.target !== undefined ? { target: args.target } : {}),
    ...(args.timeoutMs !== undefined ? { timeoutMs: args.timeoutMs } : {}),
    ...(args.inboxLimit !== undefined ? { inboxLimit: args.inboxLimit } : {}),
  };
  usableSettings(run.runtime.worldParameters, env);
  const worldParameters = run.runtime.worldParameters as Record<string, unknown>;
  worldParameters.contract = contractParameter(worldParameters.contract, args.contract, io.cwd, env.WSBDD_REPORTS_DIR || 'reports');
  shareSecretHeadersWithFormatters(run, env);
  maskBuiltinFormatters(run);
  // Snippets for undefined steps with wsbdd's parameter types and its closest phrases, unless the project chose a syntax.
  run.formats.options = { snippetSyntax: SNIPPET_SYNTAX, ...run.formats.options };

  const sources = await loadSources(run.sources, environment).catch((error: unknown) => {
    throw sourcesError(error, commandLineTags(args.cucumberArgv));
  });
  if (sources.errors.length > 0) {
    const list = sources.errors.map((e) => `  ${e.uri}:${e.location.line}: ${e.message}`).join('\n');
    throw new UsageError(`the feature files have errors:\n${list}`);
  }
  if (sources.plan.length === 0) {
    // Running nothing and reporting success would be a false pass.
    const tags = run.sources.tagExpression ? ` with tags "${run.sources.tagExpression}"` : '';
    throw new UsageError(`no scenario to run in ${run.sources.paths.join(', ') || 'features/'}${tags}`);
  }
  await checkContractDocuments(worldParameters.contract, sources.plan.map((p) => p.uri), io.cwd, env);
  interruptsFirstInWorkers(run);
  if (interrupts.controller.interrupted) {
    io.stderr.write('wsbdd: interrupted before any scenario ran; no reports written\n');
    return INTERRUPTED_EXIT_CODE;
  }
  // From here on a signal no longer stops the command: cucumber runs on, reporting every scenario not run.
  interrupts.controller.beforeRun = false;
  // The scenarios tell the formatters the secrets they learn through this channel; the command's own
  // environment, which parallel workers inherit, must name it (the formatters set only process.env).
  const secrets = openSecretChannel();
  const result = await runCucumber(run, { ...environment, env: { ...env, [SECRET_CHANNEL_ENV]: secrets.spec } });
  if (interrupts.controller.interrupted) return INTERRUPTED_EXIT_CODE;
  return result.success ? ExitCode.Passed : ExitCode.Failed;
}

/** Cucumber's own formatters by name, and wsbdd's copies of them that mask secrets in what they write. */
const MASKED_COPIES: Record<string, MaskedFormatterName> = {
  progress: 'progress',
  summary: 'console-summary',
  json: 'json',
  junit: 'junit',
  message: 'message',
  html: 'html',
  pretty: 'pretty',
  usage: 'usage',
  'usage-json': 'usage-json',
};

/**
 * `--format summary` (or a profile's "json:out.json") names cucumber's own formatter, which would print
 * a password written in a step's URL as it is: the masked copy runs in its place. (rerun and snippets
 * print no step text; progress-bar is left as it is: it needs a terminal, and redraws step text it gets.)
 */
function maskBuiltinFormatters(run: IRunConfiguration): void {
  const masked = (name: string) => (Object.hasOwn(MASKED_COPIES, name) ? reportFormatterModule(MASKED_COPIES[name]!) : name);
  if (run.formats.stdout !== undefined) run.formats.stdout = masked(run.formats.stdout);
  for (const [file, name] of Object.entries(run.formats.files)) run.formats.files[file] = masked(name);
}

/**
 * Cucumber reports a tag expression it cannot parse as a failed plugin transform, with the reason as the
 * cause: the reason is what the user needs, with the option it came from and how tags combine.
 */
function sourcesError(error: unknown, typed: string[]): UsageError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const badTags = cause === undefined ? null : /^Tag expression "(.*)" could not be parsed because of ([\s\S]*)$/.exec(cause);
  if (badTags) {
    return new UsageError(
      // Cucumber quotes the expression in parentheses of its own; the one typed is the one to show.
      `bad tag expression ${typed.length > 0 ? typed.map((tags) => JSON.stringify(tags)).join(' and ') : `"${badTags[1]}"`}: ${badTags[2]} ` +
        `Tags combine with and, or, not and parentheses, e.g. --tags "@smoke and not (@slow or @flaky)"`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new UsageError(`cannot read the feature files: ${message}${cause ? `: ${cause}` : ''}`);
}

/**
 * The command line's configuration over wsbdd's built-in defaults, the way cucumber merges configurations:
 * lists add up (a --format beside the default reports), anything else given replaces the default.
 */
function withDefaults(defaults: Partial<IConfiguration>, given: Partial<IConfiguration>): Partial<IConfiguration> {
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(given)) {
    const before = merged[key];
    merged[key] = Array.isArray(before) && Array.isArray(value) ? [...before, ...value] : value;
  }
  return merged as Partial<IConfiguration>;
}

/** The values of --tags / -t as typed on the command line. */
function commandLineTags(argv: readonly string[]): string[] {
  const found: string[] = [];
  argv.forEach((arg, index) => {
    if ((arg === '--tags' || arg === '-t') && argv[index + 1] !== undefined) found.push(argv[index + 1]!);
    else if (arg.startsWith('--tags=')) found.push(arg.slice('--tags='.length));
  });
  return found;
}

/**
 * Cucumber hands formatters their format options but no world parameters, so secret header names given as
 * world parameters would be masked in transcripts yet not in the feature text the reports copy.
 */
function shareSecretHeadersWithFormatters(run: IRunConfiguration, env: NodeJS.ProcessEnv): void {
  let names: string[];
  try {
    // The formatters read process.env themselves; the command's own environment may say more.
    names = [...resolveSecretHeaders(run.formats.options, {}), ...resolveSecretHeaders(run.runtime.worldParameters, env)];
  } catch (error) {
    throw new UsageError(`bad configuration: ${(error as Error).message}`);
  }
  if (names.length > 0) run.formats.options = { ...run.formats.options, secretHeaders: [...new Set(names)] };
}
