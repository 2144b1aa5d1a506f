import { maskedBuiltin } from './masked-builtin';

/** Cucumber's `usage-json` formatter, with the feature files' secrets masked; `--format usage-json` runs this one. */
export default maskedBuiltin('usage-json');
