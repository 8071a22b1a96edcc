// The deviations seam. Switched once, at start: `createDeviations(names)` resolves each name against
// the catalogue (emulator/deviations/catalogue.ts) and the deviations derived from the contracts
// (ledger.ts, listing.ts), checks each against what the handlers and the HTTP pipeline declare, and
// gives the emulator its hooks, all inert when nothing is switched on (reference behaviour
// byte-identical):
// - `at(vendor, operation)`: the decisions at one operation (`*`: the HTTP pipeline): rules skipped,
//   limits moved, points set, parameters ignored, statuses hidden. The engine consults them in one
//   place each (ops/types.ts OpContext: `check`, `exceeds`, `point`, `shows`; ignored parameters are
//   dropped before the handler runs); handlers never name a deviation;
// - `neverSettles(vendor, lifecycle)`: a creation or deletion that never completes;
// - `paramOverrides(vendor, operation)`: patches to the contract's parameter schemas, used only to
//   build the emulator's validators (the contracts the suite reads are never touched);
// - `transform(response, info)`: post-processing of the wire answer (envelope and field rewrites).
import type { ContractParam, Vendor, WireResponse } from '../core/types.ts';
import { ConformanceError, didYouMean } from '../core/errors.ts';
import { CATALOGUE } from './deviations/catalogue.ts';
import { LEDGER_PREFIX, ledgerDeviations } from './deviations/ledger.ts';
import { LISTING_PREFIX, listingDeviations } from './deviations/listing.ts';
import { LIFECYCLES, type Deviation, type Lifecycle, type ParamPatch, type ResponseInfo } from './deviations/types.ts';
import { PIPELINE_POINTS, PIPELINE_RULES } from './http/pipeline.ts';
import { HANDLERS } from './ops/index.ts';
import type { OpSpec, Points } from './ops/types.ts';
import type { Values } from './validate/params.ts';
import { loadContracts, type LoadedContracts } from '../loader/index.ts';

export type { ResponseInfo } from './deviations/types.ts';

/** What deviates at one operation (or a vendor's HTTP pipeline): every field empty in the reference. */
export interface Decisions {
  /** Rules not enforced. */
  readonly skips: ReadonlySet<string>;
  /** Limit rules moved by an amount (+1: one more accepted). */
  readonly limits: ReadonlyMap<string, number>;
  /** Decision points given another value than the reference. */
  readonly set: ReadonlyMap<string, unknown>;
  /** Request parameters not read. */
  readonly ignores: ReadonlySet<string>;
  /** Statuses whose entities a read leaves out. */
  readonly hides: ReadonlySet<string>;
}

export const REFERENCE: Decisions = Object.freeze({ skips: new Set<string>(), limits: new Map<string, number>(), set: new Map<string, unknown>(), ignores: new Set<string>(), hides: new Set<string>() });

export interface Deviations {
  /** The names switched on (mutants and variants), as given. */
  readonly active: ReadonlySet<string>;
  /** The decisions at one operation of a vendor; `*`: its HTTP pipeline. */
  at(vendor: Vendor, operation: string): Decisions;
  /** True when the vendor's resources never finish this lifecycle (they stay progressing, or deleting). */
  neverSettles(vendor: Vendor, lifecycle: Lifecycle): boolean;
  /** Parameter patches for one operation (undefined: none). */
  paramOverrides(vendor: Vendor, operation: string): Record<string, ParamPatch> | undefined;
  /** True when some deviation rewrites answers (the listener then calls `transform`). */
  readonly rewritesResponses: boolean;
  transform(res: WireResponse, info: ResponseInfo): WireResponse;
}

// ---------------------------------------------------------------- checking a deviation against the declarations

const PIPELINE: OpSpec = { rules: PIPELINE_RULES, points: { ...PIPELINE_POINTS }, reads: false, handle: () => ({ status: 500, body: null }) };

/** What the operation a deviation names declares (`*`: the HTTP pipeline), or undefined. */
function specFor(d: Pick<Deviation, 'vendor' | 'operation'>, handlers: Readonly<Record<string, OpSpec>>): OpSpec | undefined {
  return d.operation === '*' ? PIPELINE : handlers[`${d.vendor}.${d.operation}`];
}

const guess = (x: string, among: readonly string[]) => { const g = didYouMean(x, among); return g ? ` (did you mean "${g}"?)` : ''; };

/** The JSON shape of a point's value: a value set must have its reference's. */
const shape = (v: unknown): string => (Array.isArray(v) ? `${shape(v[0] ?? '')}[]` : typeof v);

