import type { Redactor } from '../secrets/redact';
import { learnFromSteps, type PickleStepLike } from '../secrets/scenario-secrets';

/** A step of a gherkinDocument: like a pickle step, but its table is not under `argument`. */
interface DocumentStep {
  text: string;
  dataTable?: NonNullable<PickleStepLike['argument']>['dataTable'];
}

interface DocumentChild {
  background?: { steps?: DocumentStep[] };
  scenario?: { steps?: DocumentStep[] };
  rule?: { children?: DocumentChild[] };
}

/** The parts of the envelopes that carry a feature's text, as far as secrets are concerned. */
export interface FeatureEnvelope {
  source?: { uri: string; data: string };
  gherkinDocument?: { uri?: string; feature?: { children?: DocumentChild[] } };
  pickle?: { steps: Array<PickleStepLike & { id?: string }> };
}

/**
 * Learns the secret values written in feature files: from each pickle (Scenario Outline rows filled in)
 * and from each gherkinDocument (which also holds outlines that yield no pickle), with the rules the
 * scenario hooks use, so that every report masks what the transcripts mask.
 */
export function learnFromFeatureEnvelope(redactor: Redactor, envelope: FeatureEnvelope, env: NodeJS.ProcessEnv): void {
  if (envelope.pickle) learnFromSteps(redactor, envelope.pickle.steps, env);
  const feature = envelope.gherkinDocument?.feature;
  if (feature) learnFromSteps(redactor, documentSteps(feature.children ?? []), env);
}

/**
 * Learns from feature text that cucumber could not parse (no gherkinDocument follows its source): each
 * line is read as a step, and each table row as a data table row.
 */
export function learnFromSourceText(redactor: Redactor, text: string, env: NodeJS.ProcessEnv): void {
  const steps: PickleStepLike[] = text.split(/\r?\n/).map((line) => {
    const trimmed = line.trim();
    if (!trimmed.startsWith('|')) return { text: trimmed };
    const cells = trimmed
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => ({ value: cell.trim() }));
    return { text: trimmed, argument: { dataTable: { rows: [{ cells }] } } };
  });
  learnFromSteps(redactor, steps, env);
}

function documentSteps(children: readonly DocumentChild[], depth = 0): PickleStepLike[] {
  const steps: PickleStepLike[] = [];
  // Gherkin nests rules one level deep; the bound keeps a malformed document from recursing far.
  if (depth > 2) return steps;
  for (const child of children) {
    for (const step of [...(child.background?.steps ?? []), ...(child.scenario?.steps ?? [])]) {
      steps.push({ text: step.text, argument: step.dataTable ? { dataTable: step.dataTable } : undefined });
    }
    if (child.rule) steps.push(...documentSteps(child.rule.children ?? [], depth + 1));
  }
  return steps;
}
