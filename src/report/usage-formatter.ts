import { maskedBuiltin } from './masked-builtin';

/** Cucumber's `usage` formatter (each step definition with the step texts it matched), with the feature files' secrets masked; `--format usage` runs this one. */
export default maskedBuiltin('usage');
