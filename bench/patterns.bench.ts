/**
 * What the time limit on user regular expressions costs. Each row tests one pattern on one text many
 * times three ways: a plain RegExp, our UserPattern (on the spot when its backtracking bound is small,
 * else on the pattern thread), and the pattern thread every time. Prints microseconds per test.
 * Run with `npm run bench:patterns`.
 */
import { performance } from 'node:perf_hooks';
import { UserPattern } from '../src/patterns';
import { backtrackingBits, backtrackingShape } from '../src/patterns/backtracking-bound';
import { ON_THE_SPOT_BITS } from '../src/patterns/user-pattern';
import { testOnPatternThread } from '../src/patterns/pattern-thread';

/** Enough tests per row to time; each row also stops after this long. */
const RUNS = 20_000;
const ROW_LIMIT_MS = 2000;

const ROWS: Array<{ label: string; source: string; text: string }> = [
  { label: 'literal, 10 B', source: '^hello$', text: 'hello' },
  { label: '.* , 40 B', source: '^he.*o$', text: 'hello there, how are you doing, hello' },
  { label: 'JSON field, 12 B', source: '^ord-[0-9]+$', text: 'ord-12345678' },
  { label: 'header value, 28 B', source: '^[A-Za-z0-9+/]+=*$', text: 'cXF5sCr1Y4tOPJoJHt0Ayka29is=' },
  { label: '.* , 200 B message', source: '"type":\\s*"quote".*"price"', text: `{"type": "quote", ${'"x": 1, '.repeat(20)}"price": 3}` },
  { label: '.* , 1 KiB message', source: '"type":\\s*"quote".*"price"', text: `{"type": "quote", ${'"x": 1, '.repeat(120)}"price": 3}` },
  { label: 'repeated group, 20 B', source: '^(?:[a-z]+\\.)+com$', text: 'api.example.test.com' },
];

/** Microseconds per call of `test`, or undefined when no call finished within the row's limit. */
function timePerCall(test: () => boolean): number {
  let sink = 0;
  const started = performance.now();
  let runs = 0;
  while (runs < RUNS && performance.now() - started < ROW_LIMIT_MS) {
    if (test()) sink++;
    runs++;
  }
  if (sink < 0) console.log(sink);
  return ((performance.now() - started) * 1000) / runs;
}

function main(): void {
  // Start the pattern thread before timing: its start-up is paid once per run (and after a stopped pattern).
  testOnPatternThread({ source: 'a', flags: '', text: 'a' }, 10_000);
  console.log('regular expression tests, microseconds per test (lower is better)');
  console.log(`${'pattern'.padEnd(24)} ${'RegExp'.padStart(9)} ${'UserPattern'.padStart(12)} ${'thread'.padStart(9)}  path`);
  for (const row of ROWS) {
    const regex = new RegExp(row.source);
    const user = new UserPattern(row.source);
    const plain = timePerCall(() => regex.test(row.text));
    const ours = timePerCall(() => user.test(row.text));
    const thread = timePerCall(() => testOnPatternThread({ source: row.source, flags: '', text: row.text }, 10_000) === true);
    const path = backtrackingBits(backtrackingShape(row.source), row.text.length) <= ON_THE_SPOT_BITS ? 'on the spot' : 'thread';
    console.log(`${row.label.padEnd(24)} ${plain.toFixed(2).padStart(9)} ${ours.toFixed(2).padStart(12)} ${thread.toFixed(2).padStart(9)}  ${path}`);
  }
}

main();
