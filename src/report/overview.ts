import { TIMING_LABELS, TIMING_METRICS, formatMs, formatStats, scenarioTimings, timingStats, type ScenarioTimings } from './timings';
import type { TranscriptEntry } from '../transcript/transcript';

/** The few facts a reader wants before the lines of a transcript. */
export interface TranscriptOverview {
  clients: string[];
  /** Events recorded, kept or not. */
  entries: number;
  /** Events a capped transcript counted but did not keep. */
  omitted: number;
  durationMs: number;
  timings: ScenarioTimings;
}

export function transcriptOverview(entries: readonly TranscriptEntry[], serverActor = 'server'): TranscriptOverview {
  const clients: string[] = [];
  let count = 0;
  for (const entry of entries) {
    count += entry.kind === 'omitted' ? entry.entries : 1;
    if (entry.kind !== 'omitted' && entry.actor !== serverActor && !clients.includes(entry.actor)) clients.push(entry.actor);
  }
  const last = entries.reduce<TranscriptEntry | undefined>((latest, entry) => (!latest || entry.t > latest.t ? entry : latest), undefined);
  const omitted = entries.reduce((total, entry) => total + (entry.kind === 'omitted' ? entry.entries : 0), 0);
  return {
    clients,
    entries: count,
    omitted,
    durationMs: last ? last.t : 0,
    timings: scenarioTimings(entries, serverActor),
  };
}

/** Overview lines: clients and frame counts, then one line per timing figure that has samples. */
export function overviewLines(overview: TranscriptOverview): string[] {
  const { timings } = overview;
  const clients =
    overview.clients.length === 0
      ? 'no clients'
      : `${overview.clients.length} client${overview.clients.length === 1 ? '' : 's'} (${abbreviateList(overview.clients, 8)})`;
  const lines = [
    `${clients} · ${timings.framesOut + timings.framesIn} frames: ${timings.framesOut} out, ${timings.framesIn} in · ` +
      `${overview.entries} events over ${formatMs(overview.durationMs)}`,
  ];
  if (overview.omitted > 0) {
    lines.push(`${overview.omitted} of them not kept (transcript limit: the first and last events are kept, the rest counted); timing figures come from the events kept`);
  }
  for (const metric of TIMING_METRICS) {
    const stats = timingStats(timings[metric]);
    if (stats) lines.push(`${TIMING_LABELS[metric]}: ${formatStats(stats)}`);
  }
  return lines;
}

function abbreviateList(items: string[], max: number): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')}, … ${items.length - max} more`;
}
