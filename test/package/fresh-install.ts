/**
 * A project of one's own installs wsbdd from its package file and runs it with JavaScript steps only:
 * no typescript, no ts-node. Installing takes long (npm resolves a hundred packages), so this runs on
 * its own: `npm run test:package` (after npm test's build; npm answers from its cache where it can).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npmEnv, REPO_ROOT, run } from './package-files';

const INSTALL_TIMEOUT_MS = 300_000;
const RUN_TIMEOUT_MS = 60_000;

const OWN_STEP = `// A step of the project's own, in JavaScript, beside wsbdd's: \`this\` is wsbdd's World.
const { When } = require('@cucumber/cucumber');

When('{string} greets the server', function (name) {
  this.client(name).client.sendText('hello from ' + name);
});
`;

const OWN_FEATURE = `Feature: A step of our own
  Scenario: our step beside wsbdd's
    Given the mock server echoes messages
    And "bob" is connected
    When "bob" greets the server
    Then "bob" should receive "hello from bob" within 2 seconds
`;

const TYPED_STEP = `import { Given } from '@cucumber/cucumber';
interface Greeting { text: string }
Given('a typed greeting', function () { const greeting: Greeting = { text: 'hi' }; return greeting; });
`;

test('a fresh project installs the package file and runs npx wsbdd with JavaScript steps, without TypeScript', { timeout: INSTALL_TIMEOUT_MS + 4 * RUN_TIMEOUT_MS }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsbdd-fresh-install-'));
  try {
    const env = npmEnv();
    const packed = await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], REPO_ROOT, RUN_TIMEOUT_MS, env);
    assert.equal(packed.code, 0, packed.stderr);
    const tarball = join(dir, packed.stdout.trim().split('\n').pop()!);
    const project = join(dir, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'fresh-project', version: '1.0.0', private: true }));

    const install = await run('npm', ['install', '--prefer-offline', '--save-dev', tarball], project, INSTALL_TIMEOUT_MS, env);
    assert.equal(install.code, 0, install.stderr);
    for (const absent of ['typescript', 'ts-node']) {
      assert.ok(!existsSync(join(project, 'node_modules', absent)), `${absent} is not installed`);
    }

    const init = await run('npx', ['--no-install', 'wsbdd', 'init', '--javascript'], project, RUN_TIMEOUT_MS, env);
    assert.equal(init.code, 0, init.stderr);
    assert.doesNotMatch(init.stdout, /npm pack/, 'wsbdd is installed already: no install command');
    mkdirSync(join(project, 'steps'));
    writeFileSync(join(project, 'steps', 'greeting.js'), OWN_STEP);
    writeFileSync(join(project, 'features', 'own.feature'), OWN_FEATURE);

    const reports = join(project, 'reports');
    const ran = await run('npx', ['--no-install', 'wsbdd'], project, RUN_TIMEOUT_MS, env);
    assert.equal(ran.code, 0, ran.stderr + ran.stdout);
    assert.match(ran.stdout, /3 scenarios \(3 passed\)/);
    assert.match(readFileSync(join(reports, 'junit.xml'), 'utf8'), /our step beside wsbdd's/);

    // A TypeScript step file in a project without a TypeScript loader: the files and the fix, not a syntax error.
    writeFileSync(join(project, 'steps', 'typed.ts'), TYPED_STEP);
    const typed = await run('npx', ['--no-install', 'wsbdd', '--require', 'steps/typed.ts'], project, RUN_TIMEOUT_MS, env);
    assert.equal(typed.code, 2, typed.stderr + typed.stdout);
    assert.match(typed.stderr, /"steps\/typed\.ts" are TypeScript/);
    assert.match(typed.stderr, /npm install --save-dev ts-node typescript@5/);
    assert.doesNotMatch(typed.stderr, /Unexpected token|at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
