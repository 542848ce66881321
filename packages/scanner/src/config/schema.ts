/**
 * The JSON schema of keyless.config.json (shipped in `schema/`, used for editor completion) and
 * its validation with ajv, with errors rewritten as one line naming the offending key.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { redactSecret } from '../finding/redact.js';

/** Location of the shipped schema file (`packages/scanner/schema/keyless.config.schema.json`). */
export const CONFIG_SCHEMA_URL = new URL('../../../schema/keyless.config.schema.json', import.meta.url);

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_URL, 'utf8')) as object;
    // ajv is loaded only when there is a config to validate (it costs ~100 ms of start-up).
    const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
    compiled = new Ajv({ allErrors: false, strict: true }).compile(schema);
  }
  return compiled;
}

/**
 * A key as shown in an error: verbatim when it looks like a config key (letters), a rule id
 * (kebab-case) or an index; else redacted, since a value pasted in the wrong place may be a secret.
 */
function shownKey(key: string): string {
  return key === '' || /^(?:[a-z][A-Za-z]{0,39}|[a-z0-9]+(?:-[a-z0-9]+)+|\d+)$/.test(key) ? key : redactSecret(key);
}

function shownPointer(pointer: string): string {
  return pointer.split('/').map(shownKey).join('/');
}

/** One ajv error as "<json pointer> <what is wrong>", naming the key. */
export function describeSchemaError(e: ErrorObject): string {
  const at = shownPointer(e.instancePath) || '/';
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'enum':
      return `${at} must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'additionalProperties':
      return `${shownPointer(e.instancePath)}/${shownKey(String(params['additionalProperty']))} is not a known key`;
    case 'required':
      return `${at} is missing the required key '${String(params['missingProperty'])}'`;
    default:
      return `${at} ${e.message ?? 'is invalid'}`;
  }
}

/** Undefined when `value` matches the schema, else a one-line description of the first problem. */
export function schemaProblem(value: unknown): string | undefined {
  const validate = validator();
  if (validate(value)) return undefined;
  const first = validate.errors?.[0];
  return first ? describeSchemaError(first) : 'does not match the schema';
}
