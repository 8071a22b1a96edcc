// Helpers over the JSON Schemas embedded in contracts: walk subschemas, strip `x-` annotations,
// list the keywords used, and compile with ajv to prove a schema is usable.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { addFormats } from '../core/ajv-formats.ts';
import { escapePointer as esc } from './yaml-lines.ts';
import { isJsonObject as isObj, type JsonObject as Json } from '../core/json.ts';
import { errorMessage } from '../core/errors.ts';

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_ONE = ['additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'not', 'if', 'then', 'else',
  'unevaluatedProperties', 'unevaluatedItems', 'items'];
const SCHEMA_LISTS = ['prefixItems', 'allOf', 'anyOf', 'oneOf', 'items'];


/** Visit a schema and every subschema (objects only), with its JSON pointer relative to the root. */
function walkSchema(schema: unknown, visit: (s: Json, pointer: string) => void, pointer = ''): void {
  if (!isObj(schema)) return;
  visit(schema, pointer);
  for (const k of SCHEMA_MAPS) {
    const m = schema[k];
    if (isObj(m)) for (const [name, sub] of Object.entries(m)) walkSchema(sub, visit, `${pointer}/${k}/${esc(name)}`);
  }
  for (const k of SCHEMA_ONE) if (isObj(schema[k])) walkSchema(schema[k], visit, `${pointer}/${k}`);
  for (const k of SCHEMA_LISTS) {
    const l = schema[k];
    if (Array.isArray(l)) l.forEach((sub, i) => walkSchema(sub, visit, `${pointer}/${k}/${i}`));
  }
}

/** A deep copy without `x-` annotation keys (only in schema positions: a property named `x-foo` stays). */
export function stripAnnotations<T>(schema: T): T {
  if (!isObj(schema)) return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-')) continue;
    if (SCHEMA_MAPS.includes(k) && isObj(v)) out[k] = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, stripAnnotations(s)]));
    else if (SCHEMA_LISTS.includes(k) && Array.isArray(v)) out[k] = v.map((s) => stripAnnotations(s));
    else if (SCHEMA_ONE.includes(k) && isObj(v)) out[k] = stripAnnotations(v);
    else out[k] = v;
  }
  return out as T;
}

/** Every keyword used anywhere in the schema (for `onViolation` / `trigger.keyword` checks). */
export function keywordsUsed(schema: unknown): Set<string> {
  const used = new Set<string>();
  walkSchema(schema, (s) => { for (const k of Object.keys(s)) if (!k.startsWith('x-')) used.add(k); });
  return used;
}

let embeddedAjv: Ajv2020 | undefined;
/** The ajv instance embedded schemas compile with (draft 2020-12, strict, formats from ajv-formats). */
function embeddedSchemaAjv(): Ajv2020 {
  if (!embeddedAjv) {
    embeddedAjv = new Ajv2020({ strict: true, strictTypes: false, strictTuples: false, strictRequired: false, allErrors: true, addUsedSchema: false });
    addFormats(embeddedAjv);
  }
  return embeddedAjv;
}

/** Undefined when the schema compiles; else ajv's reason. */
const compileCache = new Map<string, string | undefined>();
export function compileProblem(schema: unknown): string | undefined {
  const stripped = stripAnnotations(schema);
  const key = JSON.stringify(stripped);
  if (compileCache.has(key)) return compileCache.get(key);
  let why: string | undefined;
  try {
    embeddedSchemaAjv().compile(stripped as Json);
  } catch (e) {
    why = errorMessage(e).split('\n')[0];
  }
  compileCache.set(key, why);
  return why;
}
