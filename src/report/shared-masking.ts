import { RunMessageMasking } from './run-message-masking';
import { openSecretChannel, type SecretChannel } from '../secrets/secret-channel';

/**
 * The run's one masked message stream, shared by every formatter of the process. Cucumber hands each
 * formatter the same message objects in the same order, starting with `meta`; the run's masking is found
 * by that first message, and each message is masked once, by whichever formatter passes it first, the
 * others receiving the very copies it made. A run's masking also reads the run's secret channel, where
 * the scenarios (in this process or in parallel workers) write the secrets they learn as they run.
 */
const runs = new WeakMap<object, { masking: RunMessageMasking; channel: SecretChannel }>();

export class MaskedMessages {
  private masking: RunMessageMasking | undefined;
  private channel: SecretChannel | undefined;

  constructor(
    private readonly secretHeaders: readonly string[],
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Takes the next message; returns those ready to hand on, masked, in their order. */
  accept(envelope: object): readonly object[] {
    if ('meta' in envelope) {
      let run = runs.get(envelope);
      if (!run) {
        // Cucumber sends meta before any scenario starts or any worker is forked, so the channel is named in time.
        const channel = openSecretChannel();
        run = { masking: new RunMessageMasking(this.secretHeaders, this.env, channel), channel };
        runs.set(envelope, run);
      }
      this.masking = run.masking;
      this.channel = run.channel;
    }
    // A stream that does not start with meta (a formatter fed by hand) gets a masking of its own.
    this.masking ??= new RunMessageMasking(this.secretHeaders, this.env);
    return this.masking.accept(envelope);
  }

  /** Every message still held, masked; call when the run ends. The run's secret channel is removed. */
  release(): readonly object[] {
    const released = this.masking?.release() ?? [];
    this.channel?.close();
    return released;
  }
}
