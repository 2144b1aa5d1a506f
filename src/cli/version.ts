import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { version as cucumberVersion } from '@cucumber/cucumber';

/** wsbdd's package.json is above this file in the sources (src/cli) and in the build (dist/src/cli). */
function wsbddVersion(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'wsbdd' && pkg.version) return pkg.version;
  }
  return 'unknown';
}

/** `wsbdd --version`: both versions, since a run's behaviour depends on cucumber's too. */
export function versionText(): string {
  return `wsbdd ${wsbddVersion()} (cucumber ${cucumberVersion})\n`;
}
