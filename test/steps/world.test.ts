import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WsWorld } from '../../src/world';
import { stopSharedMockServer } from '../../src/mock/instance';
import { connectOrFail } from '../../src/world/connecting';
import { receiveControls, receiveMessage, textEquals } from '../../src/world/receiving';
import { StepError } from '../../src/world/errors';
import { offerDeflate } from '../../src/world/compression';

// These tests talk to the mock server: a developer's WSBDD_TARGET must not redirect them.
delete process.env.WSBDD_TARGET;

function newWorld(parameters: Record<string, unknown> = {}): WsWorld {
  const noop = () => undefined;
  return new WsWorld({ attach: noop as never, log: noop, link: noop, parameters });
}

test('the World records every client event and mock server note in its transcript', async (t) => {
  t.after(() => stopSharedMockServer());
  const world = newWorld({ timeoutMs: 1000 });
  try {
    await world.begin(['"alice" is connected']);
    const alice = world.defineClient('alice');
    await connectOrFail(world, alice);
    alice.client!.send('hello');
    await receiveMessage(world, alice, textEquals('hello'), undefined);
    await alice.client!.close(1000, 'bye');
    const kinds = world.transcript.entries.map((e) => `${e.actor}:${e.kind}`);
    for (const kind of ['alice:tcp-connect', 'alice:handshake-request', 'alice:handshake-response', 'alice:frame', 'alice:close', 'server:note']) {
      assert.ok(kinds.includes(kind), `${kind} in ${kinds.join(', ')}`);
    }
    const response = world.transcript.entries.find((e) => e.kind === 'handshake-response');
    assert.ok(response && response.kind === 'handshake-response' && response.elapsedMs >= 0 && response.response.statusCode === 101);
    const tcp = world.transcript.entries.find((e) => e.kind === 'tcp-connect');
    assert.ok(tcp && tcp.kind === 'tcp-connect' && tcp.elapsedMs !== undefined && tcp.elapsedMs >= 0, 'TCP connect time is recorded');
    const opening = [...world.transcript.entries]
      .sort((a, b) => a.t - b.t)
      .filter((e) => e.actor === 'alice' && ['tcp-connect', 'handshake-request', 'handshake-response'].includes(e.kind))
      .map((e) => e.kind);
    assert.deepEqual(opening, ['tcp-connect', 'handshake-request', 'handshake-response'], 'in time order, TCP comes up before the request is sent');
    const frames = world.transcript.entries.filter((e) => e.kind === 'frame');
    assert.ok(frames.some((f) => f.kind === 'frame' && f.direction === 'out') && frames.some((f) => f.kind === 'frame' && f.direction === 'in'));
    const times = world.transcript.entries.map((e) => e.t);
    assert.ok(times.every((t) => t >= 0));
    assert.deepEqual(world.clientNames(), ['alice']);
  } finally {
    await world.end();
  }
});

test('the transcript notes the compressed and the inflated size of each compressed message, both ways', async (t) => {
  t.after(() => stopSharedMockServer());
  const world = newWorld({ timeoutMs: 1000 });
  try {
    await world.begin(['"alice" is connected']);
    (await world.useMockServer()).behaviour.perMessageDeflate = {};
    const alice = world.defineClient('alice');
    offerDeflate(alice);
    await connectOrFail(world, alice);
    const text = 'compressed, compressed, compressed, compressed';
    alice.client!.send(text);
    await receiveMessage(world, alice, textEquals(text), undefined);
    alice.client!.send('plain', { compress: false });
    await receiveMessage(world, alice, textEquals('plain'), undefined);
    const notes = world.transcript.entries.flatMap((e) => (e.kind === 'note' && e.actor === 'alice' ? [e.text] : []));
    const sent = notes.filter((n) => n.startsWith('permessage-deflate: message sent'));
    const received = notes.filter((n) => n.startsWith('permessage-deflate: message received'));
    // Only the compressed message is noted: the one sent uncompressed has nothing to tell.
    assert.equal(sent.length, 1, notes.join('\n'));
    assert.match(sent[0], new RegExp(`^permessage-deflate: message sent, ${text.length} B inflated, \\d+ B compressed$`));
    assert.equal(received.length, 2, 'the mock server compresses both replies');
    assert.match(received[0], new RegExp(`^permessage-deflate: message received, ${text.length} B inflated, \\d+ B compressed$`));
    const wire = Number(/(\d+) B compressed/.exec(sent[0])![1]);
    assert.ok(wire > 0 && wire < text.length, `${wire} bytes on the wire for ${text.length}`);
  } finally {
    await world.end();
  }
});

