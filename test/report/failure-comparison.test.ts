import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ATTACHMENT } from '../../src/report/attachment-names';
import { attachmentText, type Envelope } from '../../src/report/envelopes';
import type { FailureDetails } from '../../src/report/failure';
import { readEnvelopes, removeDir, runCucumber, tempReportsDir } from './cucumber-run';

describe('the failure attachment of an unmet close expectation', () => {
  let reportsDir = '';
  let envelopes: Envelope[] = [];

  before(async () => {
    reportsDir = await tempReportsDir('close-comparison');
    await runCucumber({ features: ['close-code.feature'], reportsDir });
    envelopes = await readEnvelopes(reportsDir);
  });

  after(async () => {
    if (reportsDir) await removeDir(reportsDir);
  });

  it('carries the expected and the actual close, under the same keys', () => {
    const attachments = envelopes.filter((envelope) => envelope.attachment?.fileName === ATTACHMENT.failure.fileName);
    assert.equal(attachments.length, 1);
    const details = JSON.parse(attachmentText(attachments[0]!.attachment!)) as FailureDetails;
    assert.equal(details.error.code, 'WSBDD_ASSERTION');
    assert.deepEqual(details.expected, { initiatedBy: 'server', code: 4003, reason: 'finished' });
    assert.deepEqual(details.actual, { initiatedBy: 'server', code: 4002, reason: 'done' });
  });
});
