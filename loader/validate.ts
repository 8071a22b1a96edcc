// Meta-schema validation of contract and profile files (compiled once), with ajv errors turned into
// readable reasons at the YAML line of the offending value.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { escapePointer, lineOf } from './yaml-lines.ts';
import type { Contract, ContractDependency, ContractErrorRow, ContractParam, ContractRule, DocumentedValue, ProtocolProfile } from '../core/types.ts';
import { type Added, type AddedField, type AddedItems, type AddedRule, type Ledger, type LedgerAdds } from '../core/evidence.ts';
import type { FlowFile } from './flows.ts';
import { isJsonObject } from '../core/json.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
export const CONTRACT_SCHEMA_FILE = resolve(HERE, '../contracts/contract.schema.json');
export const PROFILE_SCHEMA_FILE = resolve(HERE, '../contracts/profile.schema.json');
export const EVIDENCE_SCHEMA_FILE = resolve(HERE, '../contracts/evidence.schema.json');
export const FLOW_SCHEMA_FILE = resolve(HERE, '../contracts/flow.schema.json');

/** A problem before it gets a file: a reason at a line of the YAML. */
export interface Problem { line: number | undefined; reason: string }

/**
 * Each kind's validator, typed as the type its meta-schema describes: a passing value is that type.
 * The schemas and these types are held to agreement by test/architecture/schema-types.test.ts.
 */
interface Validators {
  contract: ValidateFunction<Contract>;
  profile: ValidateFunction<ProtocolProfile>;
  evidence: ValidateFunction<LedgerFile>;
  flow: ValidateFunction<FlowFile>;
  added: AddedChecks;
}

/** An item of a ledger's `adds` as the evidence meta-schema checks it: an object with its sources. */
type AddedStub = { sources: string[] } & Record<string, unknown>;
/**
 * A ledger as the evidence meta-schema checks it: what it adds is checked by `ledgerShape` against the
 * contract schema's own definitions (a parameter as `$defs/param`, ...), with `sources` set aside.
 */
type LedgerFile = Omit<Ledger, 'adds'> & { adds?: { [K in keyof AddedItems]?: AddedStub[] } };

/** A check of one added item (its sources set aside), with the errors of its last failure. */
interface AddedCheck<T> { check: (item: unknown) => item is T; errors: () => ErrorObject[] }
type AddedChecks = { [K in keyof AddedItems]: AddedCheck<AddedItems[K]> };

/** A value made on first use. */
const lazy = <T>(make: () => T): (() => T) => { let v: T | undefined; return () => (v ??= make()); };
const readSchema = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8'));

/** One ajv for every kind; the contract schema is registered first, as the profile and the ledgers' adds refer to it. */
const shared = lazy(() => {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, strictTypes: false, allowUnionTypes: true });
  const contract = readSchema(CONTRACT_SCHEMA_FILE);
  ajv.addSchema(contract);
  return { ajv, contract, contractId: String(contract.$id) };
});

/**
 * Each kind compiled when first needed: a run whose contracts come from the cache (loader/cache.ts)
 * validates only its flows, and compiling the contract schema for them cost ~150 ms of every start.
 */
const compiled: { [K in keyof Validators]: () => Validators[K] } = {
  contract: lazy(() => shared().ajv.compile<Contract>(shared().contract)),
  profile: lazy(() => shared().ajv.compile<ProtocolProfile>(readSchema(PROFILE_SCHEMA_FILE))),
  evidence: lazy(() => shared().ajv.compile<LedgerFile>(readSchema(EVIDENCE_SCHEMA_FILE))),
  flow: lazy(() => shared().ajv.compile<FlowFile>(readSchema(FLOW_SCHEMA_FILE))),
  added: lazy(() => addedChecks(shared().ajv, shared().contractId)),
};

export function validateShape(kind: 'contract' | 'profile' | 'evidence' | 'flow', data: unknown, lines: Record<string, number>): Problem[] {
  const validate = compiled[kind]();
  if (validate(data)) return [];
  return readableErrors(validate.errors ?? [], lines);
}

/** The value as its kind's type when it matches the meta-schema, else the problems at their lines. */
export type Shaped<T> = { value: T; problems?: undefined } | { value?: undefined; problems: Problem[] };
function shaped<T>(validate: ValidateFunction<T>, data: unknown, lines: Record<string, number>): Shaped<T> {
  return validate(data) ? { value: data } : { problems: readableErrors(validate.errors ?? [], lines) };
}
export const contractShape = (data: unknown, lines: Record<string, number>) => shaped(compiled.contract(), data, lines);
export const profileShape = (data: unknown, lines: Record<string, number>) => shaped(compiled.profile(), data, lines);

/** A ledger as its type: the meta-schema's checks, then each added item against the contract schema's definition of its kind. */
export function ledgerShape(data: unknown, lines: Record<string, number>): Shaped<Ledger> {
  const file = shaped(compiled.evidence(), data, lines);
  if (file.problems) return file;
  const { adds, ...rest } = file.value;
  if (!adds) return { value: rest };
  const typed: LedgerAdds = {};
  const problems: Problem[] = [];
  const items = <K extends keyof AddedItems>(kind: K) => addedItems(kind, adds[kind] ?? [], problems, lines);
  // in the file's order
  for (const kind of Object.keys(adds)) {
    switch (kind) {
      case 'parameters': typed.parameters = items(kind); break;
      case 'errors': typed.errors = items(kind); break;
      case 'fields': typed.fields = items(kind); break;
      case 'rules': typed.rules = items(kind); break;
      case 'dependencies': typed.dependencies = items(kind); break;
      case 'values': typed.values = items(kind); break;
      default: break;
    }
  }
  return problems.length ? { problems } : { value: { ...file.value, adds: typed } };
}

