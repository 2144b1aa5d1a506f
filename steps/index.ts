/**
 * Loads the whole step library (wsbdd's World, hooks and every step file beside this one) with a single
 * require, for a user's cucumber configuration: require: [require.resolve('wsbdd/dist/steps')].
 * Loading it again, or together with another copy of wsbdd, registers nothing twice.
 */
import { readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

/**
 * The files whose phrases most scenarios use load first. Cucumber finds a step's definition, at every
 * step it runs, by scanning its definitions in the order they were registered: the connect, send and
 * receive phrases near the front of 200-odd cost a scan of a few dozen instead of most of them. These
 * files define steps only; the files with hooks keep their order (name order), which is the hooks' order:
 * after a scenario, its connections close before its reports are written.
 */
const FIRST = ['connect', 'send', 'receive', 'close', 'crowd', 'mock'];

const extension = extname(__filename);
const files = readdirSync(__dirname)
  .filter((file) => file !== basename(__filename) && file.endsWith(extension) && !file.endsWith('.d.ts'))
  .sort();
const rank = (file: string): number => {
  const at = FIRST.indexOf(basename(file, extension));
  return at < 0 ? FIRST.length : at;
};
for (const file of files.sort((a, b) => rank(a) - rank(b))) require(join(__dirname, file));
