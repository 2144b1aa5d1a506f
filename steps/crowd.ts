import { registerStepGroup } from '../src/world/registry';
import { crowdSteps } from '../src/world/steps';

registerStepGroup(crowdSteps);
