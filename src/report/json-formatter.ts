import { redactedBuiltin } from './redacted-builtin';

/** Cucumber's `json` formatter, with the feature files' secrets masked (src/report/README.md, "Secrets"). */
export default redactedBuiltin('json');
