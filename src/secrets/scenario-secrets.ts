import { Redactor } from './redact';
import type { TranscriptEntry } from '../transcript/transcript';

/** The parts of a cucumber pickle step that can carry a header value. */
export interface PickleStepLike {
  text: string;
  argument?: { dataTable?: { rows: ReadonlyArray<{ cells: ReadonlyArray<{ value: string }> }> } };
}

/**
 * A redactor for one scenario: the configured secret header names, plus every secret value the
 * scenario used, learnt from the handshakes in its transcript and from its steps (header tables and
 * "the header "Cookie" ... "value"" phrases, with `${env:NAME}` resolved), so that a value is masked even
 * where it appears outside a header: in a payload, an error message or an assertion.
 */
export function scenarioRedactor(
  secretHeaders: readonly string[],
  entries: readonly TranscriptEntry[],
  steps: readonly PickleStepLike[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Redactor {
  const redactor = new Redactor(secretHeaders);
  learnFromTranscript(redactor, entries);
  learnFromSteps(redactor, steps, env);
  return redactor;
}

/**
 * Secrets of a scenario in progress: learns from the steps once and from each handshake of the
 * transcript once, however often the hooks ask (after every step).
 */
export class ScenarioSecrets {
  readonly redactor: Redactor;
  /** Handshake entries already learnt from: a capped transcript moves entries, so positions cannot say. */
  private readonly learnt = new WeakSet<TranscriptEntry>();

  constructor(
    secretHeaders: readonly string[],
    steps: readonly PickleStepLike[] = [],
    env: NodeJS.ProcessEnv = process.env,
    parameters: unknown = undefined,
  ) {
    this.redactor = new Redactor(secretHeaders);
    learnFromSteps(this.redactor, steps, env);
    learnFromSettings(this.redactor, parameters, env);
  }

  /** The redactor, after learning from the handshakes recorded since the last call. */
  update(entries: readonly TranscriptEntry[]): Redactor {
    const fresh = entries.filter((entry) => (entry.kind === 'handshake-request' || entry.kind === 'handshake-response') && !this.learnt.has(entry));
    for (const entry of fresh) this.learnt.add(entry);
    learnFromTranscript(this.redactor, fresh);
    return this.redactor;
  }
}

/**
 * Learns the passwords of the URLs among the run's settings (world parameters such as `target`, and
 * WSBDD_TARGET), wherever they are nested.
 */
export function learnFromSettings(redactor: Redactor, parameters: unknown, env: NodeJS.ProcessEnv): void {
  redactor.learnUrls(env.WSBDD_TARGET ?? '');
  const visit = (value: unknown, depth: number): void => {
    if (typeof value === 'string') redactor.learnUrls(value);
    // Settings are plain data a few levels deep; the bound keeps a cyclic object from recursing forever.
    else if (typeof value === 'object' && value !== null && depth < 8) for (const item of Object.values(value)) visit(item, depth + 1);
  };
  visit(parameters, 0);
}

export function learnFromTranscript(redactor: Redactor, entries: readonly TranscriptEntry[], from = 0): void {
  for (let index = from; index < entries.length; index++) {
    const entry = entries[index];
    if (!entry) continue;
    if (entry.kind === 'handshake-request') {
      redactor.learnHeaders(entry.request.headers);
      redactor.learnHead(entry.request.head ?? '');
    } else if (entry.kind === 'handshake-response') {
      redactor.learnHeaders(entry.response.headers);
      redactor.learnHead(entry.response.head ?? '');
    }
  }
}

export function learnFromSteps(redactor: Redactor, steps: readonly PickleStepLike[], env: NodeJS.ProcessEnv): void {
  const resolve = (text: string): string => text.replace(/\$\{env:([^}]+)\}/g, (whole, name: string) => env[name.trim()] ?? whole);
  for (const step of steps) {
    redactor.learnUrls(resolve(step.text));
    for (const row of step.argument?.dataTable?.rows ?? []) {
      for (const cell of row.cells) redactor.learnUrls(resolve(cell.value));
      const [name, value] = row.cells.map((cell) => cell.value);
      if (name !== undefined && value !== undefined && redactor.isSecretHeader(name)) {
        redactor.learnHeaders([[name, resolve(value)]]);
      }
    }
    // A quoted header name followed by a quoted value: the header "Cookie" with value "a=b". Every quoted
    // string is a candidate name, so that a quoted client name before the header does not shift the pairs.
    const quoted = [...step.text.matchAll(/"([^"]*)"/g)].map((match) => match[1] ?? '');
    for (let index = 0; index + 1 < quoted.length; index++) {
      const name = quoted[index] ?? '';
      if (redactor.isSecretHeader(name)) redactor.learnHeaders([[name, resolve(quoted[index + 1] ?? '')]]);
    }
  }
}
