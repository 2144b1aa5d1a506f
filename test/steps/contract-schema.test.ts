import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acyclicSchema } from '../../src/contract/acyclic';
import { ContractDocumentError, parseContractDocument } from '../../src/contract/document';
import { checkSchema, describeSchemaErrors } from '../../src/contract/json-schema';

test('a schema is read in the dialect its $schema names: draft 7 by default, 2019-09 and 2020-12 by name', () => {
  // prefixItems is a 2020-12 keyword: draft 7 ignores it, 2020-12 checks the first item against it.
  const tuple = { prefixItems: [{ type: 'string' }] };
  assert.equal(checkSchema(tuple, [1]).ok, true);
  assert.equal(checkSchema({ ...tuple, $schema: 'https://json-schema.org/draft/2020-12/schema' }, [1]).ok, false);
  // dependentRequired came with 2019-09.
  const dependent = { type: 'object', dependentRequired: { card: ['cvc'] } };
  assert.equal(checkSchema(dependent, { card: '4111' }).ok, true);
  assert.equal(checkSchema({ ...dependent, $schema: 'https://json-schema.org/draft/2019-09/schema' }, { card: '4111' }).ok, false);
  // Draft 7 however its URI is spelt (https, no '#'), and draft 6.
  for (const uri of ['http://json-schema.org/draft-07/schema#', 'https://json-schema.org/draft-07/schema', 'http://json-schema.org/draft-06/schema#']) {
    assert.deepEqual(checkSchema({ $schema: uri, type: 'string' }, 1).errors, [{ pointer: '', message: 'must be string' }], uri);
  }
  assert.throws(() => checkSchema({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'string' }, 1), /is no dialect wsbdd validates/);
});

test('formats are checked, and each error has the JSON pointer of the value that broke it', () => {
  const schema = { type: 'object', properties: { at: { type: 'string', format: 'date-time' }, items: { type: 'array', items: { type: 'object', required: ['price'] } } } };
  const check = checkSchema(schema, { at: 'yesterday', items: [{ price: 1 }, {}] });
  assert.equal(check.ok, false);
  assert.equal(describeSchemaErrors(check.errors, ''), `- at /at: must match format "date-time"\n- at /items/1: must have required property 'price'`);
});

test('a schema that contains itself becomes one with a $ref back to where it sits', () => {
  const node: Record<string, unknown> = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };
  (node.properties as Record<string, unknown>)['child/of'] = node;
  const plain = acyclicSchema(node);
  assert.deepEqual(JSON.parse(JSON.stringify(plain)), {
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string' }, 'child/of': { $ref: '#' } },
  });
  assert.deepEqual(checkSchema(plain, { name: 'a', 'child/of': { name: 'b', 'child/of': { name: 3 } } }).errors, [
    { pointer: '/child~1of/child~1of/name', message: 'must be string' },
  ]);
});

const DOCUMENT = (payload: string) => `asyncapi: 3.0.0
info: { title: T, version: '1' }
channels:
  c:
    address: /c
    messages:
      m:
        payload: ${payload}
operations:
  o:
    action: send
    channel: { $ref: '#/channels/c' }
`;

test('a document with a schema the validator cannot use is not valid: said when it is read, not when a frame goes unchecked', async () => {
  const document = await parseContractDocument(DOCUMENT('{ type: string, pattern: "^[a-z]+$" }'), 'good.yaml');
  assert.equal(document.operations[0]!.messages[0]!.key, 'm');
  await assert.rejects(parseContractDocument(DOCUMENT('{ type: string, pattern: "(" }'), 'bad.yaml'), (error: unknown) => {
    assert.ok(error instanceof ContractDocumentError);
    assert.match(error.message, /bad\.yaml is not valid:\n {2}the payload of message m cannot be used as a JSON Schema: Invalid regular expression/);
    return true;
  });
});
