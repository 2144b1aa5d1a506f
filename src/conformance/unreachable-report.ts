import { escapeXml } from '../report/html-escape';
import { emptyRow, type ConformanceSummary } from './conformance-report';

/** A run that never started: no case, no finding, and exit status 1 (nothing could be tested). */
export function unreachableSummary(): ConformanceSummary {
  return { areas: [], total: emptyRow('Total'), exitCode: 1, overall: 'NOT-TESTED' };
}

/**
 * reports/conformance.md when the target could not be reached: it must not read like a verdict on a
 * server that was never spoken to, and it must replace the report of an earlier run.
 */
export function renderUnreachableMarkdown(context: { target: string; startedAt: Date; reason: string }): string {
  return [
    '# RFC 6455 conformance report',
    '',
    `- Target: ${context.target}`,
    `- Run: ${context.startedAt.toISOString()}, no case run`,
    '- Verdict: **NOT-TESTED**: the target could not be reached',
    '',
    `The pack ${context.reason.replace(/^cannot/, 'could not')}.`,
    '',
    'No case ran, so this report says nothing about the server. Check that the server is running and that',
    '`--target` (and `--path`) name its echo endpoint.',
    '',
  ].join('\n');
}

/**
 * reports/junit.xml when the target could not be reached: one failed case, so that a CI system reading
 * the file sees a failed run and why, not the results of an earlier one.
 */
export function renderUnreachableJunit(context: { target: string; startedAt: Date; reason: string }): string {
  const reason = escapeXml(context.reason);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="wsbdd conformance" tests="1" failures="1" errors="0" skipped="0" time="0" timestamp="${context.startedAt.toISOString()}">`,
    `  <testcase classname="RFC 6455 conformance" name="${escapeXml(`the target ${context.target} can be reached`)}" time="0">`,
    `    <failure type="unreachable" message="${reason}">${reason}</failure>`,
    '  </testcase>',
    '</testsuite>',
    '',
  ].join('\n');
}
