import type { Envelope } from '@cucumber/messages';

/**
 * Cucumber's JUnit report writes the failure of an undefined step with no message (the step's result
 * has none), so a CI system shows a failed test without a word of why. This view of the run's messages
 * gives such a result an exception that names the step, and cucumber's suggested snippet as its details.
 */
export class UndefinedStepResults {
  private readonly stepTexts = new Map<string, string>();
  private readonly pickleStepOfTestStep = new Map<string, string>();
  private readonly snippets = new Map<string, string>();

  accept(envelope: Envelope): Envelope {
    if (envelope.pickle) for (const step of envelope.pickle.steps) this.stepTexts.set(step.id, step.text);
    if (envelope.testCase) {
      for (const step of envelope.testCase.testSteps) {
        if (step.pickleStepId !== undefined) this.pickleStepOfTestStep.set(step.id, step.pickleStepId);
      }
    }
    const suggestion = envelope.suggestion;
    if (suggestion && suggestion.snippets.length > 0) this.snippets.set(suggestion.pickleStepId, suggestion.snippets[0].code);
    const finished = envelope.testStepFinished;
    if (!finished || finished.testStepResult.status !== 'UNDEFINED' || finished.testStepResult.exception) return envelope;
    const pickleStepId = this.pickleStepOfTestStep.get(finished.testStepId);
    const text = pickleStepId === undefined ? undefined : this.stepTexts.get(pickleStepId);
    const snippet = pickleStepId === undefined ? undefined : this.snippets.get(pickleStepId);
    const message = text === undefined ? 'undefined step' : `undefined step: ${text}`;
    return {
      ...envelope,
      testStepFinished: {
        ...finished,
        testStepResult: {
          ...finished.testStepResult,
          message: snippet === undefined ? message : `${message}\nImplement it with:\n${snippet}`,
          exception: { type: 'UndefinedStep', message },
        },
      },
    };
  }
}
