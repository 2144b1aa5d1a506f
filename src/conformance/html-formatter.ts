import type { FormatterPlugin } from '../report/formatter-plugin';
import { RUN_SUMMARY_HOOK_NAME } from '../report/attachment-names';
import reportHtml from '../report/html-formatter';
import { collectCaseResults, type RunEnvelope } from './results';
import { renderMarkdown } from './conformance-report';

type Envelope = Parameters<Parameters<Parameters<FormatterPlugin['formatter']>[0]['on']>[1]>[0];

export interface ConformanceHtmlOptions {
  /** What was tested, for the summary's header. */
  target?: string;
  /** The target is the embedded mock server (see ReportContext.embeddedMock). */
  embeddedMock?: boolean;
}

/** File name of the conformance summary attached in report.html. */
export const CONFORMANCE_ATTACHMENT = { fileName: 'wsbdd-conformance.md', mediaType: 'text/plain' } as const;

function timestampMs(timestamp: { seconds: number; nanos: number } | undefined): number | undefined {
  return timestamp ? Number(timestamp.seconds) * 1000 + timestamp.nanos / 1e6 : undefined;
}

/**
 * wsbdd's HTML report (src/report/html-formatter.ts) with the conformance summary added: the same
 * table as reports/conformance.md, attached to the "wsbdd run summary" test run hook once the run is
 * finished, so it shows at the top of the report next to the run summary.
 */
const conformanceHtmlFormatter: FormatterPlugin<ConformanceHtmlOptions> = {
  type: 'formatter',
  optionsKey: 'wsbddConformance',
  formatter(context) {
    let forward: ((envelope: Envelope) => void) | undefined;
    const cleanup = reportHtml.formatter({
      ...context,
      options: {},
      on: (key, handler) => {
        if (key === 'message') forward = handler;
      },
    });
    const seen: Envelope[] = [];
    const summaryHooks = new Set<string>();
    let summaryHookRun: string | undefined;
    let startedAt: number | undefined;
    context.on('message', (envelope) => {
      seen.push(envelope);
      if (envelope.hook?.name === RUN_SUMMARY_HOOK_NAME) summaryHooks.add(envelope.hook.id);
      if (envelope.testRunHookStarted && summaryHooks.has(envelope.testRunHookStarted.hookId)) summaryHookRun = envelope.testRunHookStarted.id;
      if (envelope.testRunStarted) startedAt = timestampMs(envelope.testRunStarted.timestamp);
      if (envelope.testRunFinished && summaryHookRun) {
        const finishedAt = timestampMs(envelope.testRunFinished.timestamp) ?? 0;
        const markdown = renderMarkdown(collectCaseResults(seen as RunEnvelope[]), {
          target: context.options.target ?? 'the target of this run',
          startedAt: new Date(startedAt ?? finishedAt),
          durationMs: finishedAt - (startedAt ?? finishedAt),
          embeddedMock: context.options.embeddedMock === true,
        });
        forward?.({
          attachment: {
            ...CONFORMANCE_ATTACHMENT,
            body: markdown,
            contentEncoding: 'IDENTITY',
            testRunHookStartedId: summaryHookRun,
            timestamp: envelope.testRunFinished.timestamp,
          },
        } as unknown as Envelope);
      }
      forward?.(envelope);
    });
    return cleanup;
  },
};

export default conformanceHtmlFormatter;
