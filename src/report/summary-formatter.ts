import { isAbsolute, relative } from 'node:path';
import type { FormatterPlugin } from './formatter-plugin';
import type { Envelope } from './envelopes';
import { maskedPlugin } from './masked-formatter';
import { RunSummaryCollector, summaryLine } from './run-summary';
import { writeParallelContractReports } from './contract-summary';

/**
 * Cucumber formatter writing summary.json (run counts, failures, timing percentiles, contract coverage) to its output,
 * the contract coverage report of a parallel run (reports/contract.json, merged from every worker), and
 * one summary line to the console (stderr, so it never mixes with a formatter writing to stdout).
 * It runs in cucumber's main process, which receives every parallel worker's messages, and reads them
 * with the feature files' secrets masked (scenario names and failure messages are written out).
 * Use: `--format ./dist/src/report/summary-formatter.js:reports/summary.json`.
 */
const summaryFormatter: FormatterPlugin = {
  type: 'formatter',
  formatter({ on, write, logger, directory }) {
    const collector = new RunSummaryCollector();
    let written = false;
    const finish = (): void => {
      if (written) return;
      written = true;
      const summary = collector.summary();
      write(JSON.stringify(summary, null, 2) + '\n');
      // Only this process sees every worker's scenarios: a parallel run's contract.json is written here.
      try {
        writeParallelContractReports(collector.contractParts());
      } catch (error) {
        logger.warn(`wsbdd: the contract coverage report could not be written: ${(error as Error).message}`);
      }
      logger.info(summaryLine(summary, directory ? `summary in ${displayPath(directory)}` : undefined));
    };
    on('message', (message) => {
      const envelope = message as Envelope;
      collector.add(envelope);
    });
    // At cleanup rather than on testRunFinished: the line then comes after cucumber's own output, and a
    // run that ended without testRunFinished still gets a (partial) summary.json rather than an empty file.
    return finish;
  },
};

/** A path as short as it can be said: relative to the working directory when inside it. */
function displayPath(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? `${inside}/` : path;
}

export default maskedPlugin(summaryFormatter);
