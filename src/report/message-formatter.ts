import { maskedBuiltin } from './masked-builtin';

/** Cucumber's `message` formatter, with the feature files' secrets masked (src/report/README.md, "Secrets"). */
export default maskedBuiltin('message');