test('an unknown client name is an error naming the clients that exist', () => {
  const world = newWorld();
  world.defineClient('alice');
  world.defineClient('bob');
  assert.throws(() => world.client('carol'), (e: unknown) => e instanceof StepError && e.code === 'WSBDD_UNKNOWN_CLIENT' && /the clients are "alice", "bob"/.test(e.message));
  assert.throws(() => world.clientGroup('user'), /no clients "user-1"/);
  world.defineClient('user-10');
  world.defineClient('user-2');
  assert.deepEqual(world.clientGroup('user').map((c) => c.name), ['user-2', 'user-10']);
});

test('abort() ends the running wait at once; end() closes every client even then', async (t) => {
  t.after(() => stopSharedMockServer());
  const world = newWorld({ timeoutMs: 10_000 });
  try {
    await world.begin([]);
    const alice = world.defineClient('alice');
    await connectOrFail(world, alice);
    const started = performance.now();
    const waiting = receiveMessage(world, alice, textEquals('never'), undefined);
    setTimeout(() => world.abort('interrupted by Ctrl-C'), 20);
    await assert.rejects(waiting, (e: unknown) => e instanceof StepError && e.code === 'WSBDD_ABORTED' && /interrupted by Ctrl-C/.test(e.message));
    assert.ok(performance.now() - started < 2000);
  } finally {
    await world.end();
  }
  assert.equal(world.client('alice').client!.state, 'closed');
  assert.equal(world.mock, undefined);
});

test('configuring a client after it connected is a clear usage error', async (t) => {
  t.after(() => stopSharedMockServer());
  const world = newWorld();
  try {
    await world.begin([]);
    const alice = world.defineClient('alice');
    await connectOrFail(world, alice);
    assert.throws(() => world.defineClient('alice'), /"alice" has already connected: setting up "alice" again must come before it connects/);
  } finally {
    await world.end();
  }
});

test('a client that is still connecting waits for messages; one that never connected fails at once', async (t) => {
  t.after(() => stopSharedMockServer());
  const world = newWorld({ timeoutMs: 2000 });
  try {
    await world.begin([]);
    const alice = world.defineClient('alice');
    await assert.rejects(receiveMessage(world, alice, textEquals('x'), 50), /"alice" is not connected, so it cannot receive anything: it never connected/);
    // The receive starts while the connect is under way: it must wait for the echo, not give up.
    alice.ensureClient({ url: await world.urlFor(alice) });
    const connecting = connectOrFail(world, alice);
    assert.ok(alice.client && ['connecting', 'handshaking'].includes(alice.client.state), `state: ${alice.client?.state}`);
    const received = receiveMessage(world, alice, textEquals('hello'), undefined);
    await connecting;
    alice.client!.send('hello');
    assert.equal((await received).data.toString(), 'hello');
  } finally {
    await world.end();
  }
});

test('a client set not to answer pings sends no pong; by default it answers each ping', async (t) => {
  t.after(() => stopSharedMockServer());
  const world = newWorld({ timeoutMs: 2000 });
  try {
    await world.begin(['"quiet" does not answer pings']);
    (await world.useMockServer()).behaviour.pingIntervalMs = 30;
    const quiet = world.defineClient('quiet');
    quiet.setup.ignorePings = true;
    const polite = world.defineClient('polite');
    await connectOrFail(world, quiet);
    await connectOrFail(world, polite);
    await receiveControls(world, quiet, 'ping', 2, 2000);
    await receiveControls(world, polite, 'ping', 2, 2000);
    const pongsFrom = (actor: string) =>
      world.transcript.entries.filter((e) => e.kind === 'frame' && e.actor === actor && e.direction === 'out' && e.frame?.opcode === 0xa).length;
    assert.equal(pongsFrom('quiet'), 0);
    assert.ok(pongsFrom('polite') >= 2, `polite sent ${pongsFrom('polite')} pongs`);
  } finally {
    await world.end();
  }
});
