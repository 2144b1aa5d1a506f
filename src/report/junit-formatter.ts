import type { Envelope } from '@cucumber/messages';
import type { FormatterPlugin } from './formatter-plugin';
import { maskedBuiltin } from './masked-builtin';
import { UndefinedStepResults } from './undefined-steps';

const junit = maskedBuiltin('junit') as FormatterPlugin;

/**
 * Cucumber's `junit` formatter, with the feature files' secrets masked (src/report/README.md, "Secrets")
 * and undefined steps reported with their text (UndefinedStepResults).
 */
const junitFormatter: FormatterPlugin = {
  ...junit,
  formatter(context) {
    const undefinedSteps = new UndefinedStepResults();
    return junit.formatter({
      ...context,
      on: (key, handler) => context.on(key, (envelope: Envelope) => handler(undefinedSteps.accept(envelope))),
    });
  },
};

export default junitFormatter;
