// Parameter validation driven by the contracts: required, type coercion from wire strings,
// JSON Schema constraints (each schema compiled once with ajv), flat lists `.N`, dependencies.
// A violation answers `onViolation[keyword]` (else `*`), else the profile's role.
import { isJsonObject } from '../../core/json.ts';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { addFormats } from '../../core/ajv-formats.ts';
import { stripAnnotations } from '../../loader/json-schema.ts';
import type { Contract, ContractDependency, ContractParam, ProtocolProfile } from '../../core/types.ts';
import { errorFor, pickRef, roleError, type OpError } from './errors.ts';
import { strictBooleans } from './findings.ts';


/** Params routing handles (never validated as values here). */
const ROUTED = new Set(['Action', 'Version']);

export type Values = Record<string, unknown>;
export type Validation = { ok: true; values: Values } | { ok: false; error: OpError };

interface Compiled { param: ContractParam; check: ValidateFunction }

class Violation {
  constructor(readonly param: Pick<ContractParam, 'name' | 'onViolation'>, readonly keyword: string, readonly override?: OpError) {}
}

export class ParamValidator {
  private readonly compiled: Compiled[];
  /** The profile spells booleans exactly true / false (read once: validate runs per request). */
  private readonly strict: boolean;

  constructor(readonly contract: Contract, readonly profile: ProtocolProfile | undefined, ajv: Ajv2020) {
    this.strict = strictBooleans(profile);
    this.compiled = contract.request.parameters
      .filter((p) => !ROUTED.has(p.name) && p.in !== 'header')
      .map((param) => ({ param, check: ajv.compile(withoutDefault(stripAnnotations(param.schema))) }));
  }

  validate(wire: Record<string, string>, pathParams: Record<string, string> = {}): Validation {
    const values: Values = {};
    const given = new Set<string>();
    try {
      for (const { param, check } of this.compiled) {
        const raw = param.in === 'path' ? rawPath(param, pathParams) : param.style === 'flat-list' ? rawList(param, wire) : wire[param.name];
        if (raw === undefined) {
          if (param.required) throw new Violation(param, 'required');
          const dflt = param.default ?? param.schema.default;
          if (dflt !== undefined) values[param.name] = dflt;
          continue;
        }
        given.add(param.name);
        const value = coerce(param, raw, this.strict);
        if (!check(value)) throw new Violation(param, check.errors?.[0]?.keyword ?? 'type');
        values[param.name] = value;
      }
      for (const dep of this.contract.request.dependencies ?? []) this.dependency(dep, values, given);
    } catch (err) {
      if (!(err instanceof Violation)) throw err;
      const error = err.override ?? this.violationError(err.param, err.keyword);
      if (error) return { ok: false, error };
      return this.validateIgnoring(wire, pathParams, err.param.name);
    }
    return { ok: true, values };
  }

  /** A violation whose first acceptable answer is success: drop that param and go on. */
  private validateIgnoring(wire: Record<string, string>, pathParams: Record<string, string>, name: string): Validation {
    const rest = Object.fromEntries(Object.entries(wire).filter(([k]) => k !== name && !k.startsWith(`${name}.`)));
    if (Object.keys(rest).length === Object.keys(wire).length) return { ok: true, values: {} };
    return this.validate(rest, pathParams);
  }

  private violationError(param: Pick<ContractParam, 'name' | 'onViolation'>, keyword: string): OpError | undefined {
    const on = param.onViolation ?? {};
    const ref = on[keyword] ?? on['*'];
    if (ref) {
      const picked = pickRef(ref);
      if (!picked) return undefined;
      const e = errorFor(this.contract, this.profile, picked, param.name); // a fresh object: ours to complete
      e.about = `param:${param.name}.${keyword}`;
      return e;
    }
    return roleError(this.profile, keyword === 'required' ? 'missing-parameter' : 'invalid-parameter', param.name);
  }

