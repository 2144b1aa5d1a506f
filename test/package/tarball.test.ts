import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MUST_SHIP, npmEnv, REPO_ROOT, run, unwanted } from './package-files';

interface Packed {
  entryCount: number;
  files: Array<{ path: string }>;
}

test('npm pack ships the compiled library, its steps, the pack and examples, docs; no tests, benches or sources', async () => {
  // Scripts stay off: dist/ is built by the test run, and a prepare here would rebuild it under the tests.
  const packed = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], REPO_ROOT, 60_000, npmEnv());
  assert.equal(packed.code, 0, packed.stderr);
  const [pack] = JSON.parse(packed.stdout) as Packed[];
  const paths = pack!.files.map((file) => file.path);
  for (const path of MUST_SHIP) assert.ok(paths.includes(path), `${path} is in the package`);
  const wrong = paths.map((path) => [path, unwanted(path)]).filter(([, why]) => why !== undefined);
  assert.deepEqual(wrong, [], 'nothing that is not for users');
});
