import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project root (holding package.json and src/), found from this file whether it runs from dist/ or not. */
function repoRoot(): string {
  let dir = __dirname;
  for (let depth = 0; depth < 8; depth++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src'))) return dir;
    dir = dirname(dir);
  }
  throw new Error(`cannot find the project root above ${__dirname}`);
}

export const ROOT = repoRoot();
