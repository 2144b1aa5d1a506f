export { UserPattern, PatternTimeoutError, type TextPattern } from './user-pattern';
export { withPatternDeadline, patternTimeLeft, PATTERN_TIME_LIMIT_MS } from './time-limit';
