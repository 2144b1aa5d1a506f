import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startContractServer, type ContractServer } from '../fixtures/steps-servers/contract-server';
import { coverageReport } from '../../src/contract/coverage';
import { REPO_ROOT, runFeatures } from './harness';

// The document can come from a step, the `contract` world parameter or WSBDD_CONTRACT; each must put every
// frame under the contract, and a schema file is found beside the feature, else from the project.
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'steps-contract');
const TRADING = join(FIXTURES, 'trading.asyncapi.yaml');
let server: ContractServer;
let dir: string;

before(async () => {
  server = await startContractServer();
  process.env.WSBDD_FIXTURE_CONTRACT_URL = server.url;
  dir = mkdtempSync(join(tmpdir(), 'wsbdd-contract-config-'));
  // No document step: a server that sends a number where the contract says string breaks only a contract given otherwise.
  writeFileSync(
    join(dir, 'wrong-type.feature'),
    `Feature: f
  Scenario: a confirmation with a number for its id
    Given "alice" is connected to "\${env:WSBDD_FIXTURE_CONTRACT_URL}/v1/markets/eu?token=abc&break=wrong-type"
    When "alice" sends the JSON:
      """
      { "type": "placeOrder", "id": "A-1", "side": "buy", "qty": 1 }
      """
    Then "alice" should receive 1 message within 1 second
`,
  );
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function outcome(worldParameters: Record<string, unknown> = {}) {
  const run = await runFeatures([join(dir, 'wrong-type.feature')], worldParameters);
  assert.equal(run.scenarios.length, 1);
  return run.scenarios[0]!;
}

const BROKE = /the conversation broke the contract once:\n- "alice" received [\s\S]*at \/id: must be string/;

test('the contract world parameter names the document: every frame is checked without a step saying so', async () => {
  const failed = await outcome({ contract: TRADING });
  assert.equal(failed.status, 'FAILED', failed.message);
  assert.match(failed.message, BROKE);
  // A path from the project, as a configuration file writes it.
  const relativePath = await outcome({ contract: { document: relative(REPO_ROOT, TRADING) } });
  assert.equal(relativePath.status, 'FAILED');
  assert.match(relativePath.message, BROKE);
});

test('contract.violations "warn" records the violation without failing the scenario', async () => {
  const warned = await outcome({ contract: { document: TRADING, violations: 'warn' } });
  assert.equal(warned.status, 'PASSED', warned.message);
});

test('WSBDD_CONTRACT names the document when the world parameters do not', async () => {
  process.env.WSBDD_CONTRACT = TRADING;
  try {
    const failed = await outcome();
    assert.equal(failed.status, 'FAILED', failed.message);
    assert.match(failed.message, BROKE);
  } finally {
    delete process.env.WSBDD_CONTRACT;
  }
  // Without any of them the same conversation is not checked (the checks above can fail).
  assert.equal((await outcome()).status, 'PASSED');
});

test('a schema file is read beside the feature file, else from the project', async () => {
  const feature = (schema: string) => `Feature: s
  Scenario: a confirmation without its status
    Given "alice" is connected to "\${env:WSBDD_FIXTURE_CONTRACT_URL}/echo"
    When "alice" sends the JSON:
      """
      { "type": "orderConfirmed", "id": "A-1" }
      """
    Then "alice" should receive a JSON message matching the schema "${schema}" within 300 ms
`;
  writeFileSync(join(dir, 'project.feature'), feature(relative(REPO_ROOT, join(FIXTURES, 'confirmation.json'))));
  writeFileSync(join(dir, 'beside.feature'), feature('beside.json'));
  writeFileSync(join(dir, 'beside.json'), JSON.stringify({ type: 'object', required: ['id'] }));
  const run = await runFeatures([join(dir, 'project.feature'), join(dir, 'beside.feature')]);
  const [fromProject, beside] = run.scenarios;
  assert.equal(fromProject!.status, 'FAILED');
  assert.match(fromProject!.message, /did not receive a JSON message matching the schema test\/fixtures\/steps-contract\/confirmation\.json[\s\S]*at \(root\): must have required property 'status'/);
  assert.equal(beside!.status, 'PASSED', beside!.message);
});

test('the coverage report masks the scenario\'s secret values, as every other report does', async () => {
  writeFileSync(
    join(dir, 'secret.feature'),
    `Feature: m
  Scenario: an order that carries the session cookie
    Given the AsyncAPI document "${TRADING}"
    And contract violations only warn
    And a client "alice" for "\${env:WSBDD_FIXTURE_CONTRACT_URL}/v1/markets/eu?token=abc"
    And "alice" sends the headers:
      | Cookie | session=tops3cretvalue |
    When "alice" connects
    And "alice" sends the JSON:
      """
      { "type": "placeOrder", "id": "A-1", "side": "buy", "qty": 1, "note": "tops3cretvalue" }
      """
    Then "alice" should receive 1 message within 1 second
`,
  );
  const run = await runFeatures([join(dir, 'secret.feature')]);
  assert.equal(run.scenarios[0]!.status, 'PASSED', run.scenarios[0]!.message);
  const violations = coverageReport().documents.flatMap((d) => d.violations).filter((v) => v.scenario === 'an order that carries the session cookie');
  assert.deepEqual(violations.map((v) => v.kind), ['sent', 'received']);
  const written = JSON.stringify(violations);
  assert.doesNotMatch(written, /tops3cretvalue/);
  assert.match(written, /\[redacted\]/);
});
