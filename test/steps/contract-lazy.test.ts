import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

// ajv and @asyncapi/parser cost start-up time (the parser alone loads hundreds of modules): wsbdd loads
// them only when a run checks a schema or reads a document.
const heavy = () => Object.keys(require.cache).filter((path) => /node_modules[\\/](ajv|ajv-formats|@asyncapi|@stoplight)[\\/]/.test(path));

test('the contract code loads neither ajv nor the AsyncAPI parser until a schema or document is used', async () => {
  const src = join(__dirname, '..', '..', 'src');
  for (const file of ['world/steps/contract', 'world/contract-hooks', 'world/contract-actions', 'world/contract', 'cli/contract-check', 'cli/run']) {
    require(join(src, file));
  }
  assert.deepEqual(heavy(), []);
  const { checkSchema } = await import('../../src/contract/json-schema');
  assert.equal(checkSchema({ type: 'string' }, 1).ok, false);
  assert.ok(heavy().some((path) => /[\\/]ajv[\\/]/.test(path)), 'ajv loads on the first schema');
  assert.ok(!heavy().some((path) => /@asyncapi/.test(path)), 'the parser still waits for a document');
});
