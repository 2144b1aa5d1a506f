import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportError, ReportErrorCode } from '../../src/report/errors';
import { DEFAULT_REPORT_OPTIONS, resolveReportOptions, shouldAttach } from '../../src/report/options';

describe('report options', () => {
  it('defaults to the transcript always, the diagram and failure details on failure', () => {
    const options = resolveReportOptions(undefined, {});
    assert.deepEqual(options, DEFAULT_REPORT_OPTIONS);
    assert.equal(options.transcript, 'always');
    assert.equal(options.diagram, 'failure');
    assert.deepEqual(options.transcriptFormats, ['text']);
  });

  it('reads world parameters', () => {
    const options = resolveReportOptions(
      {
        reports: { transcript: 'failure', diagram: 'always', transcriptFormats: ['text', 'html'], maxDiagramRows: 20 },
        secretHeaders: ['X-Api-Key'],
      },
      {},
    );
    assert.equal(options.transcript, 'failure');
    assert.equal(options.diagram, 'always');
    assert.deepEqual(options.transcriptFormats, ['text', 'html']);
    assert.equal(options.maxDiagramRows, 20);
    assert.deepEqual(options.secretHeaders, ['x-api-key']);
  });

  it('lets the environment override world parameters, and adds secret headers from both', () => {
    const options = resolveReportOptions(
      { reports: { transcript: 'always', diagram: 'never' }, secretHeaders: 'X-One' },
      { WSBDD_REPORT_TRANSCRIPT: 'never', WSBDD_REPORT_DIAGRAM: 'always', WSBDD_SECRET_HEADERS: 'X-Two, X-Three', WSBDD_REPORT_TRANSCRIPT_FORMAT: 'html' },
    );
    assert.equal(options.transcript, 'never');
    assert.equal(options.diagram, 'always');
    assert.deepEqual(options.transcriptFormats, ['html']);
    assert.deepEqual(options.secretHeaders, ['x-one', 'x-two', 'x-three']);
  });

  it('rejects values it does not understand, naming the option and where it came from', () => {
    assert.throws(
      () => resolveReportOptions({ reports: { diagram: 'sometimes' } }, {}),
      (error: unknown) =>
        error instanceof ReportError && error.code === ReportErrorCode.BadOption && /reports\.diagram.*"sometimes".*always, failure, never/.test(error.message),
    );
    assert.throws(
      () => resolveReportOptions({}, { WSBDD_REPORT_TRANSCRIPT: 'loud' }),
      (error: unknown) => error instanceof ReportError && /WSBDD_REPORT_TRANSCRIPT/.test(error.message),
    );
    assert.throws(() => resolveReportOptions({ reports: { transcriptFormats: 'pdf' } }, {}), ReportError);
    assert.throws(() => resolveReportOptions({ reports: { maxEntries: 0 } }, {}), ReportError);
    assert.throws(() => resolveReportOptions({ secretHeaders: 42 }, {}), ReportError);
  });

  it('decides when to attach', () => {
    assert.equal(shouldAttach('always', false), true);
    assert.equal(shouldAttach('failure', false), false);
    assert.equal(shouldAttach('failure', true), true);
    assert.equal(shouldAttach('never', true), false);
  });
});
