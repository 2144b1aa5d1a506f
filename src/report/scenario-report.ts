import { ATTACHMENT } from './attachment-names';
import { renderSequenceDiagram } from './diagram-svg';
import { failureDetails } from './failure';
import { shouldAttach, type ReportOptions } from './options';
import type { Redactor } from '../secrets/redact';
import { scenarioTimings, timingStats, TIMING_METRICS, round, type TimingMetric, type TimingStats } from './timings';
import type { TranscriptEntry } from '../transcript/transcript';
import { renderTranscriptHtml } from './transcript-html';
import { renderTranscriptText } from './transcript-text';

/** One attachment, ready for cucumber's `this.attach(data, { mediaType, fileName })`. */
export interface ScenarioAttachment {
  /** Images are Buffers so that cucumber base64-encodes them, which its HTML report needs to show them. */
  data: string | Buffer;
  mediaType: string;
  fileName: string;
}

export interface ScenarioReportInput {
  name: string;
  entries: readonly TranscriptEntry[];
  failed: boolean;
  options: ReportOptions;
  redactor: Redactor;
  /** The failing step and its error, when the scenario failed. */
  failure?: { step?: string; error: unknown };
  serverActor?: string;
  /** The run was interrupted while this scenario ran; recorded for the run summary. */
  interrupted?: boolean;
  /** The parts to build this time (default: all); each is still subject to the options. */
  parts?: ReadonlyArray<ReportPart>;
  /** Samples the steps measured themselves, beside those read from the transcript. */
  measured?: MeasuredSamples;
}

/** Timing samples a World measured during the scenario (in milliseconds). */
export interface MeasuredSamples {
  fanOutMs?: readonly number[];
}

export type ReportPart = 'transcript' | 'diagram' | 'failure' | 'timings';

/** Samples kept per metric per scenario; beyond this, samples are thinned evenly. */
export const MAX_SAMPLES_PER_METRIC = 10_000;

/** The timing figures of one scenario, as attached for the run summary. */
export interface ScenarioTimingReport {
  version: 1;
  samples: Record<TimingMetric, number[]>;
  stats: Partial<Record<TimingMetric, TimingStats>>;
  /** True when a metric had more than MAX_SAMPLES_PER_METRIC samples and was thinned. */
  thinned: boolean;
  frames: { in: number; out: number };
  bytes: { in: number; out: number };
  /** The run was interrupted while this scenario ran. */
  interrupted?: boolean;
}

/** Everything wsbdd attaches to one scenario, according to the options and the outcome. */
export function scenarioAttachments(input: ScenarioReportInput): ScenarioAttachment[] {
  const { options, failed, redactor, entries } = input;
  const attachments: ScenarioAttachment[] = [];
  const shared = { redactor, title: input.name, serverActor: input.serverActor };
  const wanted = (part: ReportPart): boolean => !input.parts || input.parts.includes(part);

  if (wanted('transcript') && shouldAttach(options.transcript, failed)) {
    const textOptions = { ...shared, previewLimit: options.previewLimit, maxEntries: options.maxEntries };
    if (options.transcriptFormats.includes('text')) {
      attachments.push({ ...ATTACHMENT.transcriptText, data: renderTranscriptText(entries, textOptions) });
    }
    if (options.transcriptFormats.includes('html')) {
      attachments.push({ ...ATTACHMENT.transcriptHtml, data: renderTranscriptHtml(entries, textOptions) });
    }
  }
  if (wanted('diagram') && shouldAttach(options.diagram, failed)) {
    const svg = renderSequenceDiagram(entries, {
      ...shared,
      maxRows: options.maxDiagramRows,
      maxClientLanes: options.maxDiagramLanes,
    });
    attachments.push({ ...ATTACHMENT.diagram, data: Buffer.from(svg, 'utf8') });
  }
  if (wanted('failure') && failed && input.failure && options.failure !== 'never') {
    const details = failureDetails({ ...input.failure, entries, redactor, serverActor: input.serverActor });
    attachments.push({ ...ATTACHMENT.failure, data: JSON.stringify(details, null, 2) });
  }
  if (wanted('timings')) {
    const timings = timingReport(entries, input.serverActor, input.measured);
    if (input.interrupted) timings.interrupted = true;
    attachments.push({ ...ATTACHMENT.timings, data: JSON.stringify(timings) });
  }
  return attachments;
}

export function timingReport(entries: readonly TranscriptEntry[], serverActor?: string, measured?: MeasuredSamples): ScenarioTimingReport {
  const timings = scenarioTimings(entries, serverActor);
  if (measured?.fanOutMs) timings.fanOutMs.push(...measured.fanOutMs);
  let thinned = false;
  const samples = {} as Record<TimingMetric, number[]>;
  const stats: Partial<Record<TimingMetric, TimingStats>> = {};
  for (const metric of TIMING_METRICS) {
    const all = timings[metric];
    const metricStats = timingStats(all);
    if (metricStats) stats[metric] = metricStats;
    if (all.length > MAX_SAMPLES_PER_METRIC) thinned = true;
    samples[metric] = thin(all, MAX_SAMPLES_PER_METRIC).map(round);
  }
  return {
    version: 1,
    samples,
    stats,
    thinned,
    frames: { in: timings.framesIn, out: timings.framesOut },
    bytes: { in: timings.bytesIn, out: timings.bytesOut },
  };
}

function thin(values: number[], max: number): number[] {
  if (values.length <= max) return values;
  const step = values.length / max;
  return Array.from({ length: max }, (_, index) => values[Math.floor(index * step)] ?? 0);
}
