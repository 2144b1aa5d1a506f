import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../steps/harness';

type Manifest = Record<string, unknown>;

const read = (file: string) => JSON.parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as Manifest;

// npm rewrites package-lock.json on `npm install` whenever the lock's copy of package.json's dependency
// fields differs from package.json; a fresh clone must install without changing a tracked file.
test('package-lock.json records the dependency fields of package.json as they are', () => {
  const manifest = read('package.json');
  const lock = read('package-lock.json') as { name?: string; version?: string; packages?: Record<string, Manifest> };
  const root = lock.packages?.[''];
  assert.ok(root, 'package-lock.json has a root package entry');
  assert.equal(lock.name, manifest.name);
  assert.equal(lock.version, manifest.version);
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'peerDependenciesMeta', 'optionalDependencies', 'bin', 'engines']) {
    assert.deepEqual(root[field], manifest[field], `package-lock.json's ${field} differs from package.json's: run npm install and commit the lock`);
  }
});
