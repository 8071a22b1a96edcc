// Contract -> cases. Deterministic: the same seed gives the same cases in the same order, and each
// case's values depend only on (seed, contract, case group), never on filters or on other cases.
import type { Case, Contract, Expectation } from '../core/types.ts';
import { CATEGORIES } from '../core/types.ts';
import { notOneOf } from '../core/errors.ts';
import { globMatcher, isGlob } from '../core/glob.ts';
import type { LoadedContracts } from '../loader/index.ts';
import { GenContext, type Depth } from './context.ts';
import { isAcceptable } from '../core/expectations.ts';
import { negativeCases, violationRequest, violationsOf } from './negative.ts';
import { positiveCases } from './positive.ts';
import { envelopeCases, protocolCases } from './protocol.ts';
import { flowCases } from './flows.ts';
import { dependencyCases, scenarioCases } from './stateful.ts';
import { tokenCases } from './idempotency.ts';

export { uncoveredRows } from './coverage.ts';
export type { Depth } from './context.ts';

import { DEPTHS } from '../core/types.ts';
import { isOneOf } from '../core/json.ts';
export { DEPTHS };

export interface CaseFilter { vendor?: string[]; operation?: string[]; category?: string[]; case?: string[] }

export interface GenerateOptions {
  seed: number;
  depth: Depth;
  filter?: CaseFilter;
  /** Seeded variations per rule at depth deep (default 10; ~250 gives ~100k cases over five operations). */
  variations?: number;
  /**
   * Blocks to leave out: a block is one contract's standard cases (variant 0) or one of its deep
   * variations (variant k). Blocks are seeded independently (by contract, group and variant), so
   * the others come out exactly as in a full generation: a shard skips what precedes its range.
   */
  skipBlock?: (contract: string, variant: number) => boolean;
  /** Told as each generated block starts (a census counts cases per block). */
  onBlock?: (contract: string, variant: number) => void;
}

export const DEFAULT_DEEP_VARIATIONS = 10;

/** Globs (core/glob.ts), else exact id, id prefix, or substring. */
function matches(pattern: string, id: string): boolean {
  if (isGlob(pattern)) return globMatcher(pattern)(id);
  return id === pattern || id.startsWith(pattern) || id.includes(pattern);
}

function contractSelected(c: Contract, f: CaseFilter | undefined): boolean {
  if (f?.vendor?.length && !f.vendor.includes(c.vendor)) return false;
  if (f?.operation?.length && !f.operation.some((o) => o === c.operation || o === c.id || matches(o, c.id))) return false;
  return true;
}

function validate(opts: GenerateOptions): void {
  if (!DEPTHS.includes(opts.depth)) throw notOneOf('depth', String(opts.depth), DEPTHS);
  for (const cat of opts.filter?.category ?? []) {
    if (!isOneOf(CATEGORIES, cat)) throw notOneOf('category', cat, CATEGORIES);
  }
}

/** Every case of one contract at standard depth (variant 0), the error-table cases last. */
function* standardFor(ctx: GenContext): Generator<Case> {
  const seen: Case[] = [];
  const streams = [positiveCases(ctx, 2), negativeCases(ctx), dependencyCases(ctx), protocolCases(ctx), envelopeCases(ctx), scenarioCases(ctx), tokenCases(ctx), flowCases(ctx)];
  for (const stream of streams) for (const c of stream) { seen.push(c); yield c; }
  const service = serviceErrorEnvelope(ctx, seen);
  if (service) yield service;
  yield* errorTableCases(ctx, seen);
}

/**
 * The envelope of a service error (a rule the service itself enforces), not only of the errors a
 * gateway answers before the service (missing parameters, signatures): Huawei renders the two
 * differently, and a target can get one right and the other wrong.
 */
function serviceErrorEnvelope(ctx: GenContext, seen: Case[]): Case | undefined {
  const found = seen.find((k) => k.category === 'state-rules' && !k.then && !isAcceptable(k.expect) && k.expect.kind === 'error');
  if (!found || isAcceptable(found.expect) || found.expect.kind !== 'error') return undefined;
  return {
    ...found, id: `${ctx.contract.id}/envelope/service-error`, category: 'envelope',
    title: `a service error (${found.expect.code}) has the vendor's error envelope`,
    tags: [...(found.tags ?? []), 'envelope'],
  };
}

/**
 * One case per documented error row with a known trigger, aimed at exactly that row: the matrix's
 * error-table column is the page's error table, row by row. The stimulus is the one that provokes
 * the row elsewhere (a rule scenario, a parameter violation); absent one, a violation of the named
 * parameter is built here. Rows the doc leaves ambiguous keep their Acceptable expectation.
 */
