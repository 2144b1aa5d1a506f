import { registerStepGroup } from '../src/world/registry';
import { mockSteps } from '../src/world/steps';

registerStepGroup(mockSteps);
