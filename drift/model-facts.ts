// One vocabulary for what a vendor SDK model states about an operation and what a contract (the
// page's claims) states about it, so that every vendor's model, read from an installed package or
// from a committed snapshot, is compared the same way (compare-facts.ts).
import type { Contract, ContractParam } from '../core/types.ts';
import { isJsonObject, isOneOf, type JsonObject } from '../core/json.ts';

export const LIMIT_KEYWORDS = ['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const;
export type LimitKeyword = (typeof LIMIT_KEYWORDS)[number];
export const FIELD_TYPES = ['string', 'number', 'boolean', 'array', 'object', 'any'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export type EnumValue = string | number | boolean;

/** What one side states about a parameter or response field. An absent fact is silence, never "no". */
export interface FieldFacts {
  type: FieldType;
  /** Absent: the source does not say (response fields of most models, fields without remarks). */
  required?: boolean;
  limits?: Partial<Record<LimitKeyword, number>>;
  enum?: EnumValue[];
  /** Absent: the source cannot say (a model without remarks); false: it could have said, and did not. */
  deprecated?: boolean;
  /** Parameter location (`query`, `path`, ...), where the source gives it. */
  in?: string;
  items?: FieldFacts;
  fields?: Record<string, FieldFacts>;
  /** Contract side: the page line. */
  line?: number;
  /** Model side: where the model states it (`path:line`). */
  at?: string;
}

/** A vendor SDK model of one operation, from an installed package or a committed snapshot. */
export interface OperationModel {
  operation: string;
  /** What was read: `package@version path` or `owner/repo@commit path`. */
  source: string;
  http?: { method: string; path: string; at?: string };
  /** Parameters the SDK client fills itself (Action, Version, project_id): name -> why. */
  clientFilled?: Record<string, string>;
  request: Record<string, FieldFacts>;
  /** Top-level response fields; an empty record is a model with no body. */
  response: Record<string, FieldFacts>;
  /** What is compared and what the model never states, said plainly (`no limits, enums or deprecation`). */
  scope: string;
}

/** The contract side: the page's claims, as the loader reads them under `expect: page`. */
export interface ContractFacts {
  http?: { method: string; path: string };
  request: Record<string, FieldFacts>;
  /** Null when the page gives no body on success. */
  response: Record<string, FieldFacts> | null;
}

const typeOf = (t: unknown): FieldType => (t === 'integer' ? 'number' : isOneOf(FIELD_TYPES, t) ? t : 'any');

/** JSON Schema (a contract's) -> facts. `required` is set by the caller (param row, parent's list). */
export function factsOfSchema(s: unknown, line?: number): FieldFacts {
  const o: JsonObject = isJsonObject(s) ? s : {};
  const out: FieldFacts = { type: typeOf(o.type) };
  const limits: FieldFacts['limits'] = {};
  for (const k of LIMIT_KEYWORDS) if (typeof o[k] === 'number') limits[k] = o[k];
  if (Object.keys(limits).length) out.limits = limits;
  if (Array.isArray(o.enum)) out.enum = o.enum as EnumValue[];
  else if (o.const !== undefined) out.enum = [o.const as EnumValue];
  if (o.deprecated === true) out.deprecated = true;
  if (out.type === 'array') out.items = factsOfSchema(o.items);
  if (out.type === 'object' && isJsonObject(o.properties)) {
    const required = new Set(Array.isArray(o.required) ? o.required : []);
    out.fields = {};
    for (const [name, v] of Object.entries(o.properties)) {
      const f = factsOfSchema(v, isJsonObject(v) && typeof v['x-line'] === 'number' ? v['x-line'] : undefined);
      out.fields[name] = { ...f, required: required.has(name) };
    }
  }
  if (line !== undefined) out.line = line;
  return out;
}

const paramFacts = (p: ContractParam): FieldFacts => ({ ...factsOfSchema(p.schema, p.line), required: p.required, in: p.in });

/** The page's claims of one contract (profile parameters apart: no page states them). */
export function contractFacts(c: Contract): ContractFacts {
  const response = c.response.schema ? factsOfSchema(c.response.schema).fields ?? {} : null;
  return {
    ...(c.http ? { http: c.http } : {}),
    request: Object.fromEntries(c.request.parameters.filter((p) => !p.fromProfile).map((p) => [p.name, paramFacts(p)])),
    response,
  };
}

/** `string`, `array of string`, `array of object`. */
export const typeName = (f: FieldFacts): string => (f.type === 'array' && f.items ? `array of ${typeName(f.items)}` : f.type);
