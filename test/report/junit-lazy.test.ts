import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Envelope } from '@cucumber/messages';

// The JUnit XML formatter writes only when the run has finished; loading it (xmlbuilder, @cucumber/query)
// before the first step would only delay that step. wsbdd loads it with the run's last message.
const junitModules = () => Object.keys(require.cache).filter((path) => /node_modules[\\/](@cucumber[\\/]junit-xml-formatter|xmlbuilder)[\\/]/.test(path));

test('the junit formatter loads the JUnit XML writer only when the run has finished, and then writes the whole run', async () => {
  const report = join(__dirname, '..', '..', 'src', 'report');
  for (const name of ['progress', 'html', 'junit', 'message', 'json', 'summary']) require(join(report, `${name}-formatter`));
  assert.deepEqual(junitModules(), []);
  const junit = (require(join(report, 'junit-formatter')) as { default: import('../../src/report/formatter-plugin').FormatterPlugin }).default;
  let handler: ((envelope: Envelope) => void) | undefined;
  let written = '';
  const noop = () => undefined;
  await junit.formatter({
    on: (_key, h) => (handler = h),
    options: {},
    logger: { debug: noop, info: noop, warn: noop, error: noop },
    stream: new PassThrough(),
    write: (chunk) => void (written += chunk.toString()),
  });
  const time = { seconds: 0, nanos: 0 };
  handler!({ testRunStarted: { timestamp: time } } as Envelope);
  assert.deepEqual(junitModules(), [], 'nothing loaded while the run goes on');
  handler!({ testRunFinished: { timestamp: time, success: true } } as Envelope);
  assert.ok(junitModules().length > 0, 'loaded with the last message');
  assert.match(written, /<testsuite [^>]*tests="0"/);
});
