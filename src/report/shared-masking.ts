import { RunMessageMasking } from './run-message-masking';

/**
 * The run's one masked message stream, shared by every formatter of the process. Cucumber hands each
 * formatter the same message objects in the same order, starting with `meta`; the run's masking is found
 * by that first message, and each message is masked once, by whichever formatter passes it first, the
 * others receiving the very copies it made.
 */
const runs = new WeakMap<object, RunMessageMasking>();

export class MaskedMessages {
  private masking: RunMessageMasking | undefined;

  constructor(
    private readonly secretHeaders: readonly string[],
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Takes the next message; returns those ready to hand on, masked, in their order. */
  accept(envelope: object): readonly object[] {
    if ('meta' in envelope) {
      let masking = runs.get(envelope);
      if (!masking) runs.set(envelope, (masking = new RunMessageMasking(this.secretHeaders, this.env)));
      this.masking = masking;
    }
    // A stream that does not start with meta (a formatter fed by hand) gets a masking of its own.
    this.masking ??= new RunMessageMasking(this.secretHeaders, this.env);
    return this.masking.accept(envelope);
  }

  /** Every message still held, masked; call when the run ends. */
  release(): readonly object[] {
    return this.masking?.release() ?? [];
  }
}
