// The expectations of a contract or profile, each under a stable key (docs/evidence-format.md), and
// what backs each one: the page (every item with a `line:`) and the ledger's sources.
import type { Contract, ContractParam, ProtocolProfile } from '../core/types.ts';
import { familyOf, type Ledger } from '../core/evidence.ts';
import { isJsonObject } from '../core/json.ts';

export const CONSTRAINT_KEYWORDS = [
  'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'pattern', 'format',
  'enum', 'const', 'not', 'minItems', 'maxItems', 'uniqueItems',
] as const;

/** One expectation: its key, and whether the seed page states it (a `line:` on the item). */
export interface ExpectationKey { key: string; onPage: boolean }

export function paramKeys(p: ContractParam, onPage: boolean): ExpectationKey[] {
  const out: ExpectationKey[] = [{ key: `param:${p.name}`, onPage }, { key: `param:${p.name}.required`, onPage }];
  const add = (schema: Record<string, unknown> | undefined, prefix: string) => {
    for (const kw of CONSTRAINT_KEYWORDS) if (schema && kw in schema) out.push({ key: `constraint:${p.name}.${prefix}${kw}`, onPage });
  };
  add(p.schema, '');
  add(isJsonObject(p.schema.items) ? p.schema.items : undefined, 'items.');
  return out;
}

/** Response field paths: dots between properties, `[]` for array items. */
export function fieldPaths(schema: unknown, prefix = ''): { path: string; line: boolean }[] {
  const out: { path: string; line: boolean }[] = [];
  if (!isJsonObject(schema)) return out;
  if (schema.type === 'array' && schema.items) return fieldPaths(schema.items, `${prefix}[]`);
  for (const [name, child] of Object.entries(isJsonObject(schema.properties) ? schema.properties : {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    out.push({ path, line: isJsonObject(child) && child['x-line'] !== undefined });
    out.push(...fieldPaths(child, path));
  }
  return out;
}

export function contractKeys(c: Contract): ExpectationKey[] {
  const keys: ExpectationKey[] = [];
  for (const p of c.request.parameters) keys.push(...paramKeys(p, p.line !== undefined && !p.fromProfile));
  for (const f of fieldPaths(c.response.schema)) keys.push({ key: `field:${f.path}`, onPage: f.line });
  for (const v of c.response.values ?? []) keys.push({ key: `value:${v.path}`, onPage: v.line !== undefined });
  for (const e of c.errors) keys.push({ key: `error:${e.code}`, onPage: e.line !== undefined });
  for (const r of c.rules) keys.push({ key: `rule:${r.id}`, onPage: r.line !== undefined });
  for (const d of c.request.dependencies ?? []) keys.push({ key: `dependency:${d.id}`, onPage: d.line !== undefined });
  // a note is an expectation only where it accepts answers; the others record the page's own defects
  for (const n of c.notes) if (n.acceptable?.length) keys.push({ key: `note:${n.id}`, onPage: n.line !== undefined });
  return dedupe(keys);
}

/** A profile's expectations: its common parameters and common error roles (no page: profiles rest on the ledger). */
export function profileKeys(p: ProtocolProfile): ExpectationKey[] {
  const keys: ExpectationKey[] = [];
  for (const cp of p.commonParameters) keys.push(...paramKeys(cp, false));
  for (const role of Object.keys(p.errors)) keys.push({ key: `common:${role}`, onPage: false });
  return dedupe(keys);
}

function dedupe(keys: ExpectationKey[]): ExpectationKey[] {
  const seen = new Map<string, ExpectationKey>();
  for (const k of keys) {
    const had = seen.get(k.key);
    seen.set(k.key, had ? { key: k.key, onPage: had.onPage || k.onPage } : k);
  }
  return [...seen.values()];
}

/**
 * Keys a ledger may name beyond the enumerated ones: `value:<field path>` (a documented value of an
 * existing field), `wire:<topic>` (profiles), and the keys of what the ledger itself adds.
 */
export function isNameable(key: string, known: ReadonlySet<string>): boolean {
  if (known.has(key)) return true;
  if (key.startsWith('value:')) return known.has(`field:${key.slice('value:'.length)}`);
  return key.startsWith('wire:');
}

/** The base key of a claim's `about`: `error:X.status` -> `error:X` (keys that are themselves properties stay whole). */
export function claimBase(about: string, known: ReadonlySet<string>): string {
  if (isNameable(about, known)) return about;
  const m = /^(.*)\.(status|code|message|answer)$/.exec(about);
  return m ? m[1]! : about;
}

export interface Backing { key: string; sources: string[]; families: string[]; single?: string }

/** Sources declared on what a ledger adds: each added item backs its own keys. */
function addsBacking(ledger: Ledger | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const a = ledger?.adds ?? {};
  const put = (keys: string[], sources: string[]) => { for (const k of keys) out.set(k, [...(out.get(k) ?? []), ...sources]); };
  for (const p of a.parameters ?? []) put(paramKeys(p, false).map((k) => k.key), p.sources);
  for (const e of a.errors ?? []) put([`error:${e.code}`], e.sources);
  for (const r of a.rules ?? []) put([`rule:${r.id}`], r.sources);
  for (const d of a.dependencies ?? []) put([`dependency:${d.id}`], d.sources);
  for (const v of a.values ?? []) put([`value:${v.path}`], v.sources);
  return out;
}

/** What backs each key: `page` where the page states it, plus the ledger's sources; families for independence. */
export function backingOf(keys: ExpectationKey[], ledger: Ledger | undefined): Backing[] {
  const added = addsBacking(ledger);
  return keys.map(({ key, onPage }) => {
    const ids = [...new Set([...(onPage ? ['page'] : []), ...(ledger?.backing[key] ?? []), ...(added.get(key) ?? [])])];
    const families = [...new Set(ids.map((id) => (id === 'page' ? 'vendor-docs' : ledger?.sources[id] ? familyOf(ledger.sources[id]!) : `?${id}`)))];
    const single = ledger?.single?.[key];
    return { key, sources: ids, families, ...(single ? { single } : {}) };
  });
}
