import { join } from 'node:path';
import { After, AfterAll, AfterStep, Before } from '@cucumber/cucumber';
import { writeCoverageReport } from '../contract/coverage';
import type { WsWorld } from '../world';
import { contractOf, existingContract, noteFeatureUri } from './contract';
import { useContractDocument } from './contract-actions';
import { contractSettings } from './contract-config';
import { assertionFailed } from './errors';
import { firstTimeInThisLibrary } from '../support-library';
import type { Violation } from '../contract/coverage';

let reportFile: string | undefined;
const ATTACHMENT = { fileName: 'wsbdd-contract.txt', mediaType: 'text/plain' } as const;

function failureOf(violations: Violation[]): Error {
  const listed = violations.map((v) => `- ${v.problem}`).join('\n');
  return assertionFailed(`the conversation broke the contract ${violations.length === 1 ? 'once' : `${violations.length} times`}:\n${listed}`);
}

/**
 * A scenario's contract: the document of the world parameters (or --contract) from its start, a failure
 * in the step during which a frame broke it, the report section, and reports/contract.json at the end.
 */
export function installContractHooks(): void {
  if (!firstTimeInThisLibrary('contract-hooks')) return;
  Before({ name: 'wsbdd: contract' }, async function (this: WsWorld, { pickle }) {
    noteFeatureUri(this, pickle.uri, pickle.name);
    const settings = contractSettings((this.parameters as { contract?: unknown } | undefined)?.contract);
    reportFile = settings.report ?? reportFile;
    if (settings.document === undefined && settings.violations === 'fail') return;
    const session = contractOf(this);
    session.mode = settings.violations;
    if (settings.document !== undefined) await useContractDocument(this, settings.document);
  });
  AfterStep(function (this: WsWorld) {
    const failures = existingContract(this)?.takeFailures() ?? [];
    if (failures.length > 0) throw failureOf(failures);
  });
  After({ name: 'wsbdd: contract report' }, function (this: WsWorld) {
    const session = existingContract(this);
    if (!session) return;
    const summary = session.summary();
    if (summary) this.attach(summary, { mediaType: ATTACHMENT.mediaType, fileName: ATTACHMENT.fileName });
    // What broke the contract after the last step (a late frame) fails the scenario all the same.
    const failures = session.takeFailures();
    if (failures.length > 0) throw failureOf(failures);
  });
  AfterAll({ name: 'wsbdd: contract coverage' }, () => {
    writeCoverageReport(reportFile ?? join(process.env.WSBDD_REPORTS_DIR || 'reports', 'contract.json'));
  });
}
