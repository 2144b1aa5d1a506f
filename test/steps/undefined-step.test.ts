import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WsbddSnippetSyntax from '../../src/world/snippet-syntax';
import { REPO_ROOT } from './harness';

function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'wsbdd.js'), ...argv], { cwd, env: { ...process.env, WSBDD_REPORTS_DIR: join(cwd, 'reports') }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

test('a snippet uses {duration} for a number with a unit of time, once for the {int} and {float} variants', () => {
  const snippet = new WsbddSnippetSyntax('synchronous').build({
    comment: 'Write code here',
    functionName: 'When',
    generatedExpressions: [
      { source: '{string} waits {int} seconds', parameterNames: ['string', 'int'] },
      { source: '{string} waits {float} seconds', parameterNames: ['string', 'float'] },
    ],
    stepParameterNames: [],
  });
  assert.match(snippet, /^When\('\{string\} waits \{duration\}', function \(string, duration\) \{$/m);
  assert.equal(snippet.match(/waits \{duration\}/g)?.length, 1, snippet);
  assert.doesNotMatch(snippet, /\{int\}|\{float\}/);
});

test('a number that is not a duration stays a number', () => {
  const snippet = new WsbddSnippetSyntax('async-await').build({
    comment: 'c',
    functionName: 'Then',
    generatedExpressions: [{ source: '{string} gets {int} messages in {int} s', parameterNames: ['string', 'int', 'int2'] }],
    stepParameterNames: ['docString'],
  });
  assert.match(snippet, /Then\('\{string\} gets \{int\} messages in \{duration\}', async function \(string, int, duration, docString\) \{/);
});

test('an undefined step: the closest phrases of the library, and a snippet with {duration}', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsbdd-undefined-step-'));
  try {
    mkdirSync(join(dir, 'features'));
    writeFileSync(
      join(dir, 'features', 'typos.feature'),
      'Feature: typos\n  Scenario: misremembered phrases\n    Given "alice" is connected\n    When "alice" waits 3 seconds\n    Then "alice" shuold receive "x" within 2 seconds\n',
    );
    const result = await run([], dir);
    assert.equal(result.code, 1, result.stderr);
    const pause = /\? When "alice" waits 3 seconds\n\s+Undefined[^\n]*\n\n\s+\/\/ Did you mean[^\n]*\n\s+\/\/\s+When \{duration\} pass\(es\)\n\s+\/\/\s+e\.g\. When 500 ms pass/;
    assert.match(result.stdout, pause);
    assert.match(result.stdout, /When\('\{string\} waits \{duration\}', function \(string, duration\)/);
    assert.match(result.stdout, /\? Then "alice" shuold receive "x" within 2 seconds\n\s+Undefined[^\n]*\n\n[^\n]*Did you mean[^\n]*\n\s+\/\/\s+Then \{string\} should receive \{string\} \[within \{duration\}\]\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad --tags expression: what is wrong with it, exit 2, no stack', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsbdd-bad-tags-'));
  try {
    mkdirSync(join(dir, 'features'));
    writeFileSync(join(dir, 'features', 'one.feature'), 'Feature: one\n  Scenario: s\n    Given "a" is connected\n');
    const result = await run(['--tags', '@smoke and'], dir);
    assert.equal(result.code, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1, `one line, no stack:\n${result.stderr}`);
    assert.match(result.stderr, /^wsbdd: bad tag expression "@smoke and": syntax error: Expected operand\. Tags combine with and, or, not/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
