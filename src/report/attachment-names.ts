/**
 * File names and media types of what wsbdd attaches to scenarios. The run summary finds its inputs in
 * messages by these names, so they are part of the report format.
 */
export const ATTACHMENT = {
  transcriptText: { fileName: 'wsbdd-transcript.txt', mediaType: 'text/plain' },
  transcriptHtml: { fileName: 'wsbdd-transcript.html', mediaType: 'text/html' },
  diagram: { fileName: 'wsbdd-sequence.svg', mediaType: 'image/svg+xml' },
  failure: { fileName: 'wsbdd-failure.json', mediaType: 'application/json' },
  /** Raw samples for the run summary; a vendor type, so the HTML report offers it as a download. */
  timings: { fileName: 'wsbdd-timings.json', mediaType: 'application/vnd.wsbdd.timings+json' },
  notRun: { fileName: 'wsbdd-not-run.txt', mediaType: 'text/plain' },
  runSummary: { fileName: 'wsbdd-run-summary.txt', mediaType: 'text/plain' },
  /** What the scenario did with its contracts, in people's words. */
  contractText: { fileName: 'wsbdd-contract.txt', mediaType: 'text/plain' },
  /** The same as data for the run's coverage report (`ContractAttachment`); a vendor type, offered as a download. */
  contract: { fileName: 'wsbdd-contract.json', mediaType: 'application/vnd.wsbdd.contract+json' },
} as const;

/** Name of the AfterAll hook the run summary is attached to in the HTML report. */
export const RUN_SUMMARY_HOOK_NAME = 'wsbdd run summary';
