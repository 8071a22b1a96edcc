// Per-contract generation context: seeded values, case construction with stable unique ids and
// source lines, the baseline world positive calls need, and which error rows cases aim at.
import { pageLabel } from '../core/page.ts';
import { dirname, relative } from 'node:path';
import type { Faker } from '@faker-js/faker';
import type {
  Acceptable, Case, Category, Contract, ContractParam, Expectation, FixtureSpec, Mutation,
  OperationCall, ProtocolProfile, ProtocolTweak, RuleScenario, StateAssertion,
} from '../core/types.ts';
import { lineOf, pageFileOf, type LoadedContracts } from '../loader/index.ts';
import { alternativesOf, isAcceptable } from '../core/expectations.ts';
import { isValid } from './schema.ts';
import { seeded, subSchema, synthValid, unmask } from './values.ts';
import { CaseEvidenceIndex } from './evidence.ts';

import type { CaseOrigin, Depth } from '../core/types.ts';
export type { Depth };

/** Fixture kinds whose state is account- or world-wide: cases using them run alone. */
export const EXCLUSIVE_KINDS = new Set(['account', 'region', 'fault']);

/** Action/Version and profile parameters travel as protocol fields (tweaks), never as call params. */
export const isProtocolParam = (p: ContractParam) => p.fromProfile === true || p.name === 'Action' || p.name === 'Version';
/** Parameters that name the caller's context (region, project): the target fills them, not fixtures. */
export const isContextRef = (p: ContractParam) => p.refersTo === 'region' || p.refersTo === 'project';

/** `$x.id`, or a non-empty list of them. */
export const isRefValue = (v: unknown): boolean =>
  typeof v === 'string' ? v.startsWith('$') : Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.startsWith('$'));

export interface CaseSpec {
  category: Category;
  slug: string;
  title: string;
  /** JSON pointer into the contract for the source line. */
  pointer: string;
  docLine?: number;
  params: Record<string, unknown>;
  expect: Expectation | Acceptable;
  mutation?: Mutation;
  setup?: FixtureSpec[];
  tweak?: ProtocolTweak;
  format?: 'JSON' | 'XML';
  after?: StateAssertion[];
  then?: RuleScenario['then'];
  listed?: RuleScenario['listed'];
  pages?: number;
  destructive?: boolean;
  tags?: string[];
  /** Where the case comes from; by default what `pointer` names in the contract (originAt). */
  origin?: CaseOrigin;
}

/**
 * The typed origin of a case, from what its pointer names in the contract: a rule's scenario, a
 * dependency, an error row, a parameter (with the keyword a mutation breaks), else the operation.
 * Resolved once, here, against the contract; everything downstream reads `Case.origin`.
 */
export function originAt(c: Contract, pointer: string, mutation?: Mutation): CaseOrigin {
  const at = pointer.split('/').slice(1);
  const n = Number(at[1]);
  if (at[0] === 'rules' && at[2] === 'scenarios') {
    const rule = c.rules[n];
    const scenario = rule?.scenarios[Number(at[3])];
    if (rule && scenario) return { kind: 'rule', rule: rule.id, scenario: scenario.name };
  }
  if (at[0] === 'request' && at[1] === 'dependencies') {
    const d = c.request.dependencies?.[Number(at[2])];
    if (d) return { kind: 'dependency', dependency: d.id };
  }
  if (at[0] === 'errors' && c.errors[n]) return { kind: 'error-row', code: c.errors[n]!.code };
  if (at[0] === 'request' && at[1] === 'parameters' && at.length > 2) {
    const p = c.request.parameters[Number(at[2])];
    const keyword = mutation?.param === p?.name ? mutation?.rule : at[at.length - 1] !== String(at[2]) && at[at.length - 1] !== 'schema' ? at[at.length - 1] : undefined;
    if (p) return { kind: 'parameter', param: p.name, ...(keyword ? { keyword } : {}) };
  }
  if (mutation?.param) return { kind: 'parameter', param: mutation.param, keyword: mutation.rule };
  return { kind: 'operation' };
}

export interface Baseline { setup: FixtureSpec[]; params: Record<string, unknown>; pointer: string }

export class GenContext {
  readonly file: string;
  readonly docFile: string;
  readonly params: ContractParam[];
  private readonly ids = new Set<string>();
  private baselineCache?: Baseline;