  private dependency(dep: ContractDependency, values: Values, given: Set<string>): void {
    const present = dep.params.filter((p) => given.has(p));
    const when = Object.entries(dep.when ?? {}).every(([k, v]) => values[k] === v);
    if (dep.kind === 'only-effective-when') {
      if (!when) for (const p of dep.params) if (!(p in (dep.when ?? {}))) delete values[p];
      return;
    }
    let broken = false;
    if (dep.kind === 'mutually-exclusive') broken = present.length > 1;
    if (dep.kind === 'at-least-one') broken = present.length === 0;
    if (dep.kind === 'required-when') broken = when && dep.params.some((p) => !(p in (dep.when ?? {})) && !given.has(p));
    if (!broken) return;
    const picked = pickRef(dep.error);
    const param = this.contract.request.parameters.find((p) => p.name === dep.params[0]);
    const role = dep.kind === 'mutually-exclusive' ? 'invalid-parameter' : 'missing-parameter';
    if (dep.error && !picked) return;
    const error = picked ? errorFor(this.contract, this.profile, picked, dep.params[0]) : roleError(this.profile, role, dep.params[0]);
    throw new Violation(param ?? { name: dep.params[0] ?? dep.id }, `dependency:${dep.id}`, error);
  }
}

function withoutDefault(schema: Record<string, unknown>): Record<string, unknown> {
  const { default: _d, examples: _e, ...rest } = schema;
  return rest;
}

function rawPath(param: ContractParam, pathParams: Record<string, string>): string | undefined {
  const v = pathParams[param.name];
  return v === undefined || v === '' ? undefined : v;
}

/**
 * `Name.1..N` -> array ordered by N; an index past maxItems counts as an extra item. A list of
 * structs (items of type object) reads `Name.N.Field` into `{ Field: value }` items (`Tag.1.Key`).
 */
function rawList(param: ContractParam, wire: Record<string, string>): (string | Record<string, string>)[] | { bad: true } | undefined {
  const prefix = `${param.name}.`;
  const structs = itemTypeOf(param) === 'object';
  const items: [number, string | Record<string, string>][] = [];
  const byIndex = new Map<number, Record<string, string>>();
  let bad = false;
  for (const k in wire) {
    const v = wire[k]!;
    if (k === param.name) { items.push([0, v]); continue; }
    if (!k.startsWith(prefix)) continue;
    const [n = '', field, ...rest] = k.slice(prefix.length).split('.');
    if (!/^[1-9]\d{0,5}$/.test(n) || (structs ? !field || rest.length > 0 : field !== undefined)) { bad = true; continue; }
    if (!structs) { items.push([Number(n), v]); continue; }
    const item = byIndex.get(Number(n)) ?? {};
    if (!byIndex.has(Number(n))) { byIndex.set(Number(n), item); items.push([Number(n), item]); }
    item[field!] = v;
  }
  if (items.length === 0) return bad ? ({ bad: true } as const) : undefined;
  if (bad) return { bad: true };
  items.sort((a, b) => a[0] - b[0]);
  const max = typeof param.schema.maxItems === 'number' ? param.schema.maxItems : undefined;
  const list = items.map(([, v]) => v);
  const top = items[items.length - 1]![0];
  if (max !== undefined && top > max && list.length <= max) while (list.length <= max) list.push(list[list.length - 1]!);
  return list;
}

class TypeViolation extends Error {}

function coerceScalar(type: unknown, raw: string, strict = false): unknown {
  switch (type) {
    case 'boolean':
      // Alibaba's profile spells booleans `true` / `false`: `True` is refused there, not guessed.
      if (strict ? raw === 'true' : /^true$/i.test(raw)) return true;
      if (strict ? raw === 'false' : /^false$/i.test(raw)) return false;
      throw new TypeViolation();
    case 'integer':
      if (!/^[+-]?\d{1,15}$/.test(raw)) throw new TypeViolation();
      return Number(raw);
    case 'number': {
      if (raw.trim() === '' || !Number.isFinite(Number(raw))) throw new TypeViolation();
      return Number(raw);
    }
    default:
      return raw;
  }
}

/** The `type` of a list parameter's items (undefined: not a list, or items untyped). */
function itemTypeOf(param: ContractParam): unknown {
  const items = param.schema.items;
  return isJsonObject(items) ? items.type : undefined;
}

function coerce(param: ContractParam, raw: string | (string | Record<string, string>)[] | { bad: true }, strict: boolean): unknown {
  const schema = param.schema;
  const itemType = itemTypeOf(param);
  try {
    if (typeof raw === 'object' && !Array.isArray(raw)) throw new TypeViolation();
    if (Array.isArray(raw)) return raw.map((r) => (typeof r === 'object' ? r : coerceScalar(itemType, r, strict)));
    if (schema.type === 'array') return [coerceScalar(itemType, raw, strict)];
    return coerceScalar(schema.type, raw, strict);
  } catch (err) {
    if (err instanceof TypeViolation) throw new Violation(param, 'type');
    throw err;
  }
}

export function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  return ajv;
}
