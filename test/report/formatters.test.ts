import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FormatterPlugin } from '../../src/report/formatter-plugin';
import { ATTACHMENT, RUN_SUMMARY_HOOK_NAME } from '../../src/report/attachment-names';
import type { Envelope } from '../../src/report/envelopes';
import htmlFormatter from '../../src/report/html-formatter';
import messageFormatter from '../../src/report/message-formatter';
import summaryFormatter from '../../src/report/summary-formatter';

/** Drives a formatter plugin as cucumber does: messages in, then cleanup; collects what it writes and logs. */
async function drive(plugin: FormatterPlugin, envelopes: object[], options: object = {}) {
  const handlers: Array<(envelope: unknown) => void> = [];
  const written: string[] = [];
  const logged: string[] = [];
  const cleanup = await plugin.formatter({
    on: (_key, handler) => handlers.push(handler as (envelope: unknown) => void),
    options,
    logger: { info: (line: string) => logged.push(line), warn: () => undefined, error: () => undefined, debug: () => undefined },
    stream: process.stdout,
    write: (chunk) => written.push(chunk.toString()),
    directory: undefined,
  });
  for (const envelope of envelopes) for (const handler of handlers) handler(envelope);
  if (typeof cleanup === 'function') await cleanup();
  return { written: written.join(''), logged };
}

// Only the fields the formatters read: real messages carry more (ids of AST nodes, tags, languages).
const run = [
  { testRunStarted: { timestamp: { seconds: 1, nanos: 0 } } },
  { hook: { id: 'h-summary', name: RUN_SUMMARY_HOOK_NAME, type: 'AFTER_TEST_RUN' } },
  { pickle: { id: 'p', name: 'a scenario', uri: 'f.feature', steps: [{ id: 'ps', text: 'a step' }] } },
  { testCase: { id: 'c', pickleId: 'p', testSteps: [{ id: 'ts', pickleStepId: 'ps' }] } },
  { testCaseStarted: { id: 'cs', testCaseId: 'c', attempt: 0, timestamp: { seconds: 1, nanos: 0 } } },
  { testStepFinished: { testCaseStartedId: 'cs', testStepId: 'ts', testStepResult: { status: 'PASSED' } } },
  { testCaseFinished: { testCaseStartedId: 'cs', willBeRetried: false, timestamp: { seconds: 1, nanos: 5_000_000 } } },
  { testRunHookStarted: { id: 'hs', hookId: 'h-summary' } },
  { testRunFinished: { timestamp: { seconds: 2, nanos: 0 }, success: true } },
] as unknown as Envelope[];

describe('summary formatter', () => {
  it('writes summary.json once and logs one line', async () => {
    const { written, logged } = await drive(summaryFormatter, run);
    const summary = JSON.parse(written);
    assert.equal(summary.scenarios.passed, 1);
    assert.equal(summary.success, true);
    assert.deepEqual(logged, ['wsbdd: 1 scenario (1 passed) · 1 s']);
  });

  it('still writes valid JSON when the run ended without testRunFinished', async () => {
    const { written } = await drive(summaryFormatter, run.slice(0, 5));
    const summary = JSON.parse(written);
    assert.equal(summary.scenarios.unknown, 1);
    assert.equal(summary.success, undefined);
  });
});

describe('HTML formatter', () => {
  it('writes cucumber\'s HTML report with the run summary attached to the summary hook', async () => {
    const { written } = await drive(htmlFormatter, run);
    assert.match(written, /^<!DOCTYPE html>/i);
    assert.match(written, /<\/html>\s*$/);
    assert.ok(written.includes(`"fileName":"${ATTACHMENT.runSummary.fileName}"`));
    assert.ok(written.includes('"testRunHookStartedId":"hs"'));
    assert.ok(written.includes('1 scenario (1 passed)'));
  });

  it('adds nothing when the summary hook did not run', async () => {
    const { written } = await drive(
      htmlFormatter,
      run.filter((envelope) => !envelope.testRunHookStarted),
    );
    assert.ok(!written.includes(ATTACHMENT.runSummary.fileName));
  });
});

describe('redacted formatters', () => {
  const pickle = {
    pickle: {
      id: 'p',
      name: 'a scenario',
      uri: 'f.feature',
      steps: [{ id: 'ps', text: 'headers:', argument: { dataTable: { rows: [{ cells: [{ value: 'X-Api-Key' }, { value: 'api-key-in-file-1' }] }] } } }],
    },
  };

  it('mask the headers named in the format options, which is where formatters find them', async () => {
    const named = await drive(messageFormatter as FormatterPlugin, [pickle, ...run], { secretHeaders: ['X-Api-Key'] });
    assert.ok(!named.written.includes('api-key-in-file-1'));
    assert.ok(named.written.includes('[redacted]'));
    const unnamed = await drive(messageFormatter as FormatterPlugin, [pickle, ...run]);
    assert.ok(unnamed.written.includes('api-key-in-file-1'));
  });

  it('hand on messages held before testRunStarted when the run ends without it', async () => {
    const { written } = await drive(messageFormatter as FormatterPlugin, [pickle]);
    assert.equal(written.trim().split('\n').length, 1);
  });
});
