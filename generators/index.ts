// Contract -> cases. Deterministic: the same seed gives the same cases in the same order, and each
// case's values depend only on (seed, contract, case group), never on filters or on other cases.
import type { Case, Contract } from '../core/types.ts';
import { CATEGORIES } from '../core/types.ts';
import { notOneOf } from '../core/errors.ts';
import type { LoadedContracts } from '../loader/index.ts';
import { GenContext, type Depth } from './context.ts';
import { negativeCases, violationsOf } from './negative.ts';
import { positiveCases } from './positive.ts';
import { envelopeCases, protocolCases } from './protocol.ts';
import { dependencyCases, scenarioCases } from './stateful.ts';

export { uncoveredRows, targetedCodes } from './coverage.ts';
export type { Depth } from './context.ts';

export const DEPTHS: readonly Depth[] = ['smoke', 'standard', 'deep'];

export interface CaseFilter { vendor?: string[]; operation?: string[]; category?: string[]; case?: string[] }

export interface GenerateOptions {
  seed: number;
  depth: Depth;
  filter?: CaseFilter;
  /** Seeded variations per rule at depth deep (default 10; ~250 gives ~100k cases over five operations). */
  variations?: number;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_DEEP_VARIATIONS = 10;

/** `*` globs, else exact id, id prefix, or substring. */
function matches(pattern: string, id: string): boolean {
  if (pattern.includes('*')) {
    const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return re.test(id);
  }
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
    if (!(CATEGORIES as readonly string[]).includes(cat)) throw notOneOf('category', cat, CATEGORIES);
  }
}

/** Every case of one contract at standard depth (variant 0), the error-table cases last. */
function* standardFor(ctx: GenContext): Generator<Case> {
  yield* positiveCases(ctx, 2);
  yield* negativeCases(ctx);
  yield* dependencyCases(ctx);
  yield* protocolCases(ctx);
  yield* envelopeCases(ctx);
  yield* scenarioCases(ctx);
  yield* errorTableCases(ctx);
}

/** Rows whose trigger is a parameter rule no case aims at yet: a violation expecting exactly that row. */
function* errorTableCases(ctx: GenContext): Generator<Case> {
  const c = ctx.contract;
  for (let i = 0; i < c.errors.length; i++) {
    const row = c.errors[i]!;
    if (!row.trigger?.param || ctx.covered.has(`${row.code}:${row.status}`)) continue;
    const p = c.request.parameters.find((x) => x.name === row.trigger!.param);
    if (!p) continue;
    const v = violationsOf(ctx, p).find((x) => x.rule === row.trigger!.keyword || (!row.trigger!.keyword && !x.omit));
    if (!v) continue;
    const f = ctx.faker(`row/${i}`);
    const params = { ...ctx.baseRequest(f), ...ctx.enablers(p) };
    if (v.omit) delete params[p.name]; else params[p.name] = v.value;
    yield ctx.make({
      category: 'error-table', slug: `${row.code}`, title: `${row.code} (${row.status}): ${p.name} ${v.description}`,
      pointer: `/errors/${i}`, docLine: row.line, params, expect: { kind: 'error', code: row.code, status: row.status },
      mutation: { param: p.name, rule: v.rule, ...(v.omit ? {} : { value: v.value }), description: `${p.name} ${v.description}` },
      tags: ['negative', 'error-table'],
    });
  }
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
    (!f?.category?.length || f.category.includes(c.category as string))
    && (!f?.case?.length || f.case.some((p) => matches(p, c.id)));
  for (const contract of loaded.contracts) {
    if (!contractSelected(contract, f)) continue;
    const ctx = new GenContext(loaded, contract, opts.seed, opts.depth);
    const stream = opts.depth === 'smoke' ? smokeFor(ctx) : standardFor(ctx);
    for (const c of stream) if (keep(c)) yield c;
    if (opts.depth !== 'deep') continue;
    const variations = opts.variations ?? DEFAULT_DEEP_VARIATIONS;
    for (let k = 1; k <= variations; k++) {
      ctx.variant = k;
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

