import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WsWorld } from '../../src/world';
import { stopSharedMockServer } from '../../src/mock/instance';
import { assertReconnected, closedConnection } from '../../src/world/closing';
import { connectOrFail } from '../../src/world/connecting';
import { connectGroup, forEvery } from '../../src/world/crowd';
import { assertServerGotMessage, dropFromServer } from '../../src/world/mocking';
import type { NamedClient } from '../../src/world/named-client';
import { jsonPathIs, receiveControl, receiveControls, receiveCount, receiveMessage, receiveNothing, textEquals } from '../../src/world/receiving';
import { StepError } from '../../src/world/errors';
import { conformanceState } from '../../src/conformance/client-state';
import { expectLastEcho } from '../../src/conformance/echo-checks';

// These tests talk to the mock server: a developer's WSBDD_TARGET must not redirect them.
delete process.env.WSBDD_TARGET;

/** Every wait here may take 10 s; one on a closed connection must end well before that. */
const LONG_WAIT_MS = 10_000;
const AT_ONCE_MS = 1000;

function newWorld(): WsWorld {
  const noop = () => undefined;
  return new WsWorld({ attach: noop as never, log: noop, link: noop, parameters: { timeoutMs: LONG_WAIT_MS } });
}

/** A scenario on the mock server: a fresh world with "alice" connected, ended afterwards. */
async function withAlice(body: (world: WsWorld, alice: NamedClient) => Promise<void>, setup: (world: WsWorld) => void = () => undefined): Promise<void> {
  const world = newWorld();
  try {
    await world.begin([]);
    setup(world);
    const alice = world.defineClient('alice');
    await connectOrFail(world, alice);
    await body(world, alice);
  } finally {
    await world.end();
  }
}

/** The server drops the client, and the client has seen it. */
async function droppedByServer(world: WsWorld, named: NamedClient): Promise<void> {
  await dropFromServer(world, named);
  await closedConnection(world, named, 2000);
}

/** The wait fails, within AT_ONCE_MS, with a "closed before" assertion matching `message`. */
async function failsAtOnce(waiting: () => Promise<unknown>, message: RegExp): Promise<StepError> {
  const started = performance.now();
  let failure: unknown;
  await waiting().then(
    () => assert.fail('the wait passed'),
    (error: unknown) => (failure = error),
  );
  const took = performance.now() - started;
  assert.ok(failure instanceof StepError, `a StepError, got ${String(failure)}`);
  assert.match(failure.message, message);
  assert.ok(took < AT_ONCE_MS, `ended after ${Math.round(took)} ms`);
  return failure;
}

test('a receive on a connection the server dropped fails at once, saying how it closed', async (t) => {
  t.after(() => stopSharedMockServer());
  await withAlice(async (world, alice) => {
    await droppedByServer(world, alice);
    const error = await failsAtOnce(
      () => receiveMessage(world, alice, textEquals('x'), LONG_WAIT_MS),
      /^"alice" was closed before it received a text message "x": code 1006, initiated by the transport, no close frame received\n {2}state of "alice": closed/,
    );
    assert.equal(error.code, 'WSBDD_ASSERTION');
    assert.deepEqual(error.expected, { kind: 'text message', equals: 'x', within: '10 s' });
    assert.deepEqual(error.actual, {
      state: 'closed',
      received: 0,
      unmatched: [],
      close: { code: 1006, reason: '', initiatedBy: 'transport', clean: false },
    });
  });
});

test('a JSON receive on a closed connection fails at once, with the messages that did not match', async (t) => {
  t.after(() => stopSharedMockServer());
  await withAlice(async (world, alice) => {
    alice.client!.send('{"status":"pending"}');
    await world.waitFor(() => (alice.inbox.lastMessage ? true : undefined), 2000, () => 'no echo');
    await droppedByServer(world, alice);
    await failsAtOnce(
      () => receiveMessage(world, alice, jsonPathIs('$.status', 'confirmed'), LONG_WAIT_MS, { path: '$.status' }),
      /^"alice" was closed before it received a JSON text message where \$\.status is "confirmed": code 1006[\s\S]*text \{"status":"pending"\}[\s\S]*message 1: \$\.status is "pending"/,
    );
  });
});

test('a pong wait on a closed connection fails at once', async (t) => {
  t.after(() => stopSharedMockServer());
  await withAlice(
    async (world, alice) => {
      alice.client!.ping('p');
      await droppedByServer(world, alice);
      await failsAtOnce(() => receiveControl(world, alice, 'pong', 'p', LONG_WAIT_MS), /^"alice" was closed before it received a pong "p" \(no pong received\): code 1006/);
      await failsAtOnce(() => receiveControls(world, alice, 'pong', 2, LONG_WAIT_MS), /^"alice" was closed before it received 2 pongs \(0 arrived\): code 1006/);
    },
    (world) => (world.mock!.behaviour.answerPings = false),
  );
});

