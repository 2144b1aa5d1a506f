import { dirname } from 'node:path';
import { ArgvParser } from '@cucumber/cucumber/lib/configuration/index';
import { UsageError } from '../usage-error';

interface Command {
  exitOverride(): unknown;
  configureOutput(output: { writeOut(text: string): void; writeErr(text: string): void }): unknown;
}
type CommandClass = new (...args: any[]) => Command;

export type ParsedArgv = ReturnType<typeof ArgvParser.parse>;

/** The commander module cucumber's argv parser uses (the one found from cucumber's own directory). */
const commander = require(
  require.resolve('commander', { paths: [dirname(require.resolve('@cucumber/cucumber/package.json'))] }),
) as { Command: CommandClass };

/**
 * Cucumber's own argv parser, so every cucumber option works as cucumber documents it. Left alone,
 * commander prints to the console and exits the process on a bad option; for the parse, cucumber's
 * commander builds commands that throw instead, and the reason becomes a usage error (exit 2).
 */
export function parseCucumberArgv(argv: string[]): ParsedArgv {
  const Original = commander.Command;
  commander.Command = class extends Original {
    constructor(...args: any[]) {
      super(...args);
      this.exitOverride();
      this.configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
    }
  };
  try {
    return ArgvParser.parse(['node', 'wsbdd', ...argv]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message.replace(/^error: /, '')} (see wsbdd --help)`);
  } finally {
    commander.Command = Original;
  }
}
