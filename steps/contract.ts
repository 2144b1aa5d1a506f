import { installContractHooks } from '../src/world/contract-hooks';
import { registerStepGroup } from '../src/world/registry';
import { contractSteps } from '../src/world/steps';

registerStepGroup(contractSteps);
installContractHooks();