  constructor(
    readonly loaded: LoadedContracts,
    readonly contract: Contract,
    readonly seed: number,
    readonly depth: Depth,
    /** Deep-mode variation index (0 = the standard case). */
    private variantIndex = 0,
  ) {
    const root = dirname(loaded.dir);
    this.file = contract.$file ? relative(root, contract.$file) : `contracts/${contract.id}.yaml`;
    const page = pageFileOf(contract, loaded.dir);
    this.docFile = page ? relative(root, page) : pageLabel(contract);
    // a read call's next token is valid only as an earlier answer gave it: no case invents one (runner/pages.ts sends it)
    const cursors = new Set([contract.listing?.paging, ...(contract.listing?.alsoPaging ?? [])].flatMap((p) => (p?.style === 'token' ? [p.cursor] : [])));
    this.params = contract.request.parameters.filter((p) => !cursors.has(p.name));
    this.evidence = new CaseEvidenceIndex(contract, loaded.profiles[contract.vendor]);
  }

  /** Disputed answers and the sources of each case's expectation (generators/evidence.ts). */
  private readonly evidence: CaseEvidenceIndex;

  /**
   * A parameter a valid request must carry: required, or the first of an `at-least-one` group (the
   * current model's "InstanceId or DiskId.N"): valid requests name it, negative cases still omit only
   * the truly required ones.
   */
  needed(p: ContractParam): boolean {
    return p.required || (this.contract.request.dependencies ?? []).some((d) => d.kind === 'at-least-one' && d.params[0] === p.name);
  }

  get variant(): number { return this.variantIndex; }
  /** Ids of different variations differ by their `-v<k>` suffix: only one variation's ids are kept. */
  set variant(k: number) { this.variantIndex = k; this.ids.clear(); }

  get profile(): ProtocolProfile | undefined { return this.loaded.profiles[this.contract.vendor]; }

  /** A faker stream for one group of cases: same seed + same key, same values, whatever the filters. */
  faker(key: string): Faker { return seeded(this.seed, `${this.contract.id}/${key}/${this.variant}`); }

  line(pointer: string): number | undefined { return lineOf(this.contract.$lines, pointer); }
  paramPointer(p: ContractParam, sub = ''): string { return `/request/parameters/${this.contract.request.parameters.indexOf(p)}${sub}`; }

  call(params: Record<string, unknown>, format?: 'JSON' | 'XML'): OperationCall {
    const c = this.contract;
    return { vendor: c.vendor, service: c.service, version: c.version, operation: c.operation, params, ...(format ? { format } : {}) };
  }

  make(s: CaseSpec): Case {
    const slug = this.variant > 0 ? `${s.slug}-v${this.variant}` : s.slug;
    let id = `${this.contract.id}/${s.category}/${slug}`;
    for (let n = 2; this.ids.has(id); n++) id = `${this.contract.id}/${s.category}/${slug}-${n}`;
    this.ids.add(id);
    const setup = s.setup && s.setup.length > 0 ? s.setup : undefined;
    const exclusive = setup?.some((f) => EXCLUSIVE_KINDS.has(f.kind)) ?? false;
    const origin = s.origin ?? originAt(this.contract, s.pointer, s.mutation);
    return {
      id,
      contract: this.contract.id,
      category: s.category,
      title: this.variant > 0 ? `${s.title} (variation ${this.variant})` : s.title,
      source: { file: this.file, line: this.line(s.pointer) },
      docSource: { file: this.docFile, ...(s.docLine !== undefined ? { line: s.docLine } : {}) },
      ...(s.mutation ? { mutation: s.mutation } : {}),
      origin,
      call: this.call(s.params, s.format),
      ...(s.tweak ? { tweak: s.tweak } : {}),
      ...(setup ? { setup } : {}),
      expect: this.evidence.expand(s.expect),
      evidence: this.evidence.evidenceFor(origin, s.mutation, s.then ? { note: '', alternatives: [...alternativesOf(s.expect), ...alternativesOf(s.then.expect)] } : s.expect),
      ...(s.after ? { after: s.after } : {}),
      ...(s.then ? { then: { ...s.then, expect: this.evidence.expand(s.then.expect) } } : {}),
      ...(s.listed ? { listed: s.listed } : {}),
      ...(s.pages !== undefined ? { pages: s.pages } : {}),
      destructive: s.destructive ?? false,
      ...(exclusive ? { exclusive } : {}),
      ...(s.tags ? { tags: s.tags } : {}),
    };
  }

  /** A valid value for a non-reference parameter: the doc example when it is valid, else seeded. */
  validValue(p: ContractParam, f: Faker, preferExample = true): unknown {
    if (preferExample && p.example !== undefined) {
      const ex = typeof p.example === 'string' ? (p.example.includes('*') ? undefined : p.example) : p.example;
      if (ex !== undefined && isValid(p.schema, ex)) return ex;
    }
    if (p.default !== undefined && preferExample && isValid(p.schema, p.default)) return p.default;
    // A token must be unique per request (the doc says so): the masked example leaves too few
    // free characters (4 of 15), and a deep run's draws would repeat it.
    if (p.idempotencyToken) {
      const token = f.string.alphanumeric(32);
      if (isValid(p.schema, token)) return token;
    }
    return synthValid(p.schema, f, p.example);
  }

