import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchChannel } from '../../src/contract/address';
import { parseContractDocument } from '../../src/contract/document';

const TWO_SERVERS = `asyncapi: 3.0.0
info: { title: T, version: '1' }
servers:
  production: { host: trade.example.test, pathname: /v1, protocol: wss }
  legacy: { host: old.example.test, pathname: /api/v0, protocol: ws }
channels:
  market:
    address: /markets/{market}
    parameters:
      market: { enum: [eu, us] }
  account:
    address: /accounts/{id}/feed
    servers: [{ $ref: '#/servers/legacy' }]
    parameters:
      id: {}
`;

test('a URL lands on a channel below a server\'s base path, with its parameters and query', async () => {
  const doc = await parseContractDocument(TWO_SERVERS, 'two.yaml');
  const market = matchChannel(doc, 'wss://trade.example.test/v1/markets/eu?token=abc');
  assert.equal(market?.channel.id, 'market');
  assert.equal(market?.server?.id, 'production');
  assert.deepEqual(market?.parameters, { market: 'eu' });
  assert.deepEqual(market?.query, { token: 'abc' });
  // Another host (the mock server, staging): the path decides, a parameter value percent-decoded.
  const account = matchChannel(doc, 'ws://127.0.0.1:9000/api/v0/accounts/a%20b/feed');
  assert.equal(account?.channel.id, 'account');
  assert.deepEqual(account?.parameters, { id: 'a b' });
  // A channel only on the legacy server is not under the production base path.
  assert.equal(matchChannel(doc, 'ws://127.0.0.1:9000/v1/accounts/7/feed'), undefined);
  assert.equal(matchChannel(doc, 'ws://127.0.0.1:9000/v1/markets/eu/extra'), undefined);
});

test('a channel without an address (unknown or dynamic, AsyncAPI 3) takes a URL no other channel does', async () => {
  const doc = await parseContractDocument(
    `asyncapi: 3.0.0
info: { title: T, version: '1' }
channels:
  known:
    address: /known
  anywhere:
    description: The server tells each client its own path.
`,
    'open.yaml',
  );
  assert.equal(matchChannel(doc, 'ws://127.0.0.1:9000/known')?.channel.id, 'known');
  assert.equal(matchChannel(doc, 'ws://127.0.0.1:9000/sessions/42?x=1')?.channel.id, 'anywhere');
});
