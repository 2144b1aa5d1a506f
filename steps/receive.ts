import { registerStepGroup } from '../src/world/registry';
import { receiveSteps } from '../src/world/steps';

registerStepGroup(receiveSteps);
