import type { StepGroup } from '../registry';
import { connectSteps } from './connect';
import { sendSteps } from './send';
import { receiveSteps } from './receive';
import { closeSteps } from './close';
import { crowdSteps } from './crowd';
import { mockSteps } from './mock';
import { compressionSteps } from './compression';
import { contractSteps } from './contract';

export { connectSteps, sendSteps, receiveSteps, closeSteps, crowdSteps, mockSteps, compressionSteps, contractSteps };

/** Every group of the step library, in catalog order. */
export const stepGroups: StepGroup[] = [connectSteps, sendSteps, receiveSteps, closeSteps, crowdSteps, compressionSteps, mockSteps, contractSteps];
