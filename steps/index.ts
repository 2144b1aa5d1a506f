/**
 * Loads the whole step library (wsbdd's World, hooks and every step file beside this one) with a single
 * require, for a user's cucumber configuration: require: [require.resolve('wsbdd/dist/steps')].
 * Loading it again, or together with another copy of wsbdd, registers nothing twice.
 */
import { readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

const extension = extname(__filename);
for (const file of readdirSync(__dirname).sort()) {
  if (file === basename(__filename) || !file.endsWith(extension) || file.endsWith('.d.ts')) continue;
  require(join(__dirname, file));
}
