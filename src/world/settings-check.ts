import { resolveSettings, type WsbddParameters, type WsbddSettings } from './config';
import { StepError, StepErrorCode } from './errors';
import { UsageError } from '../usage-error';

/**
 * The World reads its settings per scenario, so a bad target or timeout would fail every scenario (exit 1).
 * The command knows the final world parameters and environment before the run: bad configuration is bad
 * usage (exit 2), said once.
 */
export function usableSettings(worldParameters: unknown, env: NodeJS.ProcessEnv): WsbddSettings {
  try {
    return resolveSettings(worldParameters as WsbddParameters | undefined, env);
  } catch (error) {
    if (error instanceof StepError && error.code === StepErrorCode.BadConfig) throw new UsageError(error.message);
    throw error;
  }
}
