import { join, resolve } from 'node:path';
import { After, AfterAll, AfterStep, Before } from '@cucumber/cucumber';
import { addScenarioCoverage, writeCoverageReport, type CoverageReport, type Violation } from '../contract/coverage';
import type { ContractPart } from '../report/contract-summary';
import { ATTACHMENT } from '../report/attachment-names';
import type { WsWorld } from '../world';
import { contractOf, existingContract, noteFeatureUri } from './contract';
import { useContractDocument } from './contract-actions';
import { contractSettings } from './contract-config';
import { assertionFailed } from './errors';
import { firstTimeInThisLibrary } from '../support-library';

let reportFile: string | undefined;

function coverageFile(): string {
  return resolve(reportFile ?? join(process.env.WSBDD_REPORTS_DIR || 'reports', 'contract.json'));
}

function failureOf(violations: Violation[]): Error {
  const listed = violations.map((v) => `- ${v.problem}`).join('\n');
  return assertionFailed(`the conversation broke the contract ${violations.length === 1 ? 'once' : `${violations.length} times`}:\n${listed}`);
}

/** The report with the scenario's secret values (a cookie echoed in a payload) masked, as every report has them. */
function maskedCoverage(report: CoverageReport, mask: (text: string) => string): CoverageReport {
  return {
    documents: report.documents.map((doc) => ({
      ...doc,
      violations: doc.violations.map((v) => ({ ...v, problem: mask(v.problem), ...(v.preview !== undefined ? { preview: mask(v.preview) } : {}) })),
    })),
  };
}

/**
 * A scenario's contract: the document of the world parameters (or --contract) from its start, a failure
 * in the step during which a frame broke it, its report section and coverage, and reports/contract.json
 * at the end (written by the main process in a parallel run, from every worker's scenarios).
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
  After({ name: 'wsbdd: contract report' }, function (this: WsWorld, { willBeRetried }) {
    const session = existingContract(this);
    if (!session) return;
    const summary = session.summary();
    if (summary) this.attach(summary, { mediaType: ATTACHMENT.contractText.mediaType, fileName: ATTACHMENT.contractText.fileName });
    const coverage = maskedCoverage(session.coverage.report(), (text) => this.secrets.text(text));
    if (coverage.documents.length > 0) {
      // Its part of the run's coverage report, where that report goes, and the parallel worker it ran in.
      const attachment: ContractPart = { ...coverage, report: coverageFile(), worker: process.env.CUCUMBER_WORKER_ID };
      this.attach(JSON.stringify(attachment), { mediaType: ATTACHMENT.contract.mediaType, fileName: ATTACHMENT.contract.fileName });
      // A failed attempt that is run again leaves the report to the attempt that counts.
      if (!willBeRetried) addScenarioCoverage(coverage);
    }
    // What broke the contract after the last step (a late frame) fails the scenario all the same.
    const failures = session.takeFailures();
    if (failures.length > 0) throw failureOf(failures);
  });
  AfterAll({ name: 'wsbdd: contract coverage' }, () => {
    // A worker of a parallel run has only its own scenarios: the main process writes the whole run's report.
    if (process.env.CUCUMBER_WORKER_ID !== undefined) return;
    writeCoverageReport(coverageFile());
  });
}
