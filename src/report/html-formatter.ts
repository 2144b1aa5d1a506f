import { AttachmentContentEncoding } from '@cucumber/messages';
import { htmlReport, type HtmlOptions } from './cucumber-formatters';
import type { FormatterPlugin } from './formatter-plugin';
import { ATTACHMENT, RUN_SUMMARY_HOOK_NAME } from './attachment-names';
import type { Envelope } from './envelopes';
import { maskedPlugin } from './masked-formatter';
import { RunSummaryCollector, summaryText } from './run-summary';
import { contractSummaryLines } from './contract-summary';

type MessageHandler = (message: Envelope) => void;

/**
 * Cucumber's own HTML formatter, plus the run summary: when the run finishes, the summary (counts,
 * failures, timing percentiles over every worker, and the contract coverage when a scenario used one) is added as an attachment of wsbdd's AfterAll hook
 * ("wsbdd run summary"), which the report shows under the test run hooks. Cucumber 12 offers no
 * attach() in AfterAll, and the figures only exist once every worker is done, so they are added here,
 * in the main process, and only to this file. Options: the same `html` options as cucumber's formatter.
 * It reads the messages with the feature files' secrets masked, the summary's scenario names included.
 */
const withRunSummary: FormatterPlugin<HtmlOptions> = {
  type: 'formatter',
  optionsKey: 'html',
  formatter(context) {
    let forward: MessageHandler | undefined;
    const cleanup = htmlReport.formatter({
      ...context,
      on: (key, handler) => {
        if (key === 'message') forward = handler as MessageHandler;
      },
    });
    const collector = new RunSummaryCollector();
    const summaryHooks = new Set<string>();
    let lastSummaryHookRun: string | undefined;
    context.on('message', (message) => {
      const envelope = message as Envelope;
      collector.add(envelope);
      if (envelope.hook?.name === RUN_SUMMARY_HOOK_NAME) summaryHooks.add(envelope.hook.id);
      if (envelope.testRunHookStarted && summaryHooks.has(envelope.testRunHookStarted.hookId)) {
        lastSummaryHookRun = envelope.testRunHookStarted.id;
      }
      if (envelope.testRunFinished && lastSummaryHookRun) {
        forward?.({
          attachment: {
            ...ATTACHMENT.runSummary,
            body: summaryText(collector.summary(), contractSummaryLines(collector.contractParts())),
            contentEncoding: AttachmentContentEncoding.IDENTITY,
            testRunHookStartedId: lastSummaryHookRun,
            timestamp: envelope.testRunFinished.timestamp,
          },
        });
      }
      forward?.(envelope);
    });
    return cleanup;
  },
};

export default maskedPlugin(withRunSummary);
