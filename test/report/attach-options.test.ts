import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ATTACHMENT } from '../../src/report/attachment-names';
import type { Envelope } from '../../src/report/envelopes';
import { readEnvelopes, removeDir, runCucumber, tempReportsDir } from './cucumber-run';

const PASSES = 'a round trip that passes';
const FAILS = 'a reply that never comes';

/** File names of the attachments of each scenario, by scenario name. */
function attachmentsByScenario(envelopes: Envelope[]): Map<string, string[]> {
  const pickleNames = new Map<string, string>();
  const casePickles = new Map<string, string>();
  const startedCases = new Map<string, string>();
  const found = new Map<string, string[]>();
  for (const envelope of envelopes) {
    if (envelope.pickle) pickleNames.set(envelope.pickle.id, envelope.pickle.name);
    if (envelope.testCase) casePickles.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) startedCases.set(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
    const attachment = envelope.attachment;
    if (!attachment?.testCaseStartedId || !attachment.fileName) continue;
    const name = pickleNames.get(casePickles.get(startedCases.get(attachment.testCaseStartedId) ?? '') ?? '') ?? '?';
    found.set(name, [...(found.get(name) ?? []), attachment.fileName].sort());
  }
  return found;
}

/** Runs the two scenarios with these report settings and returns what each one got attached. */
async function attachedWith(env: Record<string, string>): Promise<Map<string, string[]>> {
  const reportsDir = await tempReportsDir('attach');
  dirs.push(reportsDir);
  const result = await runCucumber({ features: ['attach-options.feature'], reportsDir, env });
  assert.equal(result.code, 1, result.stderr);
  return attachmentsByScenario(await readEnvelopes(reportsDir));
}

const dirs: string[] = [];

describe('report attachments in a real run follow the configuration', () => {
  after(async () => {
    for (const dir of dirs) await removeDir(dir);
  });

  it('by default: the transcript always, the diagram and failure details on failure', async () => {
    const attached = await attachedWith({});
    assert.deepEqual(attached.get(PASSES), [ATTACHMENT.timings.fileName, ATTACHMENT.transcriptText.fileName].sort());
    assert.deepEqual(
      attached.get(FAILS),
      [ATTACHMENT.diagram.fileName, ATTACHMENT.failure.fileName, ATTACHMENT.timings.fileName, ATTACHMENT.transcriptText.fileName].sort(),
    );
  });

  it('as the environment says: the transcript on failure only, the diagram always, no failure details', async () => {
    const attached = await attachedWith({
      WSBDD_REPORT_TRANSCRIPT: 'failure',
      WSBDD_REPORT_DIAGRAM: 'always',
      WSBDD_REPORT_FAILURE: 'never',
    });
    assert.deepEqual(attached.get(PASSES), [ATTACHMENT.diagram.fileName, ATTACHMENT.timings.fileName].sort());
    assert.deepEqual(
      attached.get(FAILS),
      [ATTACHMENT.diagram.fileName, ATTACHMENT.timings.fileName, ATTACHMENT.transcriptText.fileName].sort(),
    );
  });
});
