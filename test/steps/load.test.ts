import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { WsWorld } from '../../src/world';
import { resolveSettings } from '../../src/world/config';
import { forEvery } from '../../src/world/crowd';
import { assertFanOutPercentile, assertRoundTripPercentile, fanOutReference, recordFanOut } from '../../src/world/load';
import type { NamedClient } from '../../src/world/named-client';
import { percentile } from '../../src/world/round-trips';
import { StepError } from '../../src/world/errors';
import { timingReport } from '../../src/report/scenario-report';
import { Opcode } from '../../src/protocol/constants';

// Load-shaped steps: round-trip percentiles, fan-out latency, connect concurrency. Fed through the
// events a WebSocketClient raises, without sockets, so that every time is known.

function world(attached: string[] = []): WsWorld {
  const noop = () => undefined;
  const attach = (data: string) => void attached.push(String(data));
  return new WsWorld({ attach: attach as never, log: noop, link: noop, parameters: { timeoutMs: 200 } } as never);
}

function feedable(named: NamedClient): EventEmitter {
  const source = new EventEmitter();
  (named as unknown as { listen(client: EventEmitter): void }).listen(source);
  named.connections.push({ index: 0, open: {} as never, openedAt: performance.now(), localPort: undefined, errors: [] });
  return source;
}

function frameOut(source: EventEmitter, opcode: number, at: number, payload = Buffer.from('x'), fin = true): void {
  source.emit('frame', { direction: 'out', time: at, frame: { fin, opcode, payload, rsv1: false, rsv2: false, rsv3: false, masked: true } });
}

/** `count` messages sent `agoMs` ago, each answered now. */
function roundTrips(source: EventEmitter, count: number, agoMs: number): void {
  const sentAt = performance.now() - agoMs;
  for (let i = 0; i < count; i++) frameOut(source, Opcode.Text, sentAt);
  for (let i = 0; i < count; i++) source.emit('message', { data: Buffer.from('x'), binary: false });
}

test('percentile is the nearest rank', () => {
  assert.equal(percentile([], 95), undefined);
  assert.equal(percentile([5], 95), 5);
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.equal(percentile(hundred, 95), 95);
  assert.equal(percentile(hundred, 50), 50);
  assert.equal(percentile(hundred, 100), 100);
});

test('the p95 round trip of a client: a message to its reply, first in first out; the figure is attached', async () => {
  const attached: string[] = [];
  const w = world(attached);
  const alice = w.defineClient('alice');
  const source = feedable(alice);
  roundTrips(source, 20, 100);
  assert.equal(alice.roundTrips.messageMs.length, 20);
  assert.ok(alice.roundTrips.messageMs.every((ms) => ms >= 100 && ms < 5000));
  await assertRoundTripPercentile(w, [alice], '"alice"', 95, 10_000);
  assert.match(attached.join(''), /p95 round trip of "alice": \d.* \(limit 10 s; p50 .*20 round trips over 1 client\)/);
  await assert.rejects(assertRoundTripPercentile(w, [alice], '"alice"', 95, 50), (e: unknown) => {
    assert.ok(e instanceof StepError);
    assert.equal(e.code, 'WSBDD_ASSERTION');
    assert.match(e.message, /the p95 round trip of "alice" is \d+(\.\d+)? ms, expected below 50 ms \(p50 .*20 round trips over 1 client\)/);
    return true;
  });
});

test('a ping is answered by the pong with its payload; control and unfinished frames start no round trip', async () => {
  const w = world();
  const alice = w.defineClient('alice');
  const source = feedable(alice);
  const at = performance.now() - 30;
  frameOut(source, Opcode.Ping, at, Buffer.from('a'));
  frameOut(source, Opcode.Ping, at + 10, Buffer.from('b'));
  frameOut(source, Opcode.Text, at, Buffer.from('first half'), false);
  frameOut(source, Opcode.Pong, at);
  assert.equal(alice.roundTrips.unanswered, 2);
  source.emit('pong', Buffer.from('b'));
  source.emit('pong', Buffer.from('a'));
  source.emit('pong', Buffer.from('a'));
  assert.equal(alice.roundTrips.pingMs.length, 2);
  assert.ok(alice.roundTrips.pingMs[0]! < alice.roundTrips.pingMs[1]!, 'the pong "b" answers the later ping');
  assert.equal(alice.roundTrips.messageMs.length, 0);
  assert.equal(alice.roundTrips.unanswered, 0);
});

test('a reply that does not come within the wait counts as slower than any limit', async () => {
  const w = world();
  const alice = w.defineClient('alice');
  const source = feedable(alice);
  roundTrips(source, 1, 5);
  frameOut(source, Opcode.Binary, performance.now());
  const started = performance.now();
  // p50 of [fast, unanswered] is the fast one: passes, after waiting (200 ms) for the missing reply.
  await assertRoundTripPercentile(w, [alice], '"alice"', 50, 10_000);
  assert.ok(performance.now() - started >= 150, 'it waited for the reply still due');
  await assert.rejects(assertRoundTripPercentile(w, [alice], '"alice"', 95, 10_000), /the p95 round trip of "alice" is more than the wait \(1 of 2 unanswered\), expected below 10 s/);
  // A connection that closed forgets what was due, and it stays counted as unanswered.
  source.emit('close', { code: 1006, reason: '', initiatedBy: 'server', clean: false });
  assert.equal(alice.roundTrips.unanswered, 0);
  assert.equal(alice.roundTrips.lost, 1);
  await assert.rejects(assertRoundTripPercentile(w, [alice], '"alice"', 95, 10_000), /1 unanswered/);
});

