import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { coverageReport } from '../../src/contract/coverage';
import { startContractServer, type ContractServer } from '../fixtures/steps-servers/contract-server';
import { REPO_ROOT, runFeatures, type ScenarioOutcome } from './harness';

// A contract check that lets a broken conversation pass is worse than none: each of these scenarios
// must FAIL, in the step during which the contract broke, saying how.
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'steps-contract');
let server: ContractServer;
let outcomes: Map<string, ScenarioOutcome>;
let order: ScenarioOutcome[];

before(async () => {
  server = await startContractServer();
  process.env.WSBDD_FIXTURE_CONTRACT_URL = server.url;
  const run = await runFeatures([FIXTURES], { timeoutMs: 300 });
  assert.equal(run.success, false);
  order = run.scenarios;
  outcomes = new Map(run.scenarios.map((s) => [s.name, s]));
});

after(async () => {
  await server.close();
});

function expectFailure(name: string, step: RegExp, message: RegExp): void {
  test(`fails: ${name}`, () => {
    const outcome = outcomes.get(name);
    assert.ok(outcome, `scenario "${name}" did not run`);
    assert.equal(outcome.status, 'FAILED', `"${name}" should fail, was ${outcome.status}: ${outcome.message}`);
    assert.match(outcome.failedStep ?? '', step);
    assert.match(outcome.message, message);
  });
}

