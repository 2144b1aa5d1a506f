import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main';
import { typescriptEntries } from '../../src/cli/typescript-support';
import { REPO_ROOT } from './harness';

// A type error on purpose: ts-node compiles support files without type checking (tsc's job), so it runs.
const TYPED_STEP = `import { Given } from '@cucumber/cucumber';
interface Greeting { text: string }
const count: number = 'not a number' as unknown as string;
Given('a typed greeting', function (this: unknown): Greeting { return { text: 'hi' + count }; });
`;

const FEATURE = `Feature: typed
  Scenario: a TypeScript step beside wsbdd's
    Given a typed greeting
    And the mock server echoes messages
`;

function project(parent: string): string {
  const dir = mkdtempSync(join(parent, 'wsbdd-ts-support-'));
  mkdirSync(join(dir, 'steps'));
  writeFileSync(join(dir, 'steps', 'typed.ts'), TYPED_STEP);
  writeFileSync(join(dir, 'typed.feature'), FEATURE);
  return dir;
}

test('require entries that name TypeScript files', () => {
  assert.deepEqual(
    typescriptEntries(['steps/**/*.ts', 'steps/**/*.js', 'support/*.{js,ts}', 'world.mts', 'view.tsx', 'steps', 'tsteps/a.js', 'x.@(js|cts)']),
    ['steps/**/*.ts', 'support/*.{js,ts}', 'world.mts', 'view.tsx', 'x.@(js|cts)'],
  );
});

