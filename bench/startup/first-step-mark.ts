/** What the start-up bench's clock file writes on stderr before the time (kept apart: the clock file registers a hook). */
export const FIRST_STEP_MARK = 'wsbdd-bench first step at ';
