import { learnFromFeatureEnvelope, learnFromSourceText, type FeatureEnvelope } from './envelope-secrets';
import { Redactor } from './redact';
import { redactEnvelope } from './redact-envelope';
import { redactTestCase } from './redact-step-arguments';

/**
 * The messages of a run, as a formatter may see them: with every secret value written in the feature
 * files masked, wherever it appears.
 *
 * Cucumber sends a file's source before its gherkinDocument and pickles, and every file's messages
 * before testRunStarted; a secret is only known once the message holding it in a header table or phrase
 * has been read, and may occur in another file too. So messages are held until testRunStarted (or the
 * end, when a parse error stops the run before it), then handed on masked with all that was learnt.
 */
export class EnvelopeRedaction {
  readonly redactor: Redactor;
  private held: object[] | undefined = [];
  private readonly unparsedSources = new Map<string, string>();
  /** Original pickle step texts by id: testCases carry argument offsets into them. */
  private readonly stepTexts = new Map<string, string>();

  constructor(
    secretHeaders: readonly string[],
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.redactor = new Redactor(secretHeaders);
  }

  /** Takes the next message; returns those ready to hand on, masked, in their order. */
  accept(envelope: object): object[] {
    this.learn(envelope as FeatureEnvelope);
    if (!this.held) return [this.mask(envelope)];
    this.held.push(envelope);
    return 'testRunStarted' in envelope ? this.release() : [];
  }

  /** Every message still held, masked; call when the run ends. */
  release(): object[] {
    const held = this.held ?? [];
    this.held = undefined;
    // A source without a gherkinDocument did not parse: read what it can of it as plain lines.
    for (const text of this.unparsedSources.values()) learnFromSourceText(this.redactor, text, this.env);
    this.unparsedSources.clear();
    return held.map((envelope) => this.mask(envelope));
  }

  private mask(envelope: object): object {
    return redactTestCase(envelope, redactEnvelope(envelope, this.redactor), this.stepTexts, this.redactor);
  }

  private learn(envelope: FeatureEnvelope): void {
    if (envelope.source) this.unparsedSources.set(envelope.source.uri, envelope.source.data);
    if (envelope.gherkinDocument?.uri !== undefined) this.unparsedSources.delete(envelope.gherkinDocument.uri);
    for (const step of envelope.pickle?.steps ?? []) if (step.id !== undefined) this.stepTexts.set(step.id, step.text);
    learnFromFeatureEnvelope(this.redactor, envelope, this.env);
  }
}