  /** A well-formed id that names nothing (negative and protocol cases use no fixtures). */
  placeholderId(p: ContractParam, f: Faker): unknown {
    const ex = Array.isArray(p.example) ? p.example[0] : p.example;
    const one = typeof ex === 'string' ? unmask(ex.split('&')[0]!.replace(/^[\w.]+=/, ''), f) : synthValid(subSchema(p.schema.items) ?? p.schema, f);
    return p.schema.type === 'array' ? [one] : one;
  }

  /** Required params with valid values and placeholder ids: the request a one-violation case starts from. */
  baseRequest(f: Faker, withOptional = false): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const p of this.params) {
      if (isProtocolParam(p) || (!this.needed(p) && !withOptional)) continue;
      if (p.refersTo && !isContextRef(p)) out[p.name] = this.placeholderId(p, f);
      else out[p.name] = this.validValue(p, f);
    }
    return out;
  }

  /** Parameters that must accompany `p` for its rules to apply (only-effective-when / required-when). */
  enablers(p: ContractParam): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const d of this.contract.request.dependencies ?? []) {
      if ((d.kind === 'only-effective-when') && d.params.includes(p.name) && d.when) Object.assign(out, d.when);
    }
    return out;
  }

  /**
   * The world a valid call needs: the simplest success scenario of the rules (fewest params, fewest
   * fixture fields), else one default fixture per required reference parameter.
   */
  baseline(): Baseline {
    if (this.baselineCache) return this.baselineCache;
    let best: { s: RuleScenario; pointer: string; score: number } | undefined;
    this.contract.rules.forEach((r, i) => r.scenarios.forEach((s, j) => {
      if (isAcceptable(s.expect) || s.expect.kind !== 'success' || s.then) return;
      // every required reference must come from a fixture (never a made-up id)
      const refsOk = this.params.every((p) => !this.needed(p) || !p.refersTo || isContextRef(p) || isProtocolParam(p) || isRefValue(s.params[p.name]));
      if (!refsOk) return;
      const odd = Object.keys(s.params).filter((k) => { const p = this.params.find((x) => x.name === k); return !(p && this.needed(p)) && !String(s.params[k]).startsWith('$'); }).length;
      const score = odd * 100 + s.given.reduce((n, g) => n + 1 + Object.keys(g.fields ?? {}).length, 0)
        + (r.kind === 'effect' ? 0 : 50);
      if (!best || score < best.score) best = { s, pointer: `/rules/${i}/scenarios/${j}`, score };
    }));
    const setup: FixtureSpec[] = best ? best.s.given.map((g) => ({ ...g })) : [];
    const params: Record<string, unknown> = best ? { ...best.s.params } : {};
    for (const p of this.params) {
      if (!this.needed(p) || !p.refersTo || isContextRef(p) || isProtocolParam(p) || p.name in params) continue;
      const as = `${p.refersTo}0`;
      if (!setup.some((g) => g.as === as)) setup.push({ as, kind: p.refersTo });
      params[p.name] = p.schema.type === 'array' ? [`$${as}.id`] : `$${as}.id`;
    }
    // Drop scenario params that are not plain references or required context (Force: true etc.).
    for (const [k, v] of Object.entries(params)) {
      const p = this.params.find((x) => x.name === k);
      if (p && !this.needed(p) && !isRefValue(v)) delete params[k];
    }
    this.baselineCache = { setup, params, pointer: best?.pointer ?? '/request/parameters' };
    return this.baselineCache;
  }

  /** `n` fixtures of `kind` shaped like the baseline's own fixture of that kind (same parent links). */
  extraFixtures(kind: string, n: number, prefix: string): { setup: FixtureSpec[]; refs: string[] } {
    const like = this.baseline().setup.find((g) => g.kind === kind);
    const setup: FixtureSpec[] = [];
    const refs: string[] = [];
    for (let i = 1; i <= n; i++) {
      const as = `${prefix}${i}`;
      setup.push({ as, kind, ...(like?.fields ? { fields: { ...like.fields } } : {}) });
      refs.push(`$${as}.id`);
    }
    return { setup, refs };
  }

  /** A valid call with fixtures: baseline + required params (+ overrides), for positive cases. */
  positiveRequest(f: Faker, preferExample = true): { params: Record<string, unknown>; setup: FixtureSpec[] } {
    const b = this.baseline();
    const params: Record<string, unknown> = {};
    for (const p of this.params) {
      if (isProtocolParam(p) || !this.needed(p)) continue;
      if (p.name in b.params) params[p.name] = b.params[p.name];
      else if (!p.refersTo || isContextRef(p)) params[p.name] = this.validValue(p, f, preferExample);
    }
    return { params, setup: b.setup.map((g) => ({ ...g })) };
  }
}
