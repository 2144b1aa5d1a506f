import { registerStepGroup } from '../src/world/registry';
import { sendSteps } from '../src/world/steps';

registerStepGroup(sendSteps);
