import type { StepGroup } from '../../world/registry';
import { conformanceCheckSteps } from './check';
import { conformanceSendSteps } from './send';
import { conformanceCompressionSteps } from './compression';

export { conformanceCheckSteps, conformanceSendSteps, conformanceCompressionSteps };

/** The conformance pack's step groups, in catalog order. */
export const conformanceStepGroups: StepGroup[] = [conformanceSendSteps, conformanceCheckSteps, conformanceCompressionSteps];
