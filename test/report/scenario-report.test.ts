import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ATTACHMENT } from '../../src/report/attachment-names';
import { DEFAULT_REPORT_OPTIONS, type ReportOptions } from '../../src/report/options';
import { scenarioAttachments, timingReport, MAX_SAMPLES_PER_METRIC } from '../../src/report/scenario-report';
import { scenarioRedactor } from '../../src/secrets/scenario-secrets';
import { TranscriptBuilder, sampleChatTranscript } from './sample-transcript';

const entries = sampleChatTranscript('sid=scenario-report-secret');
const redactor = scenarioRedactor([], entries);

function names(failed: boolean, options: Partial<ReportOptions> = {}, failure?: { step?: string; error: unknown }): string[] {
  return scenarioAttachments({ name: 'chat', entries, failed, redactor, failure, options: { ...DEFAULT_REPORT_OPTIONS, ...options } }).map(
    (attachment) => attachment.fileName,
  );
}

describe('scenario attachments', () => {
  it('by default: transcript and timings for a passing scenario', () => {
    assert.deepEqual(names(false), [ATTACHMENT.transcriptText.fileName, ATTACHMENT.timings.fileName]);
  });

  it('by default: transcript, diagram, failure details and timings for a failed one', () => {
    assert.deepEqual(names(true, {}, { step: 'x', error: new Error('boom') }), [
      ATTACHMENT.transcriptText.fileName,
      ATTACHMENT.diagram.fileName,
      ATTACHMENT.failure.fileName,
      ATTACHMENT.timings.fileName,
    ]);
  });

  it('follows the options', () => {
    assert.deepEqual(names(true, { transcript: 'never', diagram: 'never', failure: 'never' }, { error: 'x' }), [ATTACHMENT.timings.fileName]);
    assert.deepEqual(names(false, { transcriptFormats: ['text', 'html'], diagram: 'always' }), [
      ATTACHMENT.transcriptText.fileName,
      ATTACHMENT.transcriptHtml.fileName,
      ATTACHMENT.diagram.fileName,
      ATTACHMENT.timings.fileName,
    ]);
  });

  it('builds only the parts asked for', () => {
    const attachments = scenarioAttachments({
      name: 'chat',
      entries,
      failed: true,
      redactor,
      options: DEFAULT_REPORT_OPTIONS,
      failure: { error: 'x' },
      parts: ['diagram', 'timings'],
    });
    assert.deepEqual(
      attachments.map((attachment) => attachment.fileName),
      [ATTACHMENT.diagram.fileName, ATTACHMENT.timings.fileName],
    );
  });

  it('attaches the diagram as bytes (cucumber base64-encodes those, which its HTML report needs for images)', () => {
    const diagram = scenarioAttachments({ name: 'chat', entries, failed: true, redactor, options: DEFAULT_REPORT_OPTIONS }).find(
      (attachment) => attachment.mediaType === 'image/svg+xml',
    );
    assert.ok(Buffer.isBuffer(diagram?.data));
    assert.match(diagram.data.toString('utf8'), /^<svg /);
  });

  it('puts the failing step, the error and what arrived in the failure details, secrets masked', () => {
    const error = Object.assign(new Error('expected "bye" but got "hello" with sid=scenario-report-secret'), {
      code: 'WSBDD_STEP_TIMEOUT',
      expected: 'bye',
      actual: ['hello'],
    });
    const failure = scenarioAttachments({
      name: 'chat',
      entries,
      failed: true,
      redactor,
      options: DEFAULT_REPORT_OPTIONS,
      failure: { step: '"alice" should receive "bye"', error },
    }).find((attachment) => attachment.fileName === ATTACHMENT.failure.fileName);
    const details = JSON.parse(String(failure?.data));
    assert.equal(details.step, '"alice" should receive "bye"');
    assert.deepEqual(details.error, {
      name: 'Error',
      code: 'WSBDD_STEP_TIMEOUT',
      message: 'expected "bye" but got "hello" with [redacted]',
    });
    assert.equal(details.expected, 'bye');
    assert.deepEqual(details.actual, ['hello']);
    assert.ok(details.arrived.alice.some((line: string) => /text {2}5 B {2}"hello"/.test(line)));
    assert.ok(details.arrived.alice.some((line: string) => /closed 1000 "bye"/.test(line)));
    assert.ok(!String(failure?.data).includes('scenario-report-secret'));
  });

  it('thins very long sample lists and says so', () => {
    const builder = new TranscriptBuilder();
    for (let index = 0; index < MAX_SAMPLES_PER_METRIC + 10; index++) builder.frame('a', 'out', 9, '').frame('a', 'in', 10, '');
    const report = timingReport(builder.entries);
    assert.equal(report.thinned, true);
    assert.equal(report.samples.pingRttMs.length, MAX_SAMPLES_PER_METRIC);
    assert.equal(report.stats.pingRttMs?.count, MAX_SAMPLES_PER_METRIC + 10);
  });
});
