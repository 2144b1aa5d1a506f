import { REDACTED, type Redactor } from '../secrets/redact';

/** A step match argument's group, as cucumber computes it on the pickle step text. */
interface Group {
  start?: number;
  value?: string;
  children?: Group[];
}

interface TestStep {
  pickleStepId?: string;
  stepMatchArgumentsLists?: Array<{ stepMatchArguments?: Array<{ group?: Group }> }>;
}

/**
 * Where each offset of a step text lands once its secrets are masked. An offset inside a secret moves to
 * the edge of its "[redacted]" that keeps the secret whole: a group's start to the beginning, its end to
 * the end, so that a group never holds part of a mask nor part of a secret.
 */
class MaskedText {
  readonly text: string;
  private readonly ranges: Array<[number, number]>;

  constructor(original: string, redactor: Redactor) {
    this.ranges = redactor.textRanges(original);
    this.text = redactor.text(original);
  }

  offset(at: number, edge: 'start' | 'end'): number {
    let shift = 0;
    for (const [start, end] of this.ranges) {
      if (at <= start) break;
      if (at < end) return start + shift + (edge === 'start' ? 0 : REDACTED.length);
      shift += REDACTED.length - (end - start);
    }
    return at + shift;
  }
}

interface TestCaseEnvelope {
  testCase?: { testSteps?: TestStep[] };
}

/**
 * A testCase message, already masked field by field, with each step match argument moved onto the masked
 * pickle step text. Cucumber computed `start` and `value` on the original text, and the HTML report cuts
 * the step text at those offsets to highlight arguments: once a mask changes the text's length, the old
 * offsets cut it in the wrong places and repeat or drop words. Any other message, and a step whose
 * original text is unknown, keep the field-by-field masking.
 */
export function moveStepArgumentsOntoMaskedText<T extends object>(original: T, masked: T, stepTexts: ReadonlyMap<string, string>, redactor: Redactor): T {
  const originalSteps = (original as TestCaseEnvelope).testCase?.testSteps;
  const maskedCase = (masked as TestCaseEnvelope).testCase;
  if (!originalSteps || !maskedCase?.testSteps || masked === original) return masked;
  const testSteps = maskedCase.testSteps.map((step, index) => moveStep(originalSteps[index], step, stepTexts, redactor));
  return { ...masked, testCase: { ...maskedCase, testSteps } };
}

function moveStep(original: TestStep | undefined, step: TestStep, stepTexts: ReadonlyMap<string, string>, redactor: Redactor): TestStep {
  const text = step.pickleStepId === undefined ? undefined : stepTexts.get(step.pickleStepId);
  const lists = original?.stepMatchArgumentsLists;
  if (text === undefined || !lists || !step.stepMatchArgumentsLists) return step;
  const maskedText = new MaskedText(text, redactor);
  return {
    ...step,
    stepMatchArgumentsLists: step.stepMatchArgumentsLists.map((list, listIndex) => ({
      ...list,
      stepMatchArguments: list.stepMatchArguments?.map((argument, argumentIndex) => {
        const group = lists[listIndex]?.stepMatchArguments?.[argumentIndex]?.group;
        return group ? { ...argument, group: moveGroup(group, maskedText, redactor) } : argument;
      }),
    })),
  };
}

function moveGroup(group: Group, masked: MaskedText, redactor: Redactor): Group {
  const moved: Group = { ...group };
  if (typeof group.start === 'number' && typeof group.value === 'string') {
    const start = masked.offset(group.start, 'start');
    const end = masked.offset(group.start + group.value.length, 'end');
    moved.start = start;
    moved.value = masked.text.slice(start, end);
  } else if (typeof group.value === 'string') {
    moved.value = redactor.text(group.value);
  }
  if (group.children) moved.children = group.children.map((child) => moveGroup(child, masked, redactor));
  return moved;
}
