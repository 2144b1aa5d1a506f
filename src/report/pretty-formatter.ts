import { maskedBuiltin } from './masked-builtin';

/** Cucumber's `pretty` formatter (every scenario and step as it runs), with the feature files' secrets masked; `--format pretty` runs this one. */
export default maskedBuiltin('pretty');
