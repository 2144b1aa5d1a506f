import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ATTACHMENT } from '../../src/report/attachment-names';
import { attachmentText, type Envelope } from '../../src/report/envelopes';
import type { FailureDetails } from '../../src/report/failure';
import { readEnvelopes, removeDir, runCucumber, tempReportsDir } from './cucumber-run';

describe('the failure attachment of an unmet expectation', () => {
  let reportsDir = '';
  let failures: FailureDetails[] = [];

  before(async () => {
    reportsDir = await tempReportsDir('failure-comparison');
    await runCucumber({ features: ['failure-comparison.feature'], reportsDir });
    const envelopes: Envelope[] = await readEnvelopes(reportsDir);
    failures = envelopes
      .filter((envelope) => envelope.attachment?.fileName === ATTACHMENT.failure.fileName)
      .map((envelope) => JSON.parse(attachmentText(envelope.attachment!)) as FailureDetails);
  });

  after(async () => {
    if (reportsDir) await removeDir(reportsDir);
  });

  /** The attachment of the scenario whose failing step contains `step`; there must be exactly one. */
  function failureOf(step: string): FailureDetails {
    const found = failures.filter((details) => details.step?.includes(step));
    assert.equal(found.length, 1, `one failure at a step with ${JSON.stringify(step)}, in: ${failures.map((f) => f.step).join(' | ')}`);
    return found[0]!;
  }

  it('is attached once per failing scenario', () => {
    assert.equal(failures.length, 5);
  });

  it('carries the expected and the actual close, under the same keys', () => {
    const details = failureOf('should be closed by the server');
    assert.equal(details.error.code, 'WSBDD_ASSERTION');
    assert.deepEqual(details.expected, { initiatedBy: 'server', code: 4003, reason: 'finished' });
    assert.deepEqual(details.actual, { initiatedBy: 'server', code: 4002, reason: 'done' });
  });

  it('of a receive: the awaited text, and the message that came instead with the client state', () => {
    const details = failureOf('should receive "hello"');
    assert.equal(details.error.code, 'WSBDD_TIMEOUT');
    assert.match(details.error.message, /^"ann" did not receive a text message "hello" within 200 ms\n/);
    assert.deepEqual(details.expected, { kind: 'text message', equals: 'hello', within: '200 ms' });
    assert.deepEqual(details.actual, { state: 'open', received: 1, unmatched: [{ type: 'text', length: 5, preview: 'howdy' }] });
  });

  it('of a JSON where: the path and the value awaited, and the JSON message that came', () => {
    const details = failureOf('where "$.status" is "confirmed"');
    assert.equal(details.error.code, 'WSBDD_TIMEOUT');
    assert.deepEqual(details.expected, { kind: 'JSON message', where: '$.status', is: 'confirmed', within: '200 ms' });
    assert.deepEqual(details.actual, {
      state: 'open',
      received: 1,
      unmatched: [{ type: 'text', length: 20, preview: '{"status":"pending"}' }],
    });
  });

  it('of a count: how many were awaited and the fewer that came, binary ones in hex', () => {
    const details = failureOf('should receive 3 messages');
    assert.equal(details.error.code, 'WSBDD_TIMEOUT');
    assert.match(details.error.message, /^"cy" received 1 of the 3 messages expected within 200 ms\n/);
    assert.deepEqual(details.expected, { kind: 'message', count: 3, within: '200 ms' });
    assert.deepEqual(details.actual, { state: 'open', received: 1, unmatched: [{ type: 'binary', length: 3, preview: '01 02 ff' }] });
  });

  it('of a group receive: the awaited message once, and what each client got by name', () => {
    const details = failureOf('every client "user" should receive "hi"');
    assert.match(details.error.message, /^2 of 2 clients failed:\n/);
    assert.deepEqual(details.expected, { kind: 'text message', equals: 'hi', within: '200 ms' });
    const nothing = { state: 'open', received: 0, unmatched: [] };
    assert.deepEqual(details.actual, { 'user-1': nothing, 'user-2': nothing });
  });
});
