import type { StepGroup } from '../../world/registry';
import { conformanceCheckSteps } from './check';
import { conformanceSendSteps } from './send';

export { conformanceCheckSteps, conformanceSendSteps };

/** The conformance pack's step groups, in catalog order. */
export const conformanceStepGroups: StepGroup[] = [conformanceSendSteps, conformanceCheckSteps];
