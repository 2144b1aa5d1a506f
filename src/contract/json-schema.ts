import { UserPattern } from '../patterns';
import type { ErrorObject, ValidateFunction } from 'ajv';

/** One way a value breaks a schema: where (a JSON pointer into the value) and why. */
export interface SchemaError {
  pointer: string;
  message: string;
}

export interface SchemaCheck {
  ok: boolean;
  errors: SchemaError[];
}

type AjvInstance = { compile(schema: object): ValidateFunction; addMetaSchema(schema: object): unknown };
type Dialect = '7' | '2019' | '2020';

/**
 * How a value is read. 'json': as it is. 'text': it came as text (a URL's path or query, a header), so a
 * number or boolean written as text counts as one: `/users/{id}` with an integer id takes "/users/42".
 */
export type ValueSource = 'json' | 'text';

/** ajv's hook for the engine of schema patterns; `code` names it in generated standalone code, which is not used. */
const userRegExp = Object.assign((source: string, flags: string) => new UserPattern(source, flags), { code: 'new UserPattern' });

// ajv and its formats take a noticeable part of start-up: they load on the first schema a run checks.
const instances = new Map<string, AjvInstance>();

function newAjv(dialect: Dialect, source: ValueSource): AjvInstance {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const Ajv = dialect === '2020' ? require('ajv/dist/2020').default : dialect === '2019' ? require('ajv/dist/2019').default : require('ajv').default;
  const addFormats = require('ajv-formats').default;
  // Not strict: AsyncAPI schemas carry keywords of their own (discriminator, examples, x-parser-*).
  // A schema's "pattern" is a user regular expression run on what a server sent: it gets a time limit too.
  const ajv: AjvInstance = new Ajv({ allErrors: true, strict: false, validateFormats: true, coerceTypes: source === 'text', code: { regExp: userRegExp } });
  addFormats(ajv);
  // Draft 6 is draft 7 without if/then/else and a few annotations: the draft-7 validator reads it.
  if (dialect === '7') ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  return ajv;
}

/**
 * The validator for the dialect a schema's $schema names (draft 7 when it names none), and the schema as
 * that validator knows its dialect: ajv knows each meta-schema by one URI only, http and with '#' for
 * drafts 6 and 7, while schemas in the wild write https or leave the '#' off.
 */
function dialectOf(schema: object, source: ValueSource): { ajv: AjvInstance; schema: object } {
  const named = (schema as { $schema?: unknown }).$schema;
  let dialect: Dialect = '7';
  let canonical: string | undefined;
  if (typeof named === 'string') {
    const draft = /^https?:\/\/json-schema\.org\/(?:draft-0([67])\/schema#?|draft\/(2019-09|2020-12)\/schema)$/.exec(named);
    if (!draft) throw new Error(`its $schema ${JSON.stringify(named)} is no dialect wsbdd validates (draft 6, draft 7, 2019-09, 2020-12)`);
    if (draft[1]) canonical = `http://json-schema.org/draft-0${draft[1]}/schema#`;
    else {
      dialect = draft[2] === '2019-09' ? '2019' : '2020';
      canonical = `https://json-schema.org/draft/${draft[2]}/schema`;
    }
  }
  let ajv = instances.get(`${dialect} ${source}`);
  if (!ajv) instances.set(`${dialect} ${source}`, (ajv = newAjv(dialect, source)));
  return { ajv, schema: canonical !== undefined && canonical !== named ? { ...schema, $schema: canonical } : schema };
}

const compiled: Record<ValueSource, WeakMap<object, ValidateFunction>> = { json: new WeakMap(), text: new WeakMap() };

/** Compile a schema once (per object and source); a schema ajv cannot compile is a bad argument of the caller. */
export function compileSchema(schema: object, source: ValueSource = 'json'): ValidateFunction {
  let validate = compiled[source].get(schema);
  if (!validate) {
    const dialect = dialectOf(schema, source);
    validate = dialect.ajv.compile(dialect.schema);
    compiled[source].set(schema, validate);
  }
  return validate;
}

export function checkSchema(schema: object, value: unknown, source: ValueSource = 'json'): SchemaCheck {
  const validate = compileSchema(schema, source);
  if (validate(value)) return { ok: true, errors: [] };
  return { ok: false, errors: (validate.errors ?? []).map(toSchemaError) };
}

function toSchemaError(error: ErrorObject): SchemaError {
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? error.keyword;
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') message += ` ("${params.additionalProperty}")`;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) message += ` ${JSON.stringify(params.allowedValues)}`;
  if (error.keyword === 'const' && 'allowedValue' in params) message += ` ${JSON.stringify(params.allowedValue)}`;
  return { pointer: error.instancePath, message };
}

/** "at /items/0/price: must be number", with the root shown as such. */
export function describeSchemaError(error: SchemaError): string {
  return `at ${error.pointer === '' ? '(root)' : error.pointer}: ${error.message}`;
}

export function describeSchemaErrors(errors: SchemaError[], indent = '    '): string {
  return errors.map((e) => `${indent}- ${describeSchemaError(e)}`).join('\n');
}
