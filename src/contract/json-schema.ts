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

type AjvInstance = { compile(schema: object): ValidateFunction };

/** ajv's hook for the engine of schema patterns; `code` names it in generated standalone code, which is not used. */
const userRegExp = Object.assign((source: string, flags: string) => new UserPattern(source, flags), { code: 'new UserPattern' });

// ajv and its formats take a noticeable part of start-up: they load on the first schema a run checks.
let draft7: AjvInstance | undefined;
let draft2020: AjvInstance | undefined;

function newAjv(kind: '7' | '2020'): AjvInstance {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const Ajv = kind === '2020' ? require('ajv/dist/2020').default : require('ajv').default;
  const addFormats = require('ajv-formats').default;
  // Not strict: AsyncAPI schemas carry keywords of their own (discriminator, examples, x-parser-*).
  // A schema's "pattern" is a user regular expression run on what a server sent: it gets a time limit too.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true, code: { regExp: userRegExp } });
  addFormats(ajv);
  return ajv;
}

function ajvFor(schema: object): AjvInstance {
  const dialect = (schema as { $schema?: unknown }).$schema;
  if (typeof dialect === 'string' && /2020-12|2019-09/.test(dialect)) return (draft2020 ??= newAjv('2020'));
  return (draft7 ??= newAjv('7'));
}

const compiled = new WeakMap<object, ValidateFunction>();

/** Compile a schema once (per object); a schema ajv cannot compile is a bad argument of the caller. */
export function compileSchema(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajvFor(schema).compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

export function checkSchema(schema: object, value: unknown): SchemaCheck {
  const validate = compileSchema(schema);
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