/** What is wrong with a deviation against the declarations (empty: nothing). */
export function deviationProblems(d: Deviation, handlers: Readonly<Record<string, OpSpec>> = HANDLERS): string[] {
  const spec = specFor(d, handlers);
  const where = d.operation === '*' ? `the ${d.vendor} HTTP pipeline` : `${d.vendor}.${d.operation}`;
  if (!spec) return [`names operation ${where}, which has no handler${guess(`${d.vendor}.${d.operation}`, Object.keys(handlers))}`];
  const a = d.apply;
  const out: string[] = [];
  for (const r of [...(a.skips ?? []), ...Object.keys(a.limits ?? {})]) {
    if (!spec.rules.includes(r)) out.push(`names rule "${r}", which ${where} does not check${guess(r, spec.rules)}; its rules: ${spec.rules.join(', ') || 'none'}`);
  }
  for (const [k, v] of Object.entries(a.set ?? {})) {
    if (!(k in spec.points)) out.push(`sets point "${k}", which ${where} does not have${guess(k, Object.keys(spec.points))}; its points: ${Object.keys(spec.points).join(', ') || 'none'}`);
    else if (shape(v) !== shape(spec.points[k])) out.push(`sets point "${k}" to a ${shape(v)}, where its reference value is a ${shape(spec.points[k])}`);
  }
  if (a.hides?.length && !spec.reads) out.push(`hides statuses, but ${where} is not a read call`);
  if (a.ignores?.length && d.operation === '*') out.push('ignores parameters, but names no operation');
  for (const l of a.neverSettles ?? []) if (!LIFECYCLES.includes(l)) out.push(`names lifecycle "${l}" (lifecycles: ${LIFECYCLES.join(', ')})`);
  if (!Object.values(a).some((x) => x !== undefined)) out.push('changes nothing (its `apply` is empty)');
  return out;
}

/** Throws one error naming every deviation that does not match the declarations. */
export function assertDeviations(list: readonly Deviation[], handlers?: Readonly<Record<string, OpSpec>>): void {
  const problems = list.flatMap((d) => deviationProblems(d, handlers).map((p) => `deviation "${d.name}" ${p}`));
  if (problems.length) throw new Error(`emulator/deviations: ${problems.join('; ')}`);
}

let catalogueChecked = false;
/** The hand-written deviations, checked once, when first switched on. */
function catalogue(): ReadonlyMap<string, Deviation> {
  if (!catalogueChecked) { assertDeviations(CATALOGUE); catalogueChecked = true; }
  return BY_NAME;
}
const BY_NAME: ReadonlyMap<string, Deviation> = new Map(CATALOGUE.map((d) => [d.name, d] as const));

/** The ledger's deviations by name (contracts seen under `current`, where disputes are recorded). */
function ledgerByName(loaded?: LoadedContracts): ReadonlyMap<string, Deviation> {
  const view = loaded?.expect === 'current' ? loaded : loadContracts({ ...(loaded ? { dir: loaded.dir } : {}), expect: 'current' });
  return new Map(ledgerDeviations(view).deviations.map((d) => [d.name, d] as const));
}

/** The read calls' derived listing deviations by name (emulator/deviations/listing.ts). */
function listingByName(loaded?: LoadedContracts): ReadonlyMap<string, Deviation> {
  return new Map(listingDeviations((loaded ?? loadContracts()).contracts).map((d) => [d.name, d] as const));
}

/** Every deviation the names need, by name: the catalogue's, and the derived ones when a name asks for them. */
function known(names: readonly string[], loaded?: LoadedContracts): ReadonlyMap<string, Deviation> {
  const ledger = names.some((n) => n.startsWith(LEDGER_PREFIX)) ? ledgerByName(loaded) : new Map<string, Deviation>();
  const listing = names.some((n) => n.startsWith(LISTING_PREFIX)) ? listingByName(loaded) : new Map<string, Deviation>();
  return new Map([...catalogue(), ...ledger, ...listing]);
}

/** Throws a one-line E_OPTION error (with "did you mean") for a name that is no deviation. */
export function checkDeviationNames(names: readonly string[], loaded?: LoadedContracts): void {
  resolveNames(names, loaded);
}

function resolveNames(names: readonly string[], loaded?: LoadedContracts): Deviation[] {
  const all = known(names, loaded);
  const keys = [...all.keys()];
  return names.map((n) => {
    const d = all.get(n);
    if (d) return d;
    const tail = n.split('.').slice(-1)[0] ?? '';
    const near = didYouMean(n, keys) ?? keys.find((k) => k.endsWith(`.${tail}`) && k.startsWith(n.split('.')[0] ?? ''));
    throw new ConformanceError('E_OPTION', `unknown mutant "${n}"${near ? ` (did you mean "${near}"?)` : ''}; \`npm run mutants -- --list\` or emulator/deviations/catalogue.ts lists the mutants and variants`);
  });
}

const NONE: Deviations = Object.freeze({
  active: new Set<string>(),
  at: () => REFERENCE,
  neverSettles: () => false,
  paramOverrides: () => undefined,
  rewritesResponses: false,
  transform: (res: WireResponse) => res,
});

/** The decisions of several deviations at one place, merged. */
export function decisionsOf(list: readonly Deviation[]): Decisions {
  return {
    skips: new Set(list.flatMap((d) => d.apply.skips ?? [])),
    limits: new Map(list.flatMap((d) => Object.entries(d.apply.limits ?? {}))),
    set: new Map(list.flatMap((d) => Object.entries(d.apply.set ?? {}))),
    ignores: new Set(list.flatMap((d) => d.apply.ignores ?? [])),
    hides: new Set(list.flatMap((d) => d.apply.hides ?? [])),
  };
}

