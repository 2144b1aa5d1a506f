import { redactedBuiltin } from './redacted-builtin';

/** Cucumber's `progress` formatter, with the feature files' secrets masked (src/report/README.md, "Secrets"). */
export default redactedBuiltin('progress');
