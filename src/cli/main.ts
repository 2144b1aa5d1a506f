import { Redactor } from '../secrets/redact';
import { processIo, type CliIo } from './io';
import { initProject } from './init';
import { runFeatures } from './run';
import { printSteps } from './steps-command';
import { USAGE } from './usage';
import { ExitCode, UsageError } from '../usage-error';

/** The wsbdd command. Resolves to the exit code; never exits the process itself. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'steps':
        return await printSteps(rest, io);
      case 'init':
        return initProject(rest, io);
      case 'conformance': {
        const { runConformance } = await import('./conformance');
        return await runConformance(rest);
      }
      case 'help':
        io.stdout.write(USAGE);
        return ExitCode.Passed;
      default:
        return await runFeatures(argv, io);
    }
  } catch (error) {
    // A bad --target or world parameter is quoted back: the password of its URL stays out of the console.
    const masked = new Redactor();
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`wsbdd: ${masked.text(message)}\n`);
    if (!(error instanceof UsageError)) io.stderr.write(`${masked.text((error as Error).stack ?? '')}\n`);
    return ExitCode.Usage;
  }
}

/** bin/wsbdd.js: run with the process's arguments and set its exit code. */
export function runFromCommandLine(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`wsbdd: ${new Redactor().text(String(error))}\n`);
      process.exitCode = ExitCode.Usage;
    },
  );
}
