import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { expressionsOf, registeredGroups } from '../../src/world/registry';
import { stepGroups } from '../../src/world/steps';
import { renderCatalogText } from '../../src/world/catalog';
import { printSteps } from '../../src/cli/steps-command';
import { loadedDefinitions, REPO_ROOT } from './harness';

const definitions = loadedDefinitions;

const withoutKeyword = (example: string) => example.replace(/^(Given|When|Then|And|But)\s+/, '');

test('every example of the catalog matches exactly one step definition of the whole library', async () => {
  const defs = await definitions();
  const groups = registeredGroups();
  assert.ok(groups.length >= stepGroups.length);
  for (const spec of groups.flatMap((g) => g.steps)) {
    const matching = defs.filter((d) => d.expression.match(withoutKeyword(spec.example)) !== null);
    assert.equal(matching.length, 1, `"${spec.example}" matches ${matching.map((d) => String(d.pattern)).join(' | ') || 'nothing'}`);
    assert.ok(expressionsOf(spec).includes(String(matching[0]!.pattern)), `"${spec.example}" matches another phrase`);
  }
});

/** Step lines of every feature file under a directory. */
function stepLines(dir: string): string[] {
  const lines: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.feature')) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const match of text.matchAll(/^\s*(?:Given|When|Then|And|But|\*)\s+(.+?)\s*$/gm)) lines.push(match[1]!);
  }
  return lines;
}

test("features/self exercises every phrase of wsbdd's step library, with and without \"within\"", async () => {
  const defs = await definitions();
  const used = new Set<string>();
  for (const line of stepLines(join(REPO_ROOT, 'features', 'self'))) {
    for (const def of defs) if (def.expression.match(line) !== null) used.add(String(def.pattern));
  }
  const missing = stepGroups.flatMap((g) => g.steps.flatMap((s) => expressionsOf(s))).filter((e) => !used.has(e));
  assert.deepEqual(missing, [], `phrases not used in features/self: ${missing.join(' | ')}`);
});

test('every step line of features/ matches exactly one definition', async () => {
  const defs = await definitions();
  for (const dir of ['self', 'examples']) {
    for (const line of stepLines(join(REPO_ROOT, 'features', dir))) {
      const count = defs.filter((d) => d.expression.match(line) !== null).length;
      assert.equal(count, 1, `features/${dir}: "${line}" matches ${count} definitions`);
    }
  }
});

test('docs/steps.md is the generated catalog (regenerate: node bin/wsbdd.js steps --markdown > docs/steps.md)', async () => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const code = await printSteps(['--markdown'], { stdout: out, stderr: out, cwd: REPO_ROOT, env: process.env });
  assert.equal(code, 0);
  const generated = Buffer.concat(chunks).toString('utf8');
  assert.match(generated, /^# wsbdd step catalog/);
  const committed = readFileSync(join(REPO_ROOT, 'docs', 'steps.md'), 'utf8');
  assert.ok(committed === generated, 'docs/steps.md is stale: run node bin/wsbdd.js steps --markdown > docs/steps.md');
});

test('the text catalog lists every phrase with its example', () => {
  const text = renderCatalogText(stepGroups);
  for (const spec of stepGroups.flatMap((g) => g.steps)) {
    assert.ok(text.includes(`e.g. ${spec.example}`), spec.example);
  }
  assert.match(text, /Given \{string\} sends the headers:/);
  assert.match(text, /Then \{string\} should receive \{string\} \[within \{duration\}\]/);
});
