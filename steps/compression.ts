import { registerStepGroup } from '../src/world/registry';
import { compressionSteps } from '../src/world/steps';

registerStepGroup(compressionSteps);
