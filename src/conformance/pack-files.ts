import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { StepError, StepErrorCode } from '../world/errors';

/** Where the pack's feature files and the step definitions that run them are, for this copy of wsbdd. */
export interface PackFiles {
  /** features/conformance of the wsbdd package. */
  featuresDir: string;
  /** Glob of the step definition files to load (compiled .js, or .ts when running from sources). */
  stepsGlob: string;
  /** Modules to require first (ts-node when running from sources). */
  requireModules: string[];
  /** The formatter module of report.html with the conformance summary (the others are wsbdd's usual ones). */
  formatters: { html: string };
}

/**
 * Locate the pack relative to this module, so it works from the sources (ts-node), from a compiled
 * dist/ and from an installed package alike: the features live at the package root, the steps next
 * to the compiled (or source) src/ directory.
 */
export function locatePackFiles(moduleDir: string = __dirname, moduleFile: string = __filename): PackFiles {
  const buildRoot = resolve(moduleDir, '..', '..');
  let packageRoot = buildRoot;
  while (!existsSync(join(packageRoot, 'features', 'conformance'))) {
    const parent = dirname(packageRoot);
    if (parent === packageRoot) {
      throw new StepError(StepErrorCode.BadConfig, `cannot find features/conformance above ${buildRoot}: is the wsbdd package complete?`);
    }
    packageRoot = parent;
  }
  const fromSources = moduleFile.endsWith('.ts');
  // Cucumber import()s formatters, which cannot compile TypeScript: from the sources, the compiled copy is used.
  const formatterDir = fromSources ? join(buildRoot, 'dist', 'src', 'conformance') : moduleDir;
  return {
    featuresDir: join(packageRoot, 'features', 'conformance'),
    stepsGlob: join(buildRoot, 'steps', fromSources ? '**/*.ts' : '**/*.js'),
    requireModules: fromSources ? ['ts-node/register'] : [],
    formatters: {
      html: join(formatterDir, 'html-formatter.js'),
    },
  };
}
