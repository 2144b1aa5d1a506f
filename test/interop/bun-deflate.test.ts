import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPackSupport } from '../../src/conformance/run';
import { describeCases, packFeatures, quietRun, quietStream } from '../conformance/pack-harness';
import { check, OFFERS } from './deflate-check';
import { npmPackagePath } from './install';
import { freePort, startGroup, stopGroup, waitForTcp } from './processes';
import { SERVERS } from './servers';

// Bun is a 100 MB download, so `npm test` never installs it: `npm run interop` (or
// `node dist/test/interop/deflate-clients.js bun-deflate`) puts it into .interop/, and from then on
// this test runs against it. Without it the test is skipped, saying so.
const BUN = npmPackagePath('@oven', 'bun-linux-x64', 'bin', 'bun');

test("against Bun's server with compression on: the client's offers, and the compression area", async (t) => {
  if (!existsSync(BUN)) {
    t.skip('Bun is not in .interop/ (npm run interop installs it)');
    return;
  }
  const server = SERVERS.find((s) => s.name === 'bun-deflate');
  assert.ok(server);
  const port = await freePort();
  const { command, args, env } = server.command(port);
  const started = startGroup(command, args, join(mkdtempSync(join(tmpdir(), 'wsbdd-bun-')), 'server.log'), { env });
  try {
    const down = await waitForTcp(port, started, 30_000);
    assert.equal(down, undefined, down);
    const url = `ws://127.0.0.1:${port}/`;
    const outcomes = new Map<string, string>();
    for (const { name, offer } of OFFERS) outcomes.set(name, await check(url, offer).catch((error: Error) => `FAILED ${error.message}`));
    for (const [name, outcome] of outcomes) assert.match(outcome, /^(ok|declined)/, `${name}: ${outcome}`);
    // Bun compresses without context takeover either way; offers of a window it declines.
    assert.match(outcomes.get('plain') ?? '', /^ok: 24 messages echoed exactly/);
    assert.match(outcomes.get('no context takeover both ways') ?? '', /^ok: 24 messages echoed exactly/);

    const support = await loadPackSupport({ stdout: quietStream(), stderr: quietStream() });
    const run = await quietRun({ support, target: url, paths: packFeatures(['compression']) });
    assert.deepEqual(describeCases(run.results.filter((r) => r.verdict !== 'PASSED' && r.verdict !== 'SKIPPED')), []);
    assert.ok(run.results.filter((r) => r.verdict === 'PASSED').length >= 50, describeCases(run.results).join('\n'));
    const skipped = run.results.filter((r) => r.verdict === 'SKIPPED');
    assert.ok(skipped.every((r) => /the server did not accept permessage-deflate \(offered ".+", answered without Sec-WebSocket-Extensions\)/.test(r.skipped ?? '')));
  } finally {
    await stopGroup(started);
  }
});
