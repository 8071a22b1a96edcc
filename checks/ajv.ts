// One ajv per validation style, every schema compiled once (keyed by object identity, then by text).
import { Ajv, type ValidateFunction, type ErrorObject } from 'ajv';
import { addFormats } from '../core/ajv-formats.ts';
import { isJsonObject } from '../core/json.ts';

function make(coerce: boolean | 'array'): Ajv {
  const a = new Ajv({ strict: false, allErrors: true, coerceTypes: coerce, validateFormats: true });
  addFormats(a);
  return a;
}
const engines = { json: make(false), xml: make('array') };
const byObject = { json: new WeakMap<object, ValidateFunction>(), xml: new WeakMap<object, ValidateFunction>() };
const byText = { json: new Map<string, ValidateFunction>(), xml: new Map<string, ValidateFunction>() };

export function validator(schema: Record<string, unknown>, mode: 'json' | 'xml' = 'json'): ValidateFunction {
  let fn = byObject[mode].get(schema);
  if (fn) return fn;
  const text = JSON.stringify(schema);
  fn = byText[mode].get(text);
  if (!fn) { fn = engines[mode].compile(schema); byText[mode].set(text, fn); }
  byObject[mode].set(schema, fn);
  return fn;
}

export function describeErrors(errors: ErrorObject[] | null | undefined, max = 3): string {
  return (errors ?? []).slice(0, max).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`).join('; ');
}

/** XML cannot tell a one-item list from an object, nor an empty list from none: lift values to arrays where the schema says array. */
export function liftArrays(schema: Record<string, unknown> | undefined, data: unknown): unknown {
  if (!schema || data === undefined || data === null) return data;
  if (schema.type === 'array') {
    const list = Array.isArray(data) ? data : data === '' ? [] : [data];
    const items = isJsonObject(schema.items) ? schema.items : undefined;
    return list.map((x) => liftArrays(items, x));
  }
  // An element with no children (`<Widgets></Widgets>`, parsed as '') is an object whose lists are empty.
  const obj = data === '' && schema.type === 'object' ? {} : data;
  const props = schema.properties;
  if (isJsonObject(obj) && isJsonObject(props)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const p = props[k];
      out[k] = liftArrays(isJsonObject(p) ? p : undefined, v);
    }
    // A list is its repeated elements: none written means an empty list, not a missing one.
    for (const [k, p] of Object.entries(props)) if (isJsonObject(p) && p.type === 'array' && !(k in out)) out[k] = [];
    return out;
  }
  return data;
}

/** Validate; XML mode coerces a copy (XML leaves are strings, single list items are not arrays). */
export function validate(schema: Record<string, unknown>, data: unknown, mode: 'json' | 'xml' = 'json'): { ok: boolean; message?: string } {
  const fn = validator(schema, mode);
  const input = mode === 'xml' ? liftArrays(schema, data) : data;
  return fn(input) ? { ok: true } : { ok: false, message: describeErrors(fn.errors) };
}