test('a count of messages on a closed connection fails at once, saying how many arrived', async (t) => {
  t.after(() => stopSharedMockServer());
  await withAlice(
    async (world, alice) => {
      alice.client!.send('one');
      await closedConnection(world, alice, 2000);
      await failsAtOnce(() => receiveCount(world, alice, 3, LONG_WAIT_MS), /^"alice" was closed before it received 3 messages \(1 arrived\): code 1006/);
    },
    (world) => (world.mock!.behaviour.dropAfter = { messages: 1 }),
  );
});

test('a message that arrived before the close still satisfies the wait', async (t) => {
  t.after(() => stopSharedMockServer());
  await withAlice(
    async (world, alice) => {
      alice.client!.send('x');
      const close = (await closedConnection(world, alice, 2000)).close;
      assert.equal(close.code, 4000, 'the server replied, then closed');
      const message = await receiveMessage(world, alice, textEquals('x'), LONG_WAIT_MS);
      assert.equal(message.data.toString(), 'x');
      // A wait meant to hold while closed keeps its meaning.
      await receiveNothing(world, alice, 50);
    },
    (world) => (world.mock!.behaviour.closeAfter = { messages: 1, code: 4000 }),
  );
});

test('every client of a group on closed connections fails at once, each one saying why', async (t) => {
  t.after(() => stopSharedMockServer());
  const world = newWorld();
  try {
    await world.begin([]);
    await connectGroup(world, 'user', 2);
    const users = world.clientGroup('user');
    for (const user of users) await droppedByServer(world, user);
    const error = await failsAtOnce(
      () => forEvery(users, (user) => receiveMessage(world, user, textEquals('hi'), LONG_WAIT_MS)),
      /^2 of 2 clients failed:\n--- "user-1": "user-1" was closed before it received a text message "hi"[\s\S]*--- "user-2": "user-2" was closed before/,
    );
    assert.deepEqual(error.expected, { kind: 'text message', equals: 'hi', within: '10 s' });
  } finally {
    await world.end();
  }
});

test('an echo check of the conformance pack on a closed connection fails at once', async (t) => {
  t.after(() => stopSharedMockServer());
  await withAlice(async (world, alice) => {
    await droppedByServer(world, alice);
    conformanceState(alice).messages.push({ data: Buffer.from('echo me'), binary: false });
    await failsAtOnce(
      () => expectLastEcho(world, alice, LONG_WAIT_MS),
      /^"alice" was closed before the echo of the text message of 7 bytes it sent arrived: code 1006/,
    );
  });
});

test('a wait for a reconnect fails at once when none is coming, and waits while the policy reconnects', async (t) => {
  t.after(() => stopSharedMockServer());
  await withAlice(async (world, alice) => {
    await droppedByServer(world, alice);
    await failsAtOnce(() => assertReconnected(world, alice, LONG_WAIT_MS), /^"alice" was closed before it reconnected, and no reconnect is coming: code 1006/);
  });
  const world = newWorld();
  try {
    await world.begin([]);
    const bob = world.defineClient('bob');
    bob.setup.reconnectDelayMs = 300;
    await connectOrFail(world, bob);
    await droppedByServer(world, bob);
    assert.equal(bob.client!.state, 'closed');
    const started = performance.now();
    await assertReconnected(world, bob, LONG_WAIT_MS);
    assert.ok(performance.now() - started >= 250, 'it waited for the policy');
    // Closed while a reconnect is coming, a receive waits for the new connection.
    await droppedByServer(world, bob);
    const received = receiveMessage(world, bob, textEquals('back'), LONG_WAIT_MS);
    await assertReconnected(world, bob, LONG_WAIT_MS);
    bob.client!.send('back');
    assert.equal((await received).data.toString(), 'back');
  } finally {
    await world.end();
  }
});

test('"the mock server should have received" ends at once when both sides closed, and still counts what was sent before', async (t) => {
  t.after(() => stopSharedMockServer());
  await withAlice(async (world, alice) => {
    alice.client!.send('sent before');
    alice.client!.terminate();
    await assertServerGotMessage(world, alice, 'sent before', LONG_WAIT_MS);
    await failsAtOnce(
      () => assertServerGotMessage(world, alice, 'never sent', LONG_WAIT_MS),
      /^"alice" was closed before the mock server received the text message "never sent" from it: code 1006, initiated by the client[\s\S]*the mock server received text "sent before"/,
    );
  });
});
