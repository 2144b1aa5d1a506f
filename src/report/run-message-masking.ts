import { learnFromFeatureEnvelope, learnFromSourceText, type FeatureEnvelope } from './feature-file-secrets';
import { Redactor } from '../secrets/redact';
import { maskMessageFields } from './mask-message-fields';
import { moveStepArgumentsOntoMaskedText } from './mask-step-arguments';

/**
 * The messages of a run, as a formatter may see them: with every secret value written in the feature
 * files masked, wherever it appears.
 *
 * Cucumber sends a file's source before its gherkinDocument and pickles, and every file's messages
 * before testRunStarted; a secret is only known once the message holding it in a header table or phrase
 * has been read, and may occur in another file too. So messages are held until testRunStarted (or the
 * end, when a parse error stops the run before it), then handed on masked with all that was learnt.
 * Scenarios learn more secrets as they run (handshake headers, world parameters): they write them to the
 * run's secret channel before finishing the step that learnt them, and each message is masked with every
 * value read from it so far, so a step's failure message is masked even when a user's own step wrote it.
 */
export class RunMessageMasking {
  readonly redactor: Redactor;
  private held: object[] | undefined = [];
  private readonly unparsedSources = new Map<string, string>();
  /** Original pickle step texts by id: testCases carry argument offsets into them. */
  private readonly stepTexts = new Map<string, string>();
  private readonly answers = new WeakMap<object, readonly object[]>();
  private released: readonly object[] | undefined;

  constructor(
    secretHeaders: readonly string[],
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** The values the scenarios learn as they run (src/secrets/secret-channel.ts), read before each message is masked. */
    private readonly runtimeSecrets?: { read(): readonly string[] },
  ) {
    this.redactor = new Redactor(secretHeaders);
    this.redactor.learnUrls(env.WSBDD_TARGET ?? '');
  }

  /**
   * Takes the next message; returns those ready to hand on, masked, in their order. The same message
   * given again (by another formatter of the run) returns the same answer, masked once.
   */
  accept(envelope: object): readonly object[] {
    const known = this.answers.get(envelope);
    if (known) return known;
    const answer = this.first(envelope);
    this.answers.set(envelope, answer);
    return answer;
  }

  /** Every message still held, masked; call when the run ends (any number of times). */
  release(): readonly object[] {
    this.released ??= this.releaseHeld();
    return this.released;
  }

  private first(envelope: object): readonly object[] {
    this.learn(envelope as FeatureEnvelope);
    if (!this.held) return [this.mask(envelope)];
    this.held.push(envelope);
    return 'testRunStarted' in envelope ? this.releaseHeld() : [];
  }

  private releaseHeld(): object[] {
    const held = this.held ?? [];
    this.held = undefined;
    // A source without a gherkinDocument did not parse: read what it can of it as plain lines.
    for (const text of this.unparsedSources.values()) learnFromSourceText(this.redactor, text, this.env);
    this.unparsedSources.clear();
    return held.map((envelope) => this.mask(envelope));
  }

  private mask(envelope: object): object {
    for (const value of this.runtimeSecrets?.read() ?? []) this.redactor.addSecretValue(value);
    return moveStepArgumentsOntoMaskedText(envelope, maskMessageFields(envelope, this.redactor), this.stepTexts, this.redactor);
  }

  private learn(envelope: FeatureEnvelope): void {
    if (envelope.source) this.unparsedSources.set(envelope.source.uri, envelope.source.data);
    if (envelope.gherkinDocument?.uri !== undefined) this.unparsedSources.delete(envelope.gherkinDocument.uri);
    for (const step of envelope.pickle?.steps ?? []) if (step.id !== undefined) this.stepTexts.set(step.id, step.text);
    learnFromFeatureEnvelope(this.redactor, envelope, this.env);
  }
}