function addedItems<K extends keyof AddedItems>(kind: K, list: AddedStub[], problems: Problem[], lines: Record<string, number>): Added<AddedItems[K]>[] {
  const check: AddedCheck<AddedItems[K]> = compiled.added()[kind];
  const out: Added<AddedItems[K]>[] = [];
  list.forEach((item, i) => {
    if (isAdded(check, item)) out.push(item);
    else problems.push(...readableErrors(check.errors().map((e) => ({ ...e, instancePath: `/adds/${kind}/${i}${e.instancePath}` })), lines));
  });
  return out;
}

/** The item, its sources set aside, is what its kind's check accepts. */
function isAdded<T>(check: AddedCheck<T>, item: AddedStub): item is AddedStub & T {
  const { sources: _sources, ...part } = item;
  return check.check(part);
}

/** Each kind of added item checked by the contract schema's own definition of that part of a contract. */
function addedChecks(ajv: Ajv2020, contractId: string): AddedChecks {
  const def = <T>(name: string): AddedCheck<T> => {
    const validate = ajv.compile<T>({ $ref: `${contractId}#/$defs/${name}` });
    return { check: (x): x is T => validate(x), errors: () => validate.errors ?? [] };
  };
  const rule = def<ContractRule>('rule');
  // a response field: its path, and a JSON Schema object (as a contract's response schema)
  const field = ajv.compile<AddedField>({
    type: 'object', additionalProperties: false, required: ['path', 'schema'],
    properties: { path: { type: 'string', minLength: 1 }, schema: { type: 'object', $ref: `${contractId}#/$defs/jsonSchema` } },
  });
  return {
    parameters: def<ContractParam>('param'),
    errors: def<ContractErrorRow>('errorRow'),
    dependencies: def<ContractDependency>('dependency'),
    values: def<DocumentedValue>('documentedValue'),
    // a rule added without scenarios has none
    rules: { check: (x): x is AddedRule => isJsonObject(x) && rule.check({ scenarios: [], ...x }), errors: rule.errors },
    fields: { check: (x): x is AddedField => field(x), errors: () => field.errors ?? [] },
  };
}
export const flowShape = (data: unknown, lines: Record<string, number>) => shaped(compiled.flow(), data, lines);

/** A JSON pointer as problems print it: `request/parameters/0`, or `(top level)`. */
export const pointerLabel = (pointer: string) => pointer.slice(1) || '(top level)';
const list = (v: unknown) => (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ');

/** Prune ajv's combinator noise, then phrase each remaining error with its line. */
function readableErrors(errors: ErrorObject[], lines: Record<string, number>): Problem[] {
  let errs = errors.filter((e) => e.keyword !== 'if');
  const dropped = new Set<ErrorObject>();
  // what an anyOf/oneOf of plain alternatives wants, phrased once its children are dropped
  const wantsOf = new Map<ErrorObject, string[]>();
  for (const e of errs) {
    if (e.keyword === 'propertyNames') {
      for (const c of errs) if (c !== e && c.schemaPath.startsWith(`${e.schemaPath}/`)) dropped.add(c);
    }
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      const children = errs.filter((c) => c !== e && c.schemaPath.startsWith(`${e.schemaPath}/`));
      const shallow = (c: ErrorObject) => c.instancePath === e.instancePath && ['type', 'enum', 'const'].includes(c.keyword);
      const deep = children.filter((c) => !shallow(c));
      if (deep.length > 0) {
        dropped.add(e);
        children.filter(shallow).forEach((c) => dropped.add(c));
      } else {
        children.forEach((c) => dropped.add(c));
        const wants = children.map((c) => c.keyword === 'type' ? `of type ${list(c.params.type)}` : c.keyword === 'enum' ? `one of ${list(c.params.allowedValues)}` : `${list(c.params.allowedValue)}`);
        wantsOf.set(e, [...new Set(wants)]);
      }
    }
  }
  errs = errs.filter((e) => !dropped.has(e));
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const e of errs) {
    let pointer = e.instancePath;
    let msg = e.message ?? e.keyword;
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String(e.params.additionalProperty);
        pointer = `${e.instancePath}/${escapePointer(key)}`;
        const allowed = isJsonObject(e.parentSchema) && isJsonObject(e.parentSchema.properties) ? Object.keys(e.parentSchema.properties) : [];
        msg = `unknown key '${key}'${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`;
        break;
      }
      case 'propertyNames': {
        const key = String(e.params.propertyName);
        pointer = `${e.instancePath}/${escapePointer(key)}`;
        msg = JSON.stringify(e.schema ?? '').includes('^x-')
          ? `unknown JSON Schema keyword '${key}' (annotations must start with x-)`
          : `invalid key '${key}'`;
        break;
      }
      case 'enum': msg = `must be one of ${list(e.params.allowedValues)} (got ${JSON.stringify(e.data)})`; break;
      case 'const': msg = `must be ${JSON.stringify(e.params.allowedValue)}`; break;
      case 'false schema': msg = 'is not allowed here'; break;
      case 'type': msg = `must be ${list(e.params.type)} (got ${e.data === null ? 'null' : Array.isArray(e.data) ? 'array' : typeof e.data})`; break;
      case 'pattern': msg = `must match ${e.params.pattern} (got ${JSON.stringify(e.data)})`; break;
      case 'anyOf': case 'oneOf': {
        const wants = wantsOf.get(e);
        if (wants?.length) msg = `must be ${wants.join(' or ')}`;
        break;
      }
      default: break;
    }
    const reason = `${pointerLabel(pointer)}: ${msg}`;
    const line = lineOf(lines, pointer);
    const key = `${line}|${reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ line, reason });
  }
  return out;
}
