import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { after, before, test } from 'node:test';
import { WebSocketClient } from '../../src/client/client';
import type { ClientOptions, ConnectResult, TcpConnectEvent } from '../../src/client/types';
import { collectErrors, nextEvent } from '../fixtures/client-events';
import { makeTestCertificates, selfSigned, type SelfSignedPair, type TestCertificates } from '../fixtures/tls-certs';
import { startReferencePeer, type ReferencePeer } from '../fixtures/ws-peer';

let certs: TestCertificates;
let peer: ReferencePeer;
/** Demands a client certificate signed by (here: equal to) the test client certificate. */
let mutualPeer: ReferencePeer;
let peerCertificateName: string | undefined;
/** Serves a certificate for SERVICE_NAME only, so an IP URL verifies only with `servername`. */
let namedPeer: ReferencePeer;
let namedCert: SelfSignedPair;
const SERVICE_NAME = 'echo.wsbdd.test';
const namesSeen: Array<TLSSocket['servername']> = [];

before(async () => {
  certs = makeTestCertificates();
  peer = await startReferencePeer({ server: createServer({ cert: certs.server.cert, key: certs.server.key }) });
  peer.wss.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
  const mutual: Server = createServer({
    cert: certs.server.cert,
    key: certs.server.key,
    requestCert: true,
    rejectUnauthorized: true,
    ca: certs.client.cert,
  });
  mutualPeer = await startReferencePeer({ server: mutual });
  mutualPeer.wss.on('connection', (_socket, request) => {
    const name = (request.socket as TLSSocket).getPeerCertificate().subject?.CN;
    peerCertificateName = Array.isArray(name) ? name[0] : name;
  });
  namedCert = selfSigned(certs.dir, SERVICE_NAME, `DNS:${SERVICE_NAME}`);
  const named = createServer({ cert: namedCert.cert, key: namedCert.key });
  named.on('secureConnection', (socket: TLSSocket) => namesSeen.push(socket.servername));
  namedPeer = await startReferencePeer({ server: named });
});
after(async () => {
  await peer?.close();
  await mutualPeer?.close();
  await namedPeer?.close();
  certs?.cleanup();
});

async function connect(options: Partial<ClientOptions>, to = peer): Promise<{ client: WebSocketClient; result: ConnectResult; tcp?: TcpConnectEvent }> {
  const client = new WebSocketClient({ url: `wss://localhost:${to.port}/`, ...options });
  collectErrors(client);
  let tcp: TcpConnectEvent | undefined;
  client.on('tcpConnect', (event) => (tcp = event));
  return { client, result: await client.connect(), tcp };
}

test('certificate verification is on by default: a self-signed server fails with kind tls', async () => {
  const { client, result } = await connect({});
  assert.ok(!result.ok);
  assert.equal(result.error.kind, 'tls');
  assert.equal(result.error.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  assert.equal(client.lastError, result.error);
  assert.equal(client.state, 'closed');
});

test('with the CA given, wss:// opens and echoes; tcpConnect reports the verified TLS session', async () => {
  const { client, result, tcp } = await connect({ tls: { ca: certs.server.cert } });
  try {
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.equal(tcp?.tls?.authorized, true);
    assert.match(tcp?.tls?.protocol ?? '', /^TLSv1\.[23]$/);
    const reply = nextEvent(client, 'message');
    client.sendText('over tls');
    assert.equal((await reply)[0].data.toString(), 'over tls');
  } finally {
    client.terminate();
  }
});

test('an IP literal is checked against the certificate IP names', async () => {
  const client = new WebSocketClient({ url: `wss://127.0.0.1:${peer.port}/`, tls: { ca: certs.server.cert } });
  const result = await client.connect();
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  client.terminate();
});

test('insecure skips verification explicitly', async () => {
  const { client, result, tcp } = await connect({ tls: { insecure: true } });
  try {
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.equal(tcp?.tls?.authorized, false);
    assert.equal(tcp?.tls?.authorizationError, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  } finally {
    client.terminate();
  }
});

test('a servername that the certificate does not name fails the identity check', async () => {
  const { result } = await connect({ tls: { ca: certs.server.cert, servername: 'other.example' } });
  assert.ok(!result.ok);
  assert.deepEqual([result.error.kind, result.error.code], ['tls', 'ERR_TLS_CERT_ALTNAME_INVALID']);
});

test('servername: SNI and the identity check use it, so an IP URL verifies against a certificate for a name', async () => {
  const url = `wss://127.0.0.1:${namedPeer.port}/`;
  const without = new WebSocketClient({ url, tls: { ca: namedCert.cert } });
  const refused = await without.connect();
  assert.ok(!refused.ok);
  assert.deepEqual([refused.error.kind, refused.error.code], ['tls', 'ERR_TLS_CERT_ALTNAME_INVALID']);
  const client = new WebSocketClient({ url, tls: { ca: namedCert.cert, servername: SERVICE_NAME } });
  collectErrors(client);
  const tcp = nextEvent(client, 'tcpConnect');
  const result = await client.connect();
  try {
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.equal((await tcp)[0].tls?.authorized, true);
    assert.equal(namesSeen[namesSeen.length - 1], SERVICE_NAME, 'the server saw the name in SNI');
  } finally {
    client.terminate();
  }
});

test('mutual TLS: the client certificate is presented; without it the server refuses (kind tls)', async () => {
  const withCert = await connect({ tls: { ca: certs.server.cert, cert: certs.client.cert, key: certs.client.key } }, mutualPeer);
  try {
    assert.ok(withCert.result.ok, withCert.result.ok ? '' : withCert.result.error.message);
    assert.equal(peerCertificateName, 'wsbdd-client');
  } finally {
    withCert.client.terminate();
  }
  const without = await connect({ tls: { ca: certs.server.cert } }, mutualPeer);
  assert.ok(!without.result.ok);
  assert.equal(without.result.error.kind, 'tls', `${without.result.error.code}: ${without.result.error.message}`);
  assert.match(without.result.error.code, /CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|ECONNRESET/);
});
