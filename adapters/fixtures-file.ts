// `conformance.fixtures.yaml`: the pre-provisioned real-cloud resources a run may use, per vendor
// (schema: schemas/fixtures.schema.json, validated with ajv; every problem at its file:line).
//
//   version: 1
//   aliyun:
//     region: cn-hangzhou
//     resources:
//       - { id: i-bp1..., kind: instance, fields: { regionId: cn-hangzhou, status: Stopped } }
//       - { id: s-bp1..., kind: snapshot, fields: { regionId: cn-hangzhou, status: accomplished }, deletable: true }
//
// A case fixture (`{as, kind, fields}`) is served by the first resource of its kind whose `fields`
// list every field the case asks for with the same value; a resource that a case will delete must
// say `deletable: true` and is handed out once per run. Nothing is ever created for a fixture.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { currentCase } from '../core/case-context.ts';
import { ConformanceError, readFailure } from '../core/errors.ts';
import { globMatcher } from '../core/glob.ts';
import { type Case, type FixtureSpec, type Fixtures, type Vendor, VENDORS } from '../core/types.ts';
import { destroyedIds } from './guard.ts';

const require = createRequire(import.meta.url);
export const FIXTURES_SCHEMA: Record<string, unknown> = require('../schemas/fixtures.schema.json');
export const FIXTURES_FILE = 'conformance.fixtures.yaml';

export interface FixtureResource {
  id: string;
  kind: string;
  fields?: Record<string, unknown>;
  deletable?: boolean;
  cases?: string[];
  note?: string;
}
export interface VendorFixtures { region?: string; resources: FixtureResource[] }
export type FixturesFile = { version?: 1 } & Partial<Record<Vendor, VendorFixtures>>;

let validator: ValidateFunction<FixturesFile> | undefined;

function linesOf(text: string): { data: unknown; lines: Record<string, number>; error?: { line: number; message: string } } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    return { data: undefined, lines: {}, error: { line: counter.linePos(e.pos[0]).line, message: e.message.split('\n')[0]! } };
  }
  const lines: Record<string, number> = {};
  const walk = (node: unknown, pointer: string) => {
    if (!isNode(node)) return;
    if (node.range) lines[pointer] ??= counter.linePos(node.range[0]).line;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const child = `${pointer}/${key}`;
        if (isScalar(pair.key) && pair.key.range) lines[child] = counter.linePos(pair.key.range[0]).line;
        walk(pair.value, child);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, `${pointer}/${i}`));
  };
  walk(doc.contents, '');
  return { data: doc.toJS(), lines };
}

function lineOf(lines: Record<string, number>, pointer: string): number {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    if (lines[p] !== undefined) return lines[p]!;
    if (p === '') return 1;
  }
}

/** A parameter of an ajv error (`additionalProperty`, `missingProperty`, `allowedValues`), as text. */
function param(e: ErrorObject, name: string): string {
  const v: unknown = e.params[name];
  return Array.isArray(v) ? v.join(', ') : String(v);
}

function phrase(e: ErrorObject): string {
  const where = e.instancePath.slice(1).replace(/\//g, '.') || '(top level)';
  if (e.keyword === 'additionalProperties') return `${where}: unknown key "${param(e, 'additionalProperty')}"`;
  if (e.keyword === 'required') return `${where}: missing "${param(e, 'missingProperty')}"`;
  if (e.keyword === 'enum') return `${where}: must be one of ${param(e, 'allowedValues')}`;
  return `${where}: ${e.message ?? e.keyword}`;
}

/** Parse and validate a fixtures file text; throws E_FIXTURES `file:line: problem` (all problems, one per line). */
export function parseFixtures(text: string, file: string): FixturesFile {
  const { data, lines, error } = linesOf(text);
  if (error) throw new ConformanceError('E_FIXTURES', `${file}:${error.line}: invalid YAML: ${error.message}`);
  validator ??= new Ajv({ allErrors: true, strict: false }).compile<FixturesFile>(FIXTURES_SCHEMA);
  const problems: string[] = [];
  const parsed: unknown = data ?? {};
  if (!validator(parsed)) {
    const errs = (validator.errors ?? []).filter((e) => e.keyword !== 'anyOf' || validator!.errors!.length === 1);
    const seen = new Set<string>();
    for (const e of errs) {
      const pointer = e.keyword === 'additionalProperties' ? `${e.instancePath}/${param(e, 'additionalProperty')}` : e.instancePath;
      const msg = `${file}:${lineOf(lines, pointer)}: ${phrase(e)}`;
      if (!seen.has(msg)) { seen.add(msg); problems.push(msg); }
    }
    throw new ConformanceError('E_FIXTURES', problems.length ? problems.join('\n') : `${file}: does not match schemas/fixtures.schema.json`);
  }
  for (const vendor of VENDORS) {
    const ids = new Map<string, number>();
    parsed[vendor]?.resources.forEach((r, i) => {
      const prev = ids.get(r.id);
      if (prev !== undefined) problems.push(`${file}:${lineOf(lines, `/${vendor}/resources/${i}/id`)}: ${vendor}.resources.${i}.id: "${r.id}" is listed twice (first at resources.${prev})`);
      ids.set(r.id, i);
    });
  }
  if (problems.length) throw new ConformanceError('E_FIXTURES', problems.join('\n'));
  return parsed;
}

export function loadFixturesFile(file: string): FixturesFile {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    throw new ConformanceError('E_FIXTURES', `${file}: cannot read (${readFailure(e)})`);
  }
  return parseFixtures(text, file);
}

