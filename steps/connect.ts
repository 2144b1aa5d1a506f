import { registerStepGroup } from '../src/world/registry';
import { connectSteps } from '../src/world/steps';

registerStepGroup(connectSteps);
