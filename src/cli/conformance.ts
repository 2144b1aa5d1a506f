import { Redactor } from '../secrets/redact';
import type { Writable } from 'node:stream';
import { CONFORMANCE_USAGE, parseConformanceArgs } from './conformance-args';
import { collectFindings, findingLines } from '../conformance/findings';
import { runConformancePack } from '../conformance/run';
import { ExitCode, UsageError } from '../usage-error';

/** Where the command writes; tests pass their own. */
export interface ConformanceIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

/**
 * `wsbdd conformance`: runs the RFC 6455 conformance pack against a target and writes
 * reports/conformance.md. Returns the exit code: 0 when no @must case failed, 1 when one did (or a
 * case could not run, or the target could not be reached), 2 for bad usage; the reason for a 2, or
 * for an unreachable target, goes to stderr.
 */
export async function runConformance(
  argv: string[],
  io: ConformanceIo = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  try {
    return await conformanceCommand(argv, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`wsbdd conformance: ${new Redactor().text(error.message)}\n`);
    return ExitCode.Usage;
  }
}

async function conformanceCommand(argv: string[], io: ConformanceIo): Promise<number> {
  const args = parseConformanceArgs(argv, io.env);
  if (args.help) {
    io.stdout.write(`${CONFORMANCE_USAGE}\n`);
    return ExitCode.Passed;
  }
  const run = await runConformancePack({
    stdout: io.stdout,
    stderr: io.stderr,
    ...(args.target !== undefined ? { target: args.target } : {}),
    ...(args.tags !== undefined ? { tags: args.tags } : {}),
    ...(args.reportsDir !== undefined ? { reportsDir: args.reportsDir } : {}),
    ...(args.timeoutMs !== undefined ? { timeoutMs: args.timeoutMs } : {}),
    ...(args.parallel !== undefined ? { parallel: args.parallel } : {}),
  });
  const { total, overall, exitCode } = run.summary;
  if (run.unreachable !== undefined) {
    io.stderr.write(`wsbdd conformance: ${new Redactor().text(run.unreachable)}\n`);
    io.stdout.write(`RFC 6455 conformance: ${overall} - no case ran. Report: ${run.reportPath}\n`);
    return exitCode;
  }
  const errors = total.errors > 0 ? `, ${total.errors} could not run` : '';
  const notRun = total.notRun > 0 ? `, ${total.notRun} not run` : '';
  const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
  io.stdout.write(
    `\nRFC 6455 conformance: ${overall} - ${total.cases} cases, ${total.passed} passed, ${total.failed} failed, ` +
      `${total.nonStrict} non-strict${errors}${notRun}${skipped} (${(run.durationMs / 1000).toFixed(1)} s). Report: ${run.reportPath}\n`,
  );
  // The findings as plain text: the Markdown emphasis is for the report file.
  for (const line of findingLines(collectFindings(run.results))) io.stdout.write(`${line.replace(/\*\*|`/g, '')}\n`);
  return exitCode;
}