test('a TypeScript support file where nothing compiles TypeScript: the file and the fix, exit 2, no stack', async () => {
  const dir = project(tmpdir());
  try {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    stdout.resume();
    const code = await main(['--require', 'steps/typed.ts', '--reports', join(dir, 'reports'), 'typed.feature'], { stdout, stderr, cwd: dir, env: {} });
    assert.equal(code, 2, err);
    assert.match(err, /the support files "steps\/typed\.ts" are TypeScript, and nothing in .* compiles TypeScript/);
    assert.match(err, /npm install --save-dev ts-node typescript@5/);
    assert.doesNotMatch(err, /\n\s+at /, 'no stack');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const [how, loader] of [
  ['wsbdd brings ts-node in', []],
  ["the project's own ts-node/register", ['--require-module', 'ts-node/register']],
] as const) {
  test(`a TypeScript support file in a project that has ts-node (${how}): it loads, transpile-only`, async () => {
    // Under the repository, ts-node and cucumber resolve from its node_modules, as from a project's own.
    const dir = project(join(REPO_ROOT, 'dist'));
    try {
      const result = await new Promise<{ code: number; out: string }>((resolve) => {
        const env = { ...process.env };
        delete env.TS_NODE_TRANSPILE_ONLY;
        const args = [join(REPO_ROOT, 'bin', 'wsbdd.js'), ...loader, '--require', 'steps/typed.ts', '--reports', join(dir, 'reports'), 'typed.feature'];
        execFile(process.execPath, args, { cwd: dir, env, timeout: 60_000 }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out: stdout + stderr });
        });
      });
      assert.equal(result.code, 0, result.out);
      assert.match(result.out, /1 scenario \(1 passed\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('ts-node beside TypeScript 7, which it cannot use: the files, the cause and the fix, exit 2, no stack', async () => {
  const dir = project(join(REPO_ROOT, 'dist'));
  try {
    // A project's own typescript 7 (only its version matters here), found before the repository's.
    mkdirSync(join(dir, 'node_modules', 'typescript'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'typescript', 'package.json'), '{ "name": "typescript", "version": "7.0.2" }');
    for (const loader of [[], ['--require-module', 'ts-node/register']]) {
      const result = await runMainIn([...loader, '--require', 'steps/typed.ts', '--reports', join(dir, 'reports'), 'typed.feature'], dir);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /"steps\/typed\.ts" are TypeScript, compiled by ts-node, and ts-node cannot use typescript 7\.0\.2/);
      assert.match(result.stderr, /npm install --save-dev typescript@5/);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

async function runMainIn(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await main(argv, { stdout, stderr, cwd, env: {} });
  return { code, stdout: out, stderr: err };
}

test('wsbdd init: a tsconfig.json makes the configuration TypeScript, and it runs a TypeScript step beside ours', async () => {
  const dir = mkdtempSync(join(REPO_ROOT, 'dist', 'wsbdd-init-ts-'));
  try {
    writeFileSync(join(dir, 'tsconfig.json'), '{ "compilerOptions": { "strict": true } }\n');
    const init = await runMainIn(['init'], dir);
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /tsconfig\.json found: your own steps will be TypeScript/);
    assert.match(init.stdout, /npm pack .*\n\s+npm install --save-dev \.\/wsbdd-\d+\.\d+\.\d+\.tgz/, 'an install command for a package file');
    const config = readFileSync(join(dir, 'cucumber.js'), 'utf8');
    assert.match(config, /'ts-node\/register\/transpile-only'/);
    assert.match(config, /'steps\/\*\*\/\*\.ts'/);

    // wsbdd installed in the project (this build, linked in), and a TypeScript step of the project's own.
    const installed = join(dir, 'node_modules', 'wsbdd');
    mkdirSync(installed, { recursive: true });
    writeFileSync(join(installed, 'package.json'), '{ "name": "wsbdd" }');
    symlinkSync(join(REPO_ROOT, 'dist'), join(installed, 'dist'), 'dir');
    mkdirSync(join(dir, 'steps'));
    writeFileSync(join(dir, 'steps', 'typed.ts'), TYPED_STEP);
    writeFileSync(join(dir, 'features', 'typed.feature'), FEATURE);
    const result = await new Promise<{ code: number; out: string }>((resolve) => {
      const env: NodeJS.ProcessEnv = { ...process.env, WSBDD_REPORTS_DIR: join(dir, 'reports') };
      delete env.TS_NODE_TRANSPILE_ONLY;
      execFile(process.execPath, [join(REPO_ROOT, 'bin', 'wsbdd.js')], { cwd: dir, env, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out: stdout + stderr });
      });
    });
    assert.equal(result.code, 0, result.out);
    assert.match(result.out, /3 scenarios \(3 passed\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('wsbdd init --typescript without a tsconfig.json writes one ts-node can use; an existing one is kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsbdd-init-tsconfig-'));
  try {
    const fresh = await runMainIn(['init', 'fresh', '--typescript'], dir);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.match(fresh.stdout, /wrote fresh\/tsconfig\.json/);
    const written = JSON.parse(readFileSync(join(dir, 'fresh', 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    // ts-node's own fallback settings are what TypeScript 5.9 refuses; CommonJS is how cucumber loads steps.
    assert.equal(written.compilerOptions.module, 'commonjs');
    mkdirSync(join(dir, 'own'));
    writeFileSync(join(dir, 'own', 'tsconfig.json'), '{ "compilerOptions": {} }\n');
    const own = await runMainIn(['init', 'own', '--typescript'], dir);
    assert.equal(own.code, 0, own.stderr);
    assert.equal(readFileSync(join(dir, 'own', 'tsconfig.json'), 'utf8'), '{ "compilerOptions": {} }\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('wsbdd init: JavaScript without a tsconfig.json or when asked for, and the two options exclude each other', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsbdd-init-js-'));
  try {
    const plain = await runMainIn(['init', 'plain'], dir);
    assert.equal(plain.code, 0, plain.stderr);
    const config = readFileSync(join(dir, 'plain', 'cucumber.js'), 'utf8');
    assert.match(config, /'steps\/\*\*\/\*\.js'/);
    assert.doesNotMatch(config, /ts-node/);
    mkdirSync(join(dir, 'chosen'));
    writeFileSync(join(dir, 'chosen', 'tsconfig.json'), '{}');
    assert.equal((await runMainIn(['init', 'chosen', '--javascript'], dir)).code, 0);
    assert.doesNotMatch(readFileSync(join(dir, 'chosen', 'cucumber.js'), 'utf8'), /ts-node/);
    const both = await runMainIn(['init', 'both', '--javascript', '--typescript'], dir);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /not both/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
