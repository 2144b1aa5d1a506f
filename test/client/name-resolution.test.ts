import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { after, before, test } from 'node:test';
import { WebSocketClient } from '../../src/client/client';
import { collectErrors } from '../fixtures/client-events';
import { startReferencePeer, type ReferencePeer } from '../fixtures/ws-peer';

let peer: ReferencePeer;
const hostHeaders: Array<string | undefined> = [];

before(async () => {
  peer = await startReferencePeer();
  peer.wss.on('connection', (_socket, request) => hostHeaders.push(request.headers.host));
});
after(() => peer.close());

/** Answers like dns.lookup, in the single-address or the `all: true` form, whichever node asks for. */
function answer(callback: Parameters<LookupFunction>[2], all: boolean | undefined, address: string): void {
  const reply = callback as (error: null, address: string | LookupAddress[], family?: number) => void;
  if (all) reply(null, [{ address, family: 4 }]);
  else reply(null, address, 4);
}

test('an unknown host name: kind connect, code ENOTFOUND, reported by the result and the error event', async () => {
  const asked: string[] = [];
  // The injected resolver fails the way the system one does, so no real name is ever resolved.
  const lookup: LookupFunction = (hostname, _options, callback) => {
    asked.push(hostname);
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
    process.nextTick(() => callback(error, '', 4));
  };
  const client = new WebSocketClient({ url: `ws://no-such-host.invalid:${peer.port}/`, lookup });
  const errors = collectErrors(client);
  let tcpConnected = false;
  client.on('tcpConnect', () => (tcpConnected = true));
  const result = await client.connect();
  assert.ok(!result.ok);
  assert.deepEqual([result.error.kind, result.error.code], ['connect', 'ENOTFOUND'], result.error.message);
  assert.match(result.error.message, /no-such-host\.invalid/);
  assert.deepEqual(errors, [result.error]);
  assert.deepEqual(asked, ['no-such-host.invalid']);
  assert.equal(tcpConnected, false);
  assert.equal(client.state, 'closed');
});

test('an injected lookup pins a name to loopback; the Host header keeps the name', async () => {
  const lookup: LookupFunction = (hostname, options, callback) => {
    assert.equal(hostname, 'echo.test');
    process.nextTick(() => answer(callback, options.all, '127.0.0.1'));
  };
  const client = new WebSocketClient({ url: `ws://echo.test:${peer.port}/pinned`, lookup });
  const errors = collectErrors(client);
  const result = await client.connect();
  try {
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.equal(hostHeaders.at(-1), `echo.test:${peer.port}`);
    assert.deepEqual(errors, []);
  } finally {
    client.terminate();
  }
});

test('localhost resolves through the system resolver (loopback only)', async () => {
  const client = new WebSocketClient({ url: `ws://localhost:${peer.port}/` });
  const errors = collectErrors(client);
  let remoteAddress: string | undefined;
  client.on('tcpConnect', (event) => (remoteAddress = event.remoteAddress));
  const result = await client.connect();
  try {
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.equal(remoteAddress, '127.0.0.1');
    assert.equal(hostHeaders.at(-1), `localhost:${peer.port}`);
    assert.deepEqual(errors, []);
  } finally {
    client.terminate();
  }
});
