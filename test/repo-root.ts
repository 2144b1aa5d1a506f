import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root (package.json beside cucumber.js, src/ and bin/wsbdd.js), found by walking up from
 * here, so that the tests find it whether they run from dist/ or from a private build directory.
 */
export const REPO_ROOT = ((): string => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (['package.json', 'cucumber.js', 'src', join('bin', 'wsbdd.js')].every((name) => existsSync(join(dir, name)))) return dir;
  }
  throw new Error(`no repository root above ${__dirname}`);
})();
