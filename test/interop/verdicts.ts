import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectCaseResults, type CaseResult, type RunEnvelope, type Verdict } from '../../src/conformance/results';
import { summarize } from '../../src/conformance/conformance-report';

/** A run's verdicts, re-read from the Cucumber messages it wrote, judged by the pack's own code. */
export interface RunVerdicts {
  results: CaseResult[];
  overall: string;
  counts: Record<Verdict, number>;
}

/** Reads reportsDir/messages.ndjson; undefined when the run wrote none (target not reached, crash). */
export function readRunVerdicts(reportsDir: string): RunVerdicts | undefined {
  const file = join(reportsDir, 'messages.ndjson');
  if (!existsSync(file)) return undefined;
  const envelopes: RunEnvelope[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    // The last line of a run that was killed may be cut short; the complete ones still count.
    if (line.trim() === '') continue;
    try {
      envelopes.push(JSON.parse(line) as RunEnvelope);
    } catch {
      continue;
    }
  }
  const results = collectCaseResults(envelopes);
  const counts: Record<Verdict, number> = { PASSED: 0, FAILED: 0, 'NON-STRICT': 0, ERROR: 0, 'NOT-RUN': 0, SKIPPED: 0 };
  for (const result of results) counts[result.verdict]++;
  return { results, overall: summarize(results).overall, counts };
}

/**
 * A name for each case that is the same in every run: the feature file and the case name, with a
 * count for rows of an example table that share a name.
 */
export function caseKeys(results: CaseResult[]): Map<string, CaseResult> {
  const keys = new Map<string, CaseResult>();
  const seen = new Map<string, number>();
  for (const result of results) {
    const base = `${result.uri} :: ${result.name}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    keys.set(n === 1 ? base : `${base} #${n}`, result);
  }
  return keys;
}

export interface Flip {
  key: string;
  name: string;
  sections: string[];
  /** The case's verdict in each run, in run order; "absent" when a run has no such case. */
  verdicts: string[];
  /** The failure of each run where it did not pass. */
  failures: Array<string | undefined>;
}

/** Cases whose verdict is not the same in every run. */
export function flipsBetween(runs: CaseResult[][]): Flip[] {
  const keyed = runs.map(caseKeys);
  const allKeys = new Set(keyed.flatMap((k) => [...k.keys()]));
  const flips: Flip[] = [];
  for (const key of allKeys) {
    const results = keyed.map((k) => k.get(key));
    const verdicts = results.map((r) => r?.verdict ?? 'absent');
    if (new Set(verdicts).size <= 1) continue;
    const known = results.find((r) => r !== undefined)!;
    flips.push({ key, name: known.name, sections: known.sections, verdicts, failures: results.map((r) => r?.failure) });
  }
  return flips;
}

export interface FailedCase {
  key: string;
  area: string;
  name: string;
  sections: string[];
  failure?: string;
  /** The runs (1-based) in which the case was FAILED. */
  inRuns: number[];
}

/** Every case that was FAILED in at least one run, in the order of the first run that has it. */
export function failedCases(runs: CaseResult[][]): FailedCase[] {
  const failed = new Map<string, FailedCase>();
  runs.forEach((results, index) => {
    for (const [key, result] of caseKeys(results)) {
      if (result.verdict !== 'FAILED') continue;
      const entry = failed.get(key);
      if (entry) entry.inRuns.push(index + 1);
      else failed.set(key, { key, area: result.area, name: result.name, sections: result.sections, ...(result.failure !== undefined ? { failure: result.failure } : {}), inRuns: [index + 1] });
    }
  });
  return [...failed.values()];
}
