import { maskedBuiltin } from './masked-builtin';

/**
 * Cucumber's `summary` formatter (counts, then every failure with its steps and tables), with the
 * feature files' secrets masked. Named apart from summary-formatter.ts, which writes summary.json.
 */
export default maskedBuiltin('summary');