function* errorTableCases(ctx: GenContext, seen: Case[]): Generator<Case> {
  const c = ctx.contract;
  const slugs = new Set<string>();
  for (let i = 0; i < c.errors.length; i++) {
    const row = c.errors[i]!;
    if (!row.trigger || row.untriggerable) continue;
    const slug = slugs.has(row.code) ? `${row.code}-${i}` : row.code;
    slugs.add(slug);
    const title = `error row ${row.code} (${row.status}), page line ${row.line ?? '?'}`;
    const found = bestStimulus(seen, row);
    if (found) {
      const source = ctx.make({ category: 'error-table', slug, title, pointer: `/errors/${i}`, docLine: row.line, params: {}, expect: found.expect }).source;
      yield {
        ...found, id: `${c.id}/error-table/${slug}`, category: 'error-table', title, source, docSource: { file: found.docSource?.file ?? '', line: row.line },
        origin: { kind: 'error-row', code: row.code, ...(found.origin ? { stimulus: found.origin } : {}) }, tags: [...(found.tags ?? []), 'error-table'],
      };
      continue;
    }
    const built = violationCaseFor(ctx, i, slug, title);
    if (built) yield built;
  }
}

/** The case that provokes a row: its own trigger (rule scenario or parameter) first, an exact expectation next. */
function bestStimulus(seen: Case[], row: Contract['errors'][number]): Case | undefined {
  const rule = row.trigger?.rule;
  const ownTrigger = (k: Case) => (rule !== undefined && k.origin?.kind === 'rule' && k.origin.rule === rule)
    || (row.trigger?.param !== undefined && k.mutation?.param === row.trigger.param);
  const isRow = (e: Expectation) => e.kind === 'error' && e.code === row.code && e.status === row.status;
  let best: Case | undefined;
  let bestRank = Infinity;
  // exact: the case (or its replay: IdempotentParameterMismatch answers only the second call)
  // expects the row alone; among: the row is one of its accepted answers
  const aims = (e: Case['expect']) => (!isAcceptable(e) && isRow(e) ? 'exact' : isAcceptable(e) && e.alternatives.some(isRow) ? 'among' : undefined);
  for (const k of seen) {
    const how = aims(k.expect) ?? (k.then ? aims(k.then.expect) : undefined);
    if (!how) continue;
    const exact = how === 'exact';
    const rank = (ownTrigger(k) ? 0 : 2) + (exact ? 0 : 1);
    if (rank < bestRank) { best = k; bestRank = rank; }
  }
  return best;
}

/** A row triggered by a parameter rule no other case provokes: one violation expecting exactly that row. */
function violationCaseFor(ctx: GenContext, i: number, slug: string, title: string): Case | undefined {
  const row = ctx.contract.errors[i]!;
  const p = row.trigger?.param ? ctx.contract.request.parameters.find((x) => x.name === row.trigger!.param) : undefined;
  if (!p) return undefined;
  const v = violationsOf(ctx, p).find((x) => x.rule === row.trigger!.keyword || (!row.trigger!.keyword && !x.omit));
  if (!v) return undefined;
  const params = violationRequest(ctx, p, v, ctx.faker(`row/${i}`));
  return ctx.make({
    category: 'error-table', slug, title, pointer: `/errors/${i}`, docLine: row.line, params,
    origin: { kind: 'error-row', code: row.code, stimulus: { kind: 'parameter', param: p.name, keyword: v.rule } },
    expect: { kind: 'error', code: row.code, status: row.status },
    mutation: { param: p.name, rule: v.rule, ...(v.omit ? {} : { value: v.value }), description: `${p.name} ${v.description}` },
    tags: ['negative', 'error-table'],
  });
}

function* smokeFor(ctx: GenContext): Generator<Case> {
  const pos = positiveCases(ctx, 0).next();
  if (!pos.done) yield pos.value;
  for (const n of negativeCases(ctx)) if (n.category === 'required') { yield n; break; }
  const s = scenarioCases(ctx).next();
  if (!s.done) yield s.value;
}

/** Lazily, in a stable order: contract by contract, then standard cases, then deep variations. */
export function* iterateCases(loaded: LoadedContracts, opts: GenerateOptions): Generator<Case> {
  validate(opts);
  const f = opts.filter;
  const keep = (c: Case) =>
    (!f?.category?.length || f.category.includes(c.category))
    && (!f?.case?.length || f.case.some((p) => matches(p, c.id)));
  for (const contract of loaded.contracts) {
    if (!contractSelected(contract, f)) continue;
    const ctx = new GenContext(loaded, contract, opts.seed, opts.depth);
    if (!opts.skipBlock?.(contract.id, 0)) {
      opts.onBlock?.(contract.id, 0);
      const stream = opts.depth === 'smoke' ? smokeFor(ctx) : standardFor(ctx);
      for (const c of stream) if (keep(c)) yield c;
    }
    if (opts.depth !== 'deep') continue;
    const variations = opts.variations ?? DEFAULT_DEEP_VARIATIONS;
    for (let k = 1; k <= variations; k++) {
      if (opts.skipBlock?.(contract.id, k)) continue;
      ctx.variant = k;
      opts.onBlock?.(contract.id, k);
      for (const c of deepVariation(ctx)) if (keep(c)) yield c;
    }
  }
}

/** One seeded variation of every value-driven rule: other params and mutated values re-drawn. */
function* deepVariation(ctx: GenContext): Generator<Case> {
  yield* positiveCases(ctx, 1);
  yield* negativeCases(ctx);
  yield* dependencyCases(ctx);
  yield* protocolCases(ctx);
}

export function generateCases(loaded: LoadedContracts, opts: GenerateOptions): Case[] {
  return [...iterateCases(loaded, opts)];
}