const broke = /the conversation broke the contract once:\n- "alice" received/;
expectFailure('a field of the wrong type', /should receive 1 message/, new RegExp(`${broke.source}[\\s\\S]*"OrderConfirmed" \\(placeOrder \\(reply\\)\\):\\n\\s+- at /id: must be string`));
expectFailure('a missing required field', /should receive 1 message/, /"OrderConfirmed"[\s\S]*at \(root\): must have required property 'status'/);
expectFailure(
  'a message the channel does not declare',
  /should receive 1 message/,
  /received "\{\\?"type\\?":\\?"surprise\\?"[\s\S]*matches no message the channel declares for it; the closest:[\s\S]*"OrderConfirmed"[\s\S]*at \/type: must be equal to constant "orderConfirmed"/,
);
expectFailure('a handshake query the binding does not allow', /is connected to/, /breaks its WebSocket binding:[\s\S]*the query[\s\S]*at \/token: must NOT have fewer than 3 characters/);
expectFailure('a channel parameter outside its enum', /is connected to/, /the channel parameter market = "asia"[\s\S]*must be equal to one of the allowed values \["eu","us"\]/);
expectFailure('a URL on no channel of the document', /is connected to/, /\/v2\/somewhere\?token=abc is on no channel of trading\.asyncapi\.yaml \(its channels: "\/markets\/\{market\}"\)/);
expectFailure('a message the client sends that breaks the contract', /sends the JSON/, /"alice" sent [\s\S]*"PlaceOrder" \(placeOrder\):\n\s+- at \/qty: must be integer/);
expectFailure('a compressed message the client sends that breaks the contract', /sends the JSON/, /"alice" sent [\s\S]*"PlaceOrder" \(placeOrder\):\n\s+- at \/qty: must be integer/);
expectFailure('a message the server sends of a kind only clients send', /should receive 1 message/, /received "\{\\?"type\\?":\\?"placeOrder\\?"[\s\S]*matches no message the channel declares for it/);
expectFailure('a named message that does not arrive lists its schema errors', /should receive a "OrderConfirmed" message/, /did not receive a "OrderConfirmed" message within 300 ms[\s\S]*at \/id: must be string/);
expectFailure('a named message with the wrong field value', /where "\$\.id" is "A-2"/, /did not receive a "OrderConfirmed" message where \$\.id is "A-2"/);
expectFailure('a reply to another request', /reply/, /did not receive a "OrderConfirmed" reply with correlation id "A-1" \(at \$message\.payload#\/id\)[\s\S]*correlation id "Z-9"/);
expectFailure('a message that breaks its schema is not sent', /sends a "PlaceOrder" message/, /did not send the "PlaceOrder" message: it breaks the message's schema[\s\S]*at \(root\): must have required property 'qty'/);
expectFailure('a valid message is not sent as an invalid one', /sends an invalid/, /is a valid "PlaceOrder" message, so it cannot be sent as an invalid one/);
expectFailure('a message the document does not name', /CancelOrder/, /declares no message "CancelOrder" \(its messages: "PlaceOrder", "OrderConfirmed", "Quote"\)/);
expectFailure('a JSON message that breaks a schema file', /matching the schema "confirmation\.json"/, /did not receive a JSON message matching the schema confirmation\.json[\s\S]*at \(root\): must have required property 'status'/);
expectFailure('a JSON message that breaks a doc string schema', /matching the schema:/, /did not receive a JSON message matching the schema of the doc string[\s\S]*at \/id: must be string/);
expectFailure('a handshake header the binding does not allow', /connects/, /"bob" to channel "\/chat\/\{room\}" breaks its WebSocket binding:[\s\S]*the request headers:[\s\S]*at \/X-Client-Version: must match pattern/);
expectFailure('a handshake without the header the binding requires', /is connected to/, /the request headers:[\s\S]*must have required property 'X-Client-Version'/);
expectFailure(
  'a node deep in a recursive schema of the wrong type',
  /sends the JSON/,
  /"alice" sent [\s\S]*"Node" \(putNode\):\n\s+- at \/children\/0\/children\/0\/name: must be string/,
);
expectFailure('a handshake query number over the binding\'s maximum', /connects/, /the query \{"limit":"500"\}:\n\s+- at \/limit: must be <= 50/);
expectFailure('every client of a crowd is checked', /2 clients "user" are connected/, /the conversation broke the contract 2 times:\n- ws:\/\/127\.0\.0\.1:\d+\/ is on no channel of trading\.asyncapi\.yaml/);
expectFailure('in 2.x a published message is what the client sends, not what it receives', /should receive 1 message/, /"bob" received "\{\\?"type\\?":\\?"say\\?"[\s\S]*"Ack" \(hear\)/);

test('warnings do not fail the scenario, and the right conversation passes', () => {
  for (const name of ['warnings do not fail the scenario', 'the right handshake and a declared message pass', 'a tree that keeps a recursive schema passes', 'a compressed order that keeps the contract passes']) {
    assert.equal(outcomes.get(name)?.status, 'PASSED', `${name}: ${outcomes.get(name)?.message}`);
  }
});

test('every fixture scenario was checked', () => {
  const passing = ['warnings do not fail the scenario', 'the right handshake and a declared message pass', 'a tree that keeps a recursive schema passes', 'a compressed order that keeps the contract passes'];
  assert.equal(order.length - passing.length, 23, `scenarios: ${order.map((s) => s.name).join(' | ')}`);
  for (const outcome of order) if (!passing.includes(outcome.name)) assert.notEqual(outcome.status, 'PASSED', `false pass: ${outcome.name}`);
});

test('the coverage report lists what was exercised, what never was, and every violation', () => {
  const trading = coverageReport().documents.find((d) => d.source === 'trading.asyncapi.yaml');
  assert.ok(trading, 'no coverage of trading.asyncapi.yaml');
  const placeOrder = trading.operations.find((o) => o.id === 'placeOrder')!;
  assert.equal(placeOrder.direction, 'client sends');
  assert.ok(placeOrder.messages.find((m) => m.name === 'PlaceOrder')!.exercised > 0);
  assert.deepEqual(trading.neverExercised, ['publishQuotes: Quote']);
  const warned = trading.violations.filter((v) => v.scenario === 'warnings do not fail the scenario');
  assert.equal(warned.length, 1);
  assert.equal(warned[0]!.failed, false);
  assert.ok(trading.violations.some((v) => v.kind === 'handshake' && v.failed));
  const chat = coverageReport().documents.find((d) => d.source === 'chat.asyncapi.yaml')!;
  assert.deepEqual(
    chat.operations.map((o) => [o.id, o.direction]),
    [
      ['say', 'client sends'],
      ['hear', 'client receives'],
    ],
  );
});
