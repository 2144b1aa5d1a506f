import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { WsWorld } from '../../src/world';
import { connectOrFail } from '../../src/world/connecting';
import { expectServerClosesTcp } from '../../src/conformance/close-checks';
import { startFixtureServer } from '../fixtures/conformance/fixture-server';

// The end of a scenario closes each client with the closing handshake and then half-closes TCP itself,
// as `ws` does, instead of waiting for the server to close it: a server slow to close TCP (here one that
// never does) costs a scenario nothing. A step that judges the server's TCP close still waits for it.

function world(target: string): WsWorld {
  const noop = () => undefined;
  return new WsWorld({ attach: noop as never, log: noop, link: noop, parameters: { target, timeoutMs: 3000 } } as never);
}

test('the end of a scenario does not wait for a server that keeps TCP open after the closing handshake', async (t) => {
  const server = await startFixtureServer({ bugs: ['keeps-tcp-open'], closeTimeoutMs: 10_000 });
  t.after(() => server.close());
  const w = world(server.url);
  const alice = w.defineClient('alice');
  await connectOrFail(w, alice);
  const started = performance.now();
  await w.end();
  const tookMs = performance.now() - started;
  const close = alice.client!.lastClose!;
  assert.equal(close.clean, true, 'the close frames were exchanged');
  assert.equal(close.code, 1000);
  // Waiting for the server would have taken the cleanup's whole 500 ms before the socket was cut.
  assert.ok(tookMs < 400, `the scenario's end took ${tookMs.toFixed(0)} ms`);
});

test('"the server should close the TCP connection" still waits for the server, and fails on one that never closes it', async (t) => {
  const keeps = await startFixtureServer({ bugs: ['keeps-tcp-open'], closeTimeoutMs: 10_000 });
  const correct = await startFixtureServer();
  t.after(async () => {
    await keeps.close();
    await correct.close();
  });
  for (const [server, passes] of [[correct, true], [keeps, false]] as const) {
    const w = world(server.url);
    try {
      const alice = w.defineClient('alice');
      await connectOrFail(w, alice);
      void alice.client!.close(1000, 'bye');
      const judged = expectServerClosesTcp(w, alice, 1000);
      if (passes) await judged;
      else await assert.rejects(judged, /the server did not close the TCP connection of "alice" within 1 s of the closing handshake: TCP closed \d+ ms after it, when the client gave up waiting/);
    } finally {
      await w.end();
    }
  }
});