test('no round trip at all is a failure that says what to do', async () => {
  const w = world();
  const alice = w.defineClient('alice');
  feedable(alice);
  await assert.rejects(assertRoundTripPercentile(w, [alice], '"alice"', 95, 50), /there is no p95 round trip of "alice": no message or ping was sent and answered/);
  await assert.rejects(assertRoundTripPercentile(w, [alice], '"alice"', 0, 50), /p0 is not a percentile/);
});

test('the p95 round trip of every client pools the samples of the group', async () => {
  const w = world();
  const fast = Array.from({ length: 19 }, (_, i) => w.defineClient(`user-${i + 1}`));
  const slow = w.defineClient('user-20');
  for (const named of fast) roundTrips(feedable(named), 1, 0);
  roundTrips(feedable(slow), 1, 400);
  // 20 samples, one slow: the p95 (the 19th) is fast, the p100 is the slow one.
  await assertRoundTripPercentile(w, w.clientGroup('user'), 'every client "user"', 95, 300);
  await assert.rejects(assertRoundTripPercentile(w, w.clientGroup('user'), 'every client "user"', 100, 300), /p100 round trip of every client "user" is \d+ ms.*20 round trips over 20 clients/);
});

test('fan-out latency runs from the last message another client or the mock server sent', async () => {
  const w = world();
  const group = [w.defineClient('user-1'), w.defineClient('user-2')];
  const alice = w.defineClient('alice');
  const aliceSource = feedable(alice);
  const groupSources = group.map(feedable);
  // What the group sent itself is no fan-out (an echo is a round trip).
  frameOut(groupSources[0]!, Opcode.Text, performance.now());
  assert.equal(fanOutReference(w, group), undefined);
  const sentAt = performance.now() - 40;
  frameOut(aliceSource, Opcode.Text, sentAt);
  assert.equal(fanOutReference(w, group), sentAt);
  w.lastMockSendAt = sentAt + 10;
  assert.equal(fanOutReference(w, group), sentAt + 10);
  recordFanOut(w, 'user', sentAt, { kind: 'message', seq: 0, at: sentAt + 25, data: Buffer.alloc(0), binary: false, consumed: true });
  recordFanOut(w, 'user', sentAt, { kind: 'message', seq: 1, at: sentAt + 35, data: Buffer.alloc(0), binary: false, consumed: true });
  // Arrived before the send: an earlier message, not this one's fan-out.
  recordFanOut(w, 'user', sentAt, { kind: 'message', seq: 2, at: sentAt - 1, data: Buffer.alloc(0), binary: false, consumed: true });
  assert.deepEqual(w.fanOut.get('user'), [25, 35]);
  assert.deepEqual(w.measured.fanOutMs, [25, 35]);
  assertFanOutPercentile(w, 'user', 95, 40);
  assert.throws(() => assertFanOutPercentile(w, 'user', 95, 30), /the p95 fan-out latency of every client "user" is 35 ms, expected below 30 ms/);
  w.defineClient('guest-1');
  assert.throws(() => assertFanOutPercentile(w, 'guest', 95, 30), /there is no p95 fan-out latency of every client "guest"/);
  // The run summary gets them through the timings attachment.
  const report = timingReport([], undefined, w.measured);
  assert.deepEqual(report.samples.fanOutMs, [25, 35]);
  assert.equal(report.stats.fanOutMs?.p95, 35);
});

test('a group connects at most `limit` at a time, and a failure lists the first 20 clients and counts the rest', async () => {
  const w = world();
  const clients = Array.from({ length: 50 }, (_, i) => w.defineClient(`user-${i + 1}`));
  let running = 0;
  let most = 0;
  await forEvery(
    clients,
    async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running--;
    },
    7,
  );
  assert.equal(most, 7);
  await assert.rejects(
    forEvery(clients, (named) => {
      if (named.name !== 'user-1') throw new Error(`${named.name} refused`);
    }, 10),
    (e: unknown) => {
      assert.ok(e instanceof Error);
      assert.match(e.message, /^49 of 50 clients failed:\n--- "user-2": user-2 refused\n/);
      assert.match(e.message, /--- "user-21": user-21 refused\n--- and 29 more$/);
      return true;
    },
  );
});

test('connectConcurrency: 100 by default, from world parameters or WSBDD_CONNECT_CONCURRENCY', () => {
  assert.equal(resolveSettings({}, {}).connectConcurrency, 100);
  assert.equal(resolveSettings({}, { WSBDD_CONNECT_CONCURRENCY: '25' }).connectConcurrency, 25);
  assert.equal(resolveSettings({ connectConcurrency: 5 }, { WSBDD_CONNECT_CONCURRENCY: '25' }).connectConcurrency, 5);
  assert.throws(() => resolveSettings({ connectConcurrency: 0 }, {}), { code: 'WSBDD_BAD_CONFIG' });
  assert.throws(() => resolveSettings({}, { WSBDD_CONNECT_CONCURRENCY: 'many' }), /connectConcurrency "many" must be a whole number/);
});
