/**
 * wsbdd's reporting hooks: per-scenario attachments (wire transcript, sequence diagram, failure details,
 * timing samples), the scenario's secrets shared with the run's formatters, and an orderly stop on Ctrl-C.
 */
import {
  After,
  AfterAll,
  AfterStep,
  Before,
  BeforeAll,
  Status,
  type ITestCaseHookParameter,
  type ITestStepHookParameter,
} from '@cucumber/cucumber';
import { firstTimeInThisLibrary } from '../support-library';
import { ATTACHMENT, RUN_SUMMARY_HOOK_NAME } from './attachment-names';
import { processInterruptController } from './interrupt';
import { resolveReportOptions, type ReportOptions } from './options';
import { scenarioAttachments, type MeasuredSamples, type ReportPart } from './scenario-report';
import type { Redactor } from '../secrets/redact';
import { ScenarioSecrets } from '../secrets/scenario-secrets';
import { shareSecretValues } from '../secrets/secret-channel';
import type { Transcript } from '../transcript/transcript';

/** What the hooks use of the World; any World with a transcript gets reports. */
interface ReportingWorld {
  transcript?: Transcript;
  parameters?: unknown;
  /** Where the World looks for the scenario's secrets when it words a failure; set from the scenario's own. */
  secrets?: Redactor;
  abort?(reason: string): void;
  /** Samples the steps measured themselves (fan-out latency), for the run summary. */
  measured?: MeasuredSamples;
  attach(data: string | Buffer, options: { mediaType: string; fileName?: string }): void;
}

interface ScenarioState {
  notRun: boolean;
  secrets: ScenarioSecrets;
  failure?: { step: string; error: unknown };
  /** The reports attached to a step so far: none, those of a passing scenario, or those of a failed one. */
  attached: 'nothing' | 'passed' | 'failed';
}

/**
 * Register the hooks, once per cucumber support library.
 *
 * The transcript, diagram and failure details go on the failing step, or on the last step when every
 * step passed, because the HTML report shows a step's attachments at once while those of hooks hide
 * behind a "hooks" toggle. The After hook attaches them when no step could (an undefined step, a failing
 * Before hook) or when a scenario whose steps passed failed in an After hook; it always attaches the
 * timing samples, which are for the run summary rather than for reading.
 */
export function installReporting(): void {
  if (!firstTimeInThisLibrary('reporting')) return;
  const interrupts = processInterruptController();
  const states = new WeakMap<object, ScenarioState>();
  let runOptions: ReportOptions | undefined;
  const options = (world: ReportingWorld): ReportOptions => (runOptions ??= resolveReportOptions(world.parameters));

  const attachReports = (world: ReportingWorld, state: ScenarioState, name: string, failed: boolean, parts: ReportPart[]): void => {
    const entries = world.transcript?.entries ?? [];
    const redactor = state.secrets.update(entries);
    try {
      const attachments = scenarioAttachments({
        name,
        entries,
        failed,
        options: options(world),
        redactor,
        failure: state.failure,
        interrupted: interrupts.interrupted,
        parts,
        measured: world.measured,
      });
      for (const attachment of attachments) {
        world.attach(attachment.data, { mediaType: attachment.mediaType, fileName: attachment.fileName });
      }
    } catch (error) {
      // A report that cannot be drawn must not turn a passing scenario red; say what went wrong instead.
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      world.attach(`wsbdd could not build this scenario's reports:\n${redactor.text(detail)}\n`, {
        mediaType: 'text/plain',
        fileName: 'wsbdd-report-error.txt',
      });
    }
  };

  // Bad report options stop the run before the first scenario, naming the option.
  BeforeAll({ name: 'wsbdd report options' }, function () {
    runOptions = resolveReportOptions(this.parameters);
  });

  Before({ name: 'wsbdd: stop after an interrupt' }, function (this: ReportingWorld, { pickle }: ITestCaseHookParameter) {
    // The one owner of the scenario's secrets: the reports and the World's failure messages use it, and the
    // formatters learn its values through the run's secret channel.
    const secrets = new ScenarioSecrets(options(this).secretHeaders, pickle.steps, process.env, this.parameters);
    if ('secrets' in this) this.secrets = secrets.redactor;
    shareSecretValues(secrets.redactor.secretValues);
    if (interrupts.interrupted) {
      states.set(this, { notRun: true, secrets, attached: 'nothing' });
      this.attach('Not run: the test run was interrupted before this scenario started.\n', ATTACHMENT.notRun);
      return 'skipped';
    }
    states.set(this, { notRun: false, secrets, attached: 'nothing' });
    interrupts.scenarioStarted(this);
    return undefined;
  });

  AfterStep(function (this: ReportingWorld, { pickle, pickleStep, result, error }: ITestStepHookParameter) {
    const state = states.get(this);
    if (!state) return;
    // The formatters mask the step's result (a user's own step may quote a secret in its error): they read
    // what the scenario learnt from the run's secret channel, which must hold it before cucumber reports the step.
    shareSecretValues(state.secrets.update(this.transcript?.entries ?? []).secretValues);
    const failed = result.status === Status.FAILED;
    if (failed && !state.failure) state.failure = { step: pickleStep.text, error: error ?? result.message ?? 'failed' };
    const lastStep = pickle.steps[pickle.steps.length - 1]?.id === pickleStep.id;
    if (state.attached === 'nothing' && (failed || lastStep)) {
      attachReports(this, state, pickle.name, failed, ['transcript', 'diagram', 'failure']);
      state.attached = failed ? 'failed' : 'passed';
    }
  });

  After({ name: 'wsbdd reports' }, function (this: ReportingWorld, { pickle, result }: ITestCaseHookParameter) {
    interrupts.scenarioFinished(this);
    const state = states.get(this);
    if (!state || state.notRun) return;
    const failed = result?.status === Status.FAILED;
    if (failed && !state.failure) state.failure = { step: 'a hook', error: result?.message ?? 'failed' };
    const parts: ReportPart[] = ['timings'];
    if (state.attached === 'nothing') parts.push('transcript', 'diagram', 'failure');
    else if (failed && state.attached === 'passed') parts.push('diagram', 'failure');
    attachReports(this, state, pickle.name, failed, parts);
    shareSecretValues(state.secrets.redactor.secretValues);
  });

  // The HTML report shows the run summary under this hook: the html formatter (src/report/html-formatter.ts)
  // attaches it once every worker has finished, as cucumber offers no attach() in AfterAll.
  AfterAll({ name: RUN_SUMMARY_HOOK_NAME }, function () {
    return undefined;
  });
}
