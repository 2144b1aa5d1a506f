import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { describe, it } from 'node:test';
import { MaskedMessages } from '../../src/report/shared-masking';
import { REDACTED } from '../../src/secrets/redact';
import { openSecretChannel, SECRET_CHANNEL_ENV, shareSecretValues } from '../../src/secrets/secret-channel';

const channelPath = (spec: string): string => spec.slice(spec.indexOf(':') + 1);

describe('the run\'s secret channel', () => {
  it('carries a value a scenario learnt to the run\'s formatters, encrypted in a private file removed at the end', () => {
    const secret = `runtime-token-${process.pid}`;
    const stream = new MaskedMessages([]);
    assert.deepEqual(stream.accept({ meta: { protocolVersion: 'x' } }).length, 0);
    const spec = process.env[SECRET_CHANNEL_ENV] ?? '';
    assert.ok(spec, 'the first message of a run names the channel in process.env, for the scenarios and the workers forked later');
    const path = channelPath(spec);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    stream.accept({ testRunStarted: { timestamp: { seconds: 0, nanos: 0 } } });

    // What a worker does after a step that learnt the value, with the environment it inherited.
    shareSecretValues([secret], { [SECRET_CHANNEL_ENV]: spec });
    assert.ok(!readFileSync(path, 'latin1').includes(secret), 'the file holds the value encrypted');

    const finished = { testStepFinished: { testCaseStartedId: 'c', testStepId: 's', testStepResult: { status: 'FAILED', message: `my step got ${secret}` } } };
    const [masked] = stream.accept(finished) as Array<typeof finished>;
    assert.equal(masked?.testStepFinished.testStepResult.message, `my step got ${REDACTED}`);
    assert.equal(finished.testStepFinished.testStepResult.message, `my step got ${secret}`, 'cucumber\'s own object is left alone');

    stream.release();
    assert.equal(existsSync(path), false, 'the file is removed when the formatters are done');
    assert.equal(process.env[SECRET_CHANNEL_ENV], undefined);
    // A worker still finishing a step after that writes nowhere and does not fail.
    shareSecretValues(['late-value-1234'], { [SECRET_CHANNEL_ENV]: spec });
    assert.equal(existsSync(path), false);
  });

  it('reads only whole lines, so a value half written by another worker is read once complete', () => {
    const channel = openSecretChannel();
    const path = channelPath(channel.spec);
    try {
      assert.equal(openSecretChannel(), channel, 'one channel per process');
      shareSecretValues(['first-value-1'], { [SECRET_CHANNEL_ENV]: channel.spec });
      const line = readFileSync(path);
      truncateSync(path, 0);
      appendFileSync(path, line.subarray(0, 10));
      assert.deepEqual(channel.read(), []);
      appendFileSync(path, line.subarray(10));
      assert.deepEqual(channel.read(), ['first-value-1']);
      assert.deepEqual(channel.read(), []);
      // Written once per process: the hooks share the whole list after every step.
      shareSecretValues(['first-value-1', 'second-value-2'], { [SECRET_CHANNEL_ENV]: channel.spec });
      assert.deepEqual(channel.read(), ['second-value-2']);
      // A line not written with this run's key (another run's leftover) is no value.
      appendFileSync(path, `${Buffer.alloc(40, 7).toString('base64')}\n`);
      assert.deepEqual(channel.read(), []);
    } finally {
      channel.close();
    }
  });
});
