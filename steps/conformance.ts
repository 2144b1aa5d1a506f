// The extra phrases of the RFC 6455 conformance pack (features/conformance). The logic lives in
// src/conformance; this file only registers it with cucumber.
import { registerConformanceParameterTypes } from '../src/conformance/parameter-types';
import { conformanceStepGroups } from '../src/conformance/steps';
import { registerUnreachedClientHook } from '../src/conformance/unreached-clients';
import { registerStepGroup } from '../src/world/registry';

registerConformanceParameterTypes();
for (const group of conformanceStepGroups) registerStepGroup(group);
registerUnreachedClientHook();
