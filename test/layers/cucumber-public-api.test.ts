import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT as ROOT } from '../repo-root';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(?:ts|js|cjs|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

// Cucumber's internals (lib/...) change between majors; its public API (the package, /api, @cucumber/*
// packages) is what lets wsbdd move to the next cucumber-js. No import, require or resolve of its insides.
test('wsbdd uses only cucumber\'s public API: nothing reaches into @cucumber/cucumber/lib', () => {
  const offending = ['src', 'steps', 'bin']
    .flatMap((dir) => files(join(ROOT, dir)))
    .filter((file) => /@cucumber\/cucumber\/lib\b/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(ROOT, file));
  assert.deepEqual(offending, []);
});

test('no .cjs shims', () => {
  const shims = ['src', 'steps', 'bin'].flatMap((dir) => files(join(ROOT, dir))).filter((file) => file.endsWith('.cjs'));
  assert.deepEqual(shims.map((file) => relative(ROOT, file)), []);
});
