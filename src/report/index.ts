/** wsbdd's reports: transcripts, sequence diagrams, timing figures, secret masking and the run summary. */
export { ATTACHMENT, RUN_SUMMARY_HOOK_NAME } from './attachment-names';
export { renderSequenceDiagram } from './diagram-svg';
export type { DiagramOptions } from './diagram-model';
export { ReportError, ReportErrorCode, type ReportErrorCodeValue } from './errors';
export { failureDetails, type FailureDetails } from './failure';
export { InterruptController, processInterruptController } from './interrupt';
export { DEFAULT_REPORT_OPTIONS, REPORT_ENV, resolveReportOptions, type AttachWhen, type ReportOptions } from './options';
export { DEFAULT_SECRET_HEADERS, REDACTED, Redactor } from '../secrets/redact';
export { RunSummaryCollector, summaryLine, summaryText, type RunSummary, type ScenarioSummary } from './run-summary';
export { scenarioAttachments, timingReport, type ScenarioAttachment, type ScenarioTimingReport } from './scenario-report';
export { ScenarioSecrets, scenarioRedactor } from '../secrets/scenario-secrets';
export { MESSAGES_FILE, SUMMARY_FILE, parseMessages, summariseMessages, writeRunSummary } from './run-summary-from-messages';
export { formatMs, scenarioTimings, timingStats, type ScenarioTimings, type TimingStats } from './timings';
export { Transcript, type TranscriptEntry } from '../transcript/transcript';
export { renderTranscriptHtml } from './transcript-html';
export { renderTranscriptText, type TranscriptTextOptions } from './transcript-text';
