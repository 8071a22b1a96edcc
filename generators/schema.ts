// Param-value oracle: which JSON Schema keywords a wire value breaks. Values travel as strings, so
// validation coerces ("1.5" is a non-integer, "abc" not a boolean); each schema is compiled once.
import { Ajv, type ValidateFunction } from 'ajv';
import { addFormats } from '../core/ajv-formats.ts';

const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: true, validateFormats: true });
addFormats(ajv);

const byText = new Map<string, ValidateFunction>();
const byObject = new WeakMap<object, ValidateFunction>();

function compiled(schema: Record<string, unknown>): ValidateFunction {
  let fn = byObject.get(schema);
  if (fn) return fn;
  const key = JSON.stringify(schema);
  fn = byText.get(key);
  if (!fn) {
    fn = ajv.compile({ type: 'object', properties: { v: schema } });
    byText.set(key, fn);
  }
  byObject.set(schema, fn);
  return fn;
}

/** Keywords `value` violates (empty when valid); the top-level one of each error, deduplicated. */
export function violations(schema: Record<string, unknown>, value: unknown): string[] {
  const fn = compiled(schema);
  const copy = { v: Array.isArray(value) ? [...value] : value };
  if (fn(copy)) return [];
  const out: string[] = [];
  for (const e of fn.errors ?? []) {
    // errors inside array items keep their own keyword (items' pattern, minLength, ...)
    if (!out.includes(e.keyword)) out.push(e.keyword);
  }
  return out;
}

export const isValid = (schema: Record<string, unknown>, value: unknown): boolean => violations(schema, value).length === 0;
