import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfiguration, loadSources, runCucumber, type IRunEnvironment } from '@cucumber/cucumber/api';
import { parseRunArgs } from './args';
import { REPORT_FORMATTERS, STEPS_ENTRY, type CliIo } from './io';
import { USAGE } from './usage';
import { ExitCode, UsageError } from './usage-error';

const CONFIG_FILES = ['cucumber.js', 'cucumber.cjs', 'cucumber.mjs', 'cucumber.json', 'cucumber.yaml', 'cucumber.yml'];

/** Without a cucumber configuration, wsbdd brings its own: its steps, progress output and its usual reports. */
function builtInDefaults(env: NodeJS.ProcessEnv): string[] {
  const reports = env.WSBDD_REPORTS_DIR || 'reports';
  return [
    '--require', STEPS_ENTRY,
    '--format', 'progress',
    '--format', `"${REPORT_FORMATTERS.html}":"${reports}/report.html"`,
    '--format', `junit:${reports}/junit.xml`,
    '--format', `json:${reports}/report.json`,
    '--format', `message:${reports}/messages.ndjson`,
    '--format', `"${REPORT_FORMATTERS.summary}":"${reports}/summary.json"`,
  ];
}

/** `wsbdd [paths...] [options]`: run features through cucumber with the project's profiles. */
export async function runFeatures(argv: string[], io: CliIo): Promise<number> {
  const args = parseRunArgs(argv);
  if (args.help) {
    io.stdout.write(USAGE);
    return ExitCode.Passed;
  }
  const environment: IRunEnvironment = { cwd: io.cwd, stdout: io.stdout, stderr: io.stderr, env: io.env };
  const hasConfig = args.configFile !== undefined || CONFIG_FILES.some((file) => existsSync(join(io.cwd, file)));
  if (args.configFile !== undefined && !existsSync(join(io.cwd, args.configFile))) {
    throw new UsageError(`configuration file ${args.configFile} not found`);
  }
  const provided = [...(hasConfig ? [] : builtInDefaults(io.env)), ...args.cucumberArgv];

  let configuration;
  try {
    configuration = await loadConfiguration({ file: args.configFile, profiles: args.profiles, provided }, environment);
  } catch (error) {
    throw new UsageError(`cannot load the cucumber configuration: ${(error as Error).message}`);
  }
  const run = configuration.runConfiguration;
  // Paths on the command line replace the profile's paths instead of adding to them.
  if (args.paths.length > 0) run.sources.paths = args.paths;
  run.runtime.worldParameters = {
    ...run.runtime.worldParameters,
    ...(args.target !== undefined ? { target: args.target } : {}),
    ...(args.timeoutMs !== undefined ? { timeoutMs: args.timeoutMs } : {}),
  };

  const sources = await loadSources(run.sources, environment);
  if (sources.errors.length > 0) {
    const list = sources.errors.map((e) => `  ${e.uri}:${e.location.line}: ${e.message}`).join('\n');
    throw new UsageError(`the feature files have errors:\n${list}`);
  }
  if (sources.plan.length === 0) {
    // Running nothing and reporting success would be a false pass.
    const tags = run.sources.tagExpression ? ` with tags "${run.sources.tagExpression}"` : '';
    throw new UsageError(`no scenario to run in ${run.sources.paths.join(', ') || 'features/'}${tags}`);
  }
  const result = await runCucumber(run, environment);
  return result.success ? ExitCode.Passed : ExitCode.Failed;
}
