import { maskedBuiltin } from './masked-builtin';

/** Cucumber's `progress` formatter, with the feature files' secrets masked (src/report/README.md, "Secrets"). */
export default maskedBuiltin('progress');
