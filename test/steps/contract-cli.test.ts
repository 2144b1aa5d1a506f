import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './harness';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** The command in a child process of its own: the coverage of one run is all that run's. */
function runChild(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Captured> {
  const script = join(cwd, 'run-wsbdd.js');
  writeFileSync(script, `require(${JSON.stringify(join(__dirname, '..', '..', 'src', 'cli', 'main.js'))}).runFromCommandLine();\n`);
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...argv], { cwd, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const BROKEN = 'asyncapi: 3.0.0\ninfo:\n  title: Broken\nchannels:\n  orders:\n    address: 42\n';
const TRADING = join(REPO_ROOT, 'features', 'examples', 'contracts', 'trading.asyncapi.yaml');

test('a broken AsyncAPI document exits 2 with the parser\'s diagnostics, named by --contract, WSBDD_CONTRACT or a step', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsbdd-contract-cli-'));
  try {
    writeFileSync(join(dir, 'broken.yaml'), BROKEN);
    writeFileSync(join(dir, 'plain.feature'), 'Feature: p\n  Scenario: echo\n    Given "a" is connected\n');
    mkdirSync(join(dir, 'features'));
    writeFileSync(join(dir, 'features', 'broken.yaml'), BROKEN);
    writeFileSync(join(dir, 'features', 'step.feature'), 'Feature: s\n  Scenario: s\n    Given the AsyncAPI document "broken.yaml"\n    And "a" is connected\n');
    const env = { WSBDD_REPORTS_DIR: join(dir, 'reports') };
    const byOption = await runChild(['plain.feature', '--contract', 'broken.yaml'], dir, env);
    assert.equal(byOption.code, 2, byOption.stderr + byOption.stdout);
    assert.match(byOption.stderr, /the AsyncAPI document \S*broken\.yaml is not valid:\n {2}line 2: "info" property must have required property "version"/);
    assert.match(byOption.stderr, /line 6: "address" property type must be string,null \(at channels\.orders\.address\)/);
    const byStep = await runChild(['features/step.feature'], dir, env);
    assert.equal(byStep.code, 2, byStep.stderr + byStep.stdout);
    assert.match(byStep.stderr, /the AsyncAPI document broken\.yaml is not valid/);
    const byEnvironment = await runChild(['plain.feature'], dir, { ...env, WSBDD_CONTRACT: 'broken.yaml' });
    assert.equal(byEnvironment.code, 2, byEnvironment.stderr + byEnvironment.stdout);
    assert.match(byEnvironment.stderr, /the AsyncAPI document broken\.yaml is not valid/);
    const missing = await runChild(['plain.feature', '--contract', 'nowhere.yaml'], dir, env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nowhere\.yaml is not valid:\n {2}cannot read it/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--contract checks every scenario and writes reports/contract.json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsbdd-contract-cli-'));
  try {
    copyFileSync(TRADING, join(dir, 'trading.yaml'));
    // The embedded mock server echoes: an order coming back is a message only clients send.
    writeFileSync(
      join(dir, 'echo.feature'),
      'Feature: e\n  Scenario: an echoed order\n    Given "a" is connected to "/v1/markets/eu?token=abc"\n    When "a" sends the example of "PlaceOrder"\n    Then "a" should receive 1 message within 2 seconds\n',
    );
    const reports = join(dir, 'out');
    const result = await runChild(['echo.feature', '--contract', 'trading.yaml', '--reports', reports], dir);
    assert.equal(result.code, 1, result.stderr + result.stdout);
    assert.match(result.stdout, /the conversation broke the contract once:\n\s*- "a" received .*placeOrder.* which matches no message the channel declares for it/);
    assert.ok(existsSync(join(reports, 'contract.json')), 'contract.json is written');
    const report = JSON.parse(readFileSync(join(reports, 'contract.json'), 'utf8'));
    const [doc] = report.documents;
    assert.equal(doc.asyncapi, '3.0.0');
    assert.deepEqual(doc.neverExercised, ['placeOrder: OrderConfirmed (reply)', 'publishQuotes: Quote']);
    assert.equal(doc.violations.length, 1);
    assert.equal(doc.violations[0].scenario, 'an echoed order');
    assert.equal(doc.violations[0].failed, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a parallel run writes one contract.json for every worker\'s scenarios, and the run summary has its section', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsbdd-contract-parallel-'));
  try {
    copyFileSync(TRADING, join(dir, 'trading.yaml'));
    const ordered = (n: number) =>
      `  Scenario: order ${n}\n    Given the mock server follows the AsyncAPI document\n    And "a" is connected to "/v1/markets/eu?token=abc"\n    When "a" sends the example of "PlaceOrder"\n    Then "a" should receive a "OrderConfirmed" reply within 2 seconds\n`;
    writeFileSync(join(dir, 'orders.feature'), `Feature: orders\n  Background:\n    Given the AsyncAPI document "trading.yaml"\n\n${[1, 2, 3].map(ordered).join('\n')}`);
    // The embedded mock server echoes: the order comes back, a message only clients send; it only warns.
    writeFileSync(
      join(dir, 'echo.feature'),
      'Feature: echo\n  Scenario: an echoed order\n    Given the AsyncAPI document "trading.yaml"\n    And contract violations only warn\n    And "a" is connected to "/v1/markets/eu?token=abc"\n    When "a" sends the example of "PlaceOrder"\n    Then "a" should receive 1 message within 2 seconds\n',
    );
    const reports = join(dir, 'out');
    const result = await runChild(['orders.feature', 'echo.feature', '--parallel', '2', '--reports', reports], dir);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.deepEqual(readdirSync(reports).filter((f) => f.startsWith('contract')), ['contract.json']);
    const [doc] = JSON.parse(readFileSync(join(reports, 'contract.json'), 'utf8')).documents;
    const placeOrder = doc.operations.find((o: { id: string }) => o.id === 'placeOrder');
    assert.deepEqual(placeOrder.messages, [
      { name: 'PlaceOrder', exercised: 4 },
      { name: 'OrderConfirmed (reply)', exercised: 3 },
    ]);
    assert.deepEqual(doc.neverExercised, ['publishQuotes: Quote']);
    assert.equal(doc.violations.length, 1);
    assert.equal(doc.violations[0].scenario, 'an echoed order');
    assert.equal(doc.violations[0].failed, false);
    // The run summary: summary.json, the console line, and the section a reader of report.html sees.
    const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8'));
    assert.deepEqual(summary.contract, [
      {
        source: 'trading.yaml',
        title: 'Trading API',
        asyncapi: '3.0.0',
        operations: { exercised: 1, total: 2 },
        messages: { exercised: 2, total: 3 },
        neverExercised: ['publishQuotes: Quote'],
        violations: { total: 1, failed: 0 },
      },
    ]);
    assert.match(result.stderr, /contract 2\/3 messages, 1 violation/);
    const html = readFileSync(join(reports, 'report.html'), 'utf8');
    assert.match(html, /contract trading\.yaml \(Trading API, AsyncAPI 3\.0\.0\): 1 of 2 operations and 2 of 3 messages exercised · 1 violation \(0 failed a scenario\)/);
    assert.match(html, /✓ placeOrder \(client sends, market\): PlaceOrder ×4, OrderConfirmed \(reply\) ×3/);
    assert.match(html, /\[warn\] an echoed order: \\"a\\" received /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('wsbdd merge-reports puts the shards\' contract coverage into one contract.json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsbdd-contract-shards-'));
  try {
    copyFileSync(TRADING, join(dir, 'trading.yaml'));
    const order = (n: number) =>
      `  Scenario: order ${n}\n    Given the mock server follows the AsyncAPI document\n    And "a" is connected to "/v1/markets/eu?token=abc"\n    When "a" sends the example of "PlaceOrder"\n    Then "a" should receive a "OrderConfirmed" reply within 2 seconds\n`;
    writeFileSync(join(dir, 'orders.feature'), `Feature: orders\n  Background:\n    Given the AsyncAPI document "trading.yaml"\n\n${[1, 2].map(order).join('\n')}`);
    for (const shard of ['1', '2']) {
      const result = await runChild(['orders.feature', '--shard', `${shard}/2`, '--reports', `shard-${shard}`], dir);
      assert.equal(result.code, 0, result.stderr + result.stdout);
    }
    const merged = await runChild(['merge-reports', 'shard-1', 'shard-2', '--reports', 'merged'], dir);
    assert.equal(merged.code, 0, merged.stderr + merged.stdout);
    const [doc] = JSON.parse(readFileSync(join(dir, 'merged', 'contract.json'), 'utf8')).documents;
    assert.deepEqual(doc.operations.find((o: { id: string }) => o.id === 'placeOrder').messages, [
      { name: 'PlaceOrder', exercised: 2 },
      { name: 'OrderConfirmed (reply)', exercised: 2 },
    ]);
    assert.equal(JSON.parse(readFileSync(join(dir, 'merged', 'summary.json'), 'utf8')).contract[0].messages.exercised, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
