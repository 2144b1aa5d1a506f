import { registerStepGroup } from '../src/world/registry';
import { closeSteps } from '../src/world/steps';

registerStepGroup(closeSteps);
