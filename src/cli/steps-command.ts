import { loadSupport } from '@cucumber/cucumber/api';
import { renderCatalogMarkdown, renderCatalogText } from '../world/catalog';
import { registeredGroups, type StepGroup } from '../world/registry';
import { stepGroups } from '../world/steps';
import { STEPS_ENTRY, type CliIo } from './io';
import { ExitCode, UsageError } from '../usage-error';

/**
 * `wsbdd steps [--markdown]`: the catalog of the step library, read from the step definitions as
 * cucumber loads them, so it cannot drift from what runs.
 */
export async function printSteps(argv: string[], io: CliIo): Promise<number> {
  const unknown = argv.filter((a) => a !== '--markdown');
  if (unknown.length > 0) throw new UsageError(`wsbdd steps: unknown argument ${unknown[0]} (only --markdown)`);
  await loadSupport(
    {
      sources: { paths: [], defaultDialect: 'en', names: [], tagExpression: '', order: 'defined' },
      support: { requirePaths: [STEPS_ENTRY] },
    },
    { cwd: io.cwd, stdout: io.stdout, stderr: io.stderr, env: io.env },
  );
  const groups = inCatalogOrder(registeredGroups());
  io.stdout.write(argv.includes('--markdown') ? renderCatalogMarkdown(groups) : renderCatalogText(groups));
  return ExitCode.Passed;
}

/** wsbdd's own groups in their documented order, then any group other step files registered. */
function inCatalogOrder(groups: StepGroup[]): StepGroup[] {
  const rank = (group: StepGroup) => {
    const at = stepGroups.findIndex((g) => g.id === group.id);
    return at < 0 ? stepGroups.length : at;
  };
  return [...groups].sort((a, b) => rank(a) - rank(b));
}