/** A fixture the file cannot serve: the runner skips the case with this reason (`skip: true`). */
export class FixtureUnavailable extends Error {
  readonly skip = true;
  constructor(message: string) { super(message); this.name = 'FixtureUnavailable'; }
}

const canon = (v: unknown): string => (Array.isArray(v) ? JSON.stringify([...v].map(String).sort()) : String(v));


/** Does this fixture spec end up in a param the case's operation destroys? */
function destroysFixture(c: Case | undefined, as: string): boolean {
  if (!c) return false;
  const ref = `$${as}.id`;
  return destroyedIds(c.call.operation, c.call.params).includes(ref)
    || (c.then ? destroyedIds(c.call.operation, c.then.params).includes(ref) : false);
}

export interface FileFixtures extends Fixtures {
  /** Every id the file names for a vendor (the guard's allow list). */
  ids(vendor: Vendor): Set<string>;
  deletable(vendor: Vendor, id: string): boolean;
}

/**
 * Fixtures from the file: `create` hands out a listed resource (never creates anything), `get`
 * cannot read a real cloud's state (state assertions then judge `inconclusive`).
 * `callerIds` maps `<vendor>.<kind>` to the caller's own identity (Huawei project).
 */
export function fileFixtures(file: FixturesFile, opts: { callerIds?: Record<string, string | undefined>; regions?: Partial<Record<Vendor, string>> } = {}): FileFixtures {
  const consumed = new Set<string>();
  const key = (vendor: Vendor, id: string) => `${vendor}\u0000${id}`;
  return {
    readsState: false,
    async create(vendor: Vendor, spec: FixtureSpec, resolved: Record<string, unknown>) {
      const callerId = opts.callerIds?.[`${vendor}.${spec.kind}`];
      if (callerId) return callerId;
      if (spec.kind === 'region') return String(resolved?.id ?? opts.regions?.[vendor] ?? file[vendor]?.region ?? '');
      const c = currentCase();
      const destroying = destroysFixture(c, spec.as);
      const wanted = Object.entries(resolved ?? {}).filter(([k]) => k !== 'id');
      const candidates = (file[vendor]?.resources ?? []).filter((r) => r.kind === spec.kind
        && (!r.cases?.length || (c !== undefined && r.cases.some((g) => globMatcher(g)(c.id))))
        && wanted.every(([k, v]) => r.fields && k in r.fields && canon(r.fields[k]) === canon(v)));
      const pick = destroying
        ? candidates.find((r) => r.deletable && !consumed.has(key(vendor, r.id)))
        : candidates.find((r) => !r.deletable) ?? candidates.find((r) => !consumed.has(key(vendor, r.id)));
      if (!pick) {
        const need = wanted.map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`).join(', ');
        throw new FixtureUnavailable(`the fixtures file lists no${destroying ? ' unused deletable' : ''} ${vendor} ${spec.kind} for "${spec.as}"${need ? ` with ${need}` : ''}: add one to ${FIXTURES_FILE}`);
      }
      if (destroying) consumed.add(key(vendor, pick.id));
      return pick.id;
    },
    async get(vendor, kind) {
      throw new Error(`state read-back of a ${vendor} ${kind} is not available on a real cloud (no describe call in the contracts)`);
    },
    ids(vendor) {
      const out = new Set((file[vendor]?.resources ?? []).map((r) => r.id));
      for (const [k, v] of Object.entries(opts.callerIds ?? {})) if (v && k.startsWith(`${vendor}.`)) out.add(v);
      return out;
    },
    deletable(vendor, id) {
      return (file[vendor]?.resources ?? []).some((r) => r.id === id && r.deletable === true);
    },
  };
}
