import { redactedBuiltin } from './redacted-builtin';

/** Cucumber's `junit` formatter, with the feature files' secrets masked (src/report/README.md, "Secrets"). */
export default redactedBuiltin('junit');
