import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startRawServer, type RawServer } from '../fixtures/steps-servers/raw-servers';
import { REPO_ROOT, runFeatures } from './harness';

// The connect error names of the contract, each against a server that does exactly that wrong; the
// false-pass fixtures check that each name fails against the others.
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'steps-error-names');
const servers: RawServer[] = [];

before(async () => {
  const [badAccept, badUpgrade, noAnswer] = await Promise.all(
    (['bad-accept', 'bad-upgrade', 'no-answer'] as const).map((misbehaviour) => startRawServer(misbehaviour)),
  );
  servers.push(badAccept, badUpgrade, noAnswer);
  process.env.WSBDD_FIXTURE_BAD_ACCEPT_URL = badAccept.url;
  process.env.WSBDD_FIXTURE_BAD_UPGRADE_URL = badUpgrade.url;
  process.env.WSBDD_FIXTURE_NO_ANSWER_URL = noAnswer.url;
});

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

test('"timeout", "bad-accept" and "bad-upgrade" are reported for the servers that cause them', async () => {
  // The handshake timeout is the default wait: short, so the timeout scenario ends quickly.
  const run = await runFeatures([FIXTURES], { timeoutMs: 300 });
  const failures = run.scenarios.filter((s) => s.status !== 'PASSED').map((s) => `${s.name}: ${s.status} at "${s.failedStep}": ${s.message}`);
  assert.deepEqual(failures, []);
  assert.equal(run.scenarios.length, 3);
  assert.equal(run.success, true);
});