/**
 * `names`: mutants and variants to switch on (the `--mutant` flag's names). `loaded`: the contracts
 * the emulator plays; ledger deviations (`ledger.*`) are derived from their disputes, listing ones
 * (`listing.*`) from their read calls.
 */
export function createDeviations(names: readonly string[] = [], loaded?: LoadedContracts): Deviations {
  if (names.length === 0) return NONE;
  const chosen = resolveNames(names, loaded);
  assertDeviations(chosen.filter((d) => !BY_NAME.has(d.name)));
  if (loaded) assertParameters(chosen, loaded);
  const active = new Set(names);
  const byPlace = new Map<string, Decisions>();
  for (const place of new Set(chosen.map((d) => `${d.vendor}.${d.operation}`))) {
    byPlace.set(place, decisionsOf(chosen.filter((d) => `${d.vendor}.${d.operation}` === place)));
  }
  const rewriting = chosen.filter((d) => d.apply.response);
  const scoped = (d: Deviation, vendor: Vendor, operation: string | undefined) =>
    d.vendor === vendor && (d.operation === '*' || d.operation === operation);
  return {
    active,
    at: (vendor, operation) => byPlace.get(`${vendor}.${operation}`) ?? REFERENCE,
    neverSettles: (vendor, lifecycle) => chosen.some((d) => d.vendor === vendor && d.apply.neverSettles?.includes(lifecycle)),
    paramOverrides(vendor, operation) {
      let out: Record<string, ParamPatch> | undefined;
      for (const d of chosen) {
        if (!d.apply.params || !scoped(d, vendor, operation)) continue;
        out = { ...(out ?? {}), ...d.apply.params };
      }
      return out;
    },
    rewritesResponses: rewriting.length > 0,
    transform(res, info) {
      let out = res;
      for (const d of rewriting) if (d.apply.response && scoped(d, info.vendor, info.operation)) out = d.apply.response(out, info);
      return out;
    },
  };
}

/** Parameters a deviation ignores or patches must be its operation's, in the contracts played (where it deviates). */
function assertParameters(chosen: readonly Deviation[], loaded: LoadedContracts): void {
  const problems: string[] = [];
  for (const d of chosen) {
    if (d.profiles && loaded.expect && !d.profiles.includes(loaded.expect)) continue;
    const names = [...(d.apply.ignores ?? []), ...(d.operation === '*' ? [] : Object.keys(d.apply.params ?? {}))];
    if (!names.length) continue;
    const params = loaded.contracts.find((c) => c.vendor === d.vendor && c.operation === d.operation)?.request.parameters.map((p) => p.name) ?? [];
    for (const p of names) if (!params.includes(p)) problems.push(`deviation "${d.name}" names parameter "${p}", which ${d.vendor}.${d.operation} does not have${guess(p, params)}`);
  }
  if (problems.length) throw new Error(`emulator/deviations: ${problems.join('; ')}`);
}

/** What a handler sees of the decisions at its operation: the engine's one place of consulting them. */
export interface Decided {
  /** The validated values without the parameters a deviation ignores. */
  values(v: Values): Values;
  /** True unless a deviation skips rule `rule`. */
  enforces(rule: string): boolean;
  /** True when `violated` and rule `rule` is enforced. */
  violates(rule: string, violated: boolean): boolean;
  /** Limit rule `rule` enforced and `count` over `limit` (moved by a deviation's amount). */
  exceeds(rule: string, count: number, limit: number): boolean;
  /** Whether a read shows this entity (unless a deviation hides its status). */
  shows(entity: Readonly<Record<string, unknown>>): boolean;
  /**
   * A decision point's value: the one a deviation sets, else the handler's reference. (Deviations are
   * checked at load to set only declared points, each to a value of its reference's shape:
   * deviationProblems; the handler sees it typed through defineHandler.)
   */
  point(name: string): unknown;
}

export function decide(d: Decisions, points: Points): Decided {
  const enforced = (rule: string) => !d.skips.has(rule);
  return {
    enforces: enforced,
    values: (v) => (d.ignores.size ? Object.fromEntries(Object.entries(v).filter(([k]) => !d.ignores.has(k))) : v),
    violates: (rule, violated) => violated && enforced(rule),
    exceeds: (rule, count, limit) => count > limit + (d.limits.get(rule) ?? 0) && enforced(rule),
    shows: (entity) => !d.hides.has(String(entity.status)),
    point: (name) => (d.set.has(name) ? d.set.get(name) : points[name]),
  };
}

/** A parameter with a deviation's patch applied (schema keys set to undefined are removed). */
export function patchParam(p: ContractParam, patch: ParamPatch): ContractParam {
  const schema: Record<string, unknown> = { ...p.schema };
  for (const [k, v] of Object.entries(patch.schema ?? {})) {
    if (v === undefined) delete schema[k]; else schema[k] = v;
  }
  return { ...p, schema, ...(patch.required !== undefined ? { required: patch.required } : {}) };
}
