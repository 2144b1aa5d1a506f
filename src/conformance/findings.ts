import type { CaseResult } from './results';

/** Cases that check whether invalid UTF-8 fails the connection before the message is complete. */
export const FAIL_FAST_TAG = '@fail-fast';
/** Cases whose large messages may be echoed or refused with 1009 (RFC 6455 10.4). */
export const SIZE_LIMIT_TAG = '@rfc6455-10.4';

const ECHOED = /^the (.+) message was echoed$/;
const REFUSED = /^the (.+) message was refused (?:with close code (\d+)|by a TCP close without a close frame)$/;

/**
 * What the run found out about the server beyond pass or fail: behaviour the RFC leaves open, which
 * a team wants to know without reading every case. Each is undefined when no case of its kind reached
 * the server.
 */
export interface Findings {
  failFast?: { checked: number; failed: number; verdict: 'yes' | 'no' | 'unknown' };
  /** A refusal without a code is a TCP close without a close frame. */
  largeMessages?: { echoed: string[]; refused: Array<{ message: string; code?: number }> };
}

/** The case talked to the server and judged its answer; only such cases may back a finding. */
function judged(result: CaseResult): boolean {
  return result.verdict === 'PASSED' || result.verdict === 'FAILED' || result.verdict === 'NON-STRICT';
}

export function collectFindings(results: readonly CaseResult[]): Findings {
  const findings: Findings = {};
  const failFast = results.filter((r) => r.tags.includes(FAIL_FAST_TAG) && r.verdict !== 'NOT-RUN');
  if (failFast.some(judged)) {
    const failed = failFast.filter((r) => judged(r) && r.status === 'failed').length;
    // A case that could not run checked nothing, so it cannot say yes or no.
    const unknown = failFast.some((r) => r.verdict === 'ERROR');
    findings.failFast = { checked: failFast.length, failed, verdict: failed > 0 ? 'no' : unknown ? 'unknown' : 'yes' };
  }
  const sized = results.filter((r) => r.tags.includes(SIZE_LIMIT_TAG) && judged(r));
  const echoed: string[] = [];
  const refused: Array<{ message: string; code?: number }> = [];
  for (const observation of sized.flatMap((r) => r.observations)) {
    const wasEchoed = ECHOED.exec(observation);
    const wasRefused = REFUSED.exec(observation);
    if (wasEchoed) echoed.push(wasEchoed[1]!);
    else if (wasRefused) refused.push({ message: wasRefused[1]!, ...(wasRefused[2] !== undefined ? { code: Number(wasRefused[2]) } : {}) });
  }
  if (echoed.length + refused.length > 0) findings.largeMessages = { echoed, refused };
  return findings;
}

/** The findings as Markdown list items, for conformance.md (empty when nothing was found out). */
export function findingLines(findings: Findings): string[] {
  const lines: string[] = [];
  const { failFast, largeMessages } = findings;
  if (failFast) {
    const cases = `${failFast.checked} \`${FAIL_FAST_TAG}\` case${failFast.checked === 1 ? '' : 's'}`;
    const text = {
      yes: `**yes**: it failed the connection before the message was complete (${cases} passed)`,
      no: `**no**: ${failFast.failed} of ${cases} failed; it checks UTF-8 only later, e.g. once a message is complete (RFC 6455 8.1 asks to fail at once; not a violation)`,
      unknown: `unknown: some of the ${cases} could not run`,
    }[failFast.verdict];
    lines.push(`- Fails fast on invalid UTF-8: ${text}`);
  }
  if (largeMessages) {
    const { echoed, refused } = largeMessages;
    const parts: string[] = [];
    if (echoed.length > 0) parts.push(`${echoed.length} echoed`);
    for (const code of [...new Set(refused.map((r) => r.code))]) {
      const withCode = refused.filter((r) => r.code === code);
      // Several cases send the same size in different shapes; name each size once.
      const sizes = [...new Set(withCode.map((r) => r.message))];
      const how = code === undefined ? 'refused by a TCP close without a close frame' : `refused with ${code}`;
      parts.push(`${withCode.length} ${how} (${sizes.join(', ')})`);
    }
    const limit = refused.length === 0 ? 'no size limit was met' : 'the server has a size limit';
    lines.push(`- Large messages (RFC 6455 10.4): ${limit}; ${parts.join('; ')}`);
  }
  return lines;
}
