// Positive cases: the doc's example, minimal, full, boundary values on every limit (in the column of
// the rule they probe) and seeded valid variations. IDs always come from fixtures, never the doc's masks.
import type { Faker } from '@faker-js/faker';
import type { Case, Category, ContractParam, Expectation, FixtureSpec } from '../core/types.ts';
import { isContextRef, isProtocolParam, type GenContext } from './context.ts';
import { isValid } from './schema.ts';
import { distinct, SPECIAL_CHARS, stringOfLength, subSchema, typeOf, unmask, type Schema } from './values.ts';

export function successExpectation(ctx: GenContext): Expectation {
  return { kind: 'success', status: ctx.contract.response.status };
}

/** Value for `p` in a positive call, with the fixtures a reference needs. */
function refValue(ctx: GenContext, p: ContractParam, n: number, tag: string): { value: unknown; setup: FixtureSpec[] } {
  const { setup, refs } = ctx.extraFixtures(p.refersTo!, n, `${tag}`);
  return { value: p.schema.type === 'array' ? refs : refs[0], setup };
}

interface Pos { category: Category; slug: string; title: string; pointer: string; docLine?: number; set: Record<string, unknown>; setup?: FixtureSpec[]; tags?: string[] }

function build(ctx: GenContext, key: string, x: Pos, extra?: Partial<{ preferExample: boolean }>): Case {
  const f = ctx.faker(key);
  const base = ctx.positiveRequest(f, extra?.preferExample ?? true);
  const params = { ...base.params, ...x.set };
  for (const [k, v] of Object.entries(params)) if (v === undefined) delete params[k];
  return ctx.make({
    category: x.category, slug: x.slug, title: x.title, pointer: x.pointer, docLine: x.docLine,
    params, setup: [...base.setup, ...(x.setup ?? [])], expect: successExpectation(ctx), destructive: true,
    tags: ['positive', ...(x.tags ?? [])],
  });
}

const optionalParams = (ctx: GenContext) => ctx.params.filter((p) => !ctx.needed(p) && !isProtocolParam(p) && !isContextRef(p));

/** Set every optional parameter (valid, seeded); dependencies made effective, exclusive ones skipped. */
function fullSet(ctx: GenContext, key: string, preferExample: boolean): { set: Record<string, unknown>; setup: FixtureSpec[] } {
  const f = ctx.faker(key);
  const set: Record<string, unknown> = {};
  const setup: FixtureSpec[] = [];
  const excluded = new Set<string>();
  for (const d of ctx.contract.request.dependencies ?? []) {
    if (d.kind === 'mutually-exclusive') d.params.slice(1).forEach((n) => excluded.add(n));
  }
  for (const p of optionalParams(ctx)) {
    if (excluded.has(p.name)) continue;
    if (p.refersTo) {
      const r = refValue(ctx, p, 1, `${p.name}_`);
      set[p.name] = r.value;
      setup.push(...r.setup);
    } else {
      set[p.name] = ctx.validValue(p, f, preferExample);
    }
    Object.assign(set, ctx.enablers(p));
  }
  return { set, setup };
}

export function* positiveCases(ctx: GenContext, variations: number): Generator<Case> {
  if (ctx.variant === 0) {
    // The doc's example: every parameter the page gives an example for (references from fixtures).
    const exSet: Record<string, unknown> = {};
    const exSetup: FixtureSpec[] = [];
    for (const p of optionalParams(ctx)) {
      if (p.example === undefined) continue;
      if (p.refersTo) { const r = refValue(ctx, p, 1, `${p.name}_`); exSet[p.name] = r.value; exSetup.push(...r.setup); }
      else {
        const ex = typeof p.example === 'string' ? unmask(p.example, ctx.faker('doc-example')) : p.example;
        if (isValid(p.schema, ex)) exSet[p.name] = ex;
      }
    }
    yield build(ctx, 'doc-example', { category: 'positive', slug: 'doc-example', title: 'the page\'s example values are accepted', pointer: '/request/parameters', set: exSet, setup: exSetup, tags: ['example'] });
    yield build(ctx, 'minimal', { category: 'positive', slug: 'minimal', title: 'required parameters only', pointer: '/request/parameters', set: {} });
    const full = fullSet(ctx, 'full', true);
    if (Object.keys(full.set).length > 0) {
      yield build(ctx, 'full', { category: 'positive', slug: 'full', title: 'every optional parameter set', pointer: '/request/parameters', ...full });
    }
    yield* boundaries(ctx);
  }
  for (let k = 1; k <= variations; k++) {
    const r = fullSet(ctx, `random-${k}`, false);
    yield build(ctx, `random-${k}`, { category: 'positive', slug: `random-${k}`, title: `seeded valid values #${k}`, pointer: '/request/parameters', ...r, tags: ['seeded'] }, { preferExample: false });
  }
}

/** The limits among `keys` that `s` sets to a positive number (a zero limit has no boundary to probe). */
const positiveLimits = <K extends string>(s: Schema, keys: readonly K[]): [K, number][] =>
  keys.flatMap((k): [K, number][] => {
    const limit = s[k];
    return typeof limit === 'number' && limit >= 1 ? [[k, limit]] : [];
  });

/** Exactly-at-the-limit values: accepted by the contract, in the column of the rule they probe. */
function* boundaries(ctx: GenContext): Generator<Case> {
  for (const p of ctx.params) {
    if (isProtocolParam(p) || isContextRef(p)) continue;
    const s = p.schema;
    const ptr = (k: string) => ctx.paramPointer(p, `/schema/${k}`);
    const en = ctx.enablers(p);
    const t = typeOf(s);
    if (t === 'array') {
      // ids come from n fixtures; plain values are n distinct valid items
      for (const [k, n] of positiveLimits(s, ['minItems', 'maxItems'])) {
        const r = p.refersTo ? refValue(ctx, p, n, `${p.name}_`) : { value: plainItems(ctx, p, n, ctx.faker(`${p.name}-${k}`)), setup: [] };
        if (!Array.isArray(r.value) || r.value.length !== n) continue;
        yield build(ctx, `${p.name}-${k}`, { category: 'list-limits', slug: `${p.name}-${k}-${n}`, title: `${p.name} with exactly ${n} item(s) (${k}) is accepted`, pointer: ptr(k), docLine: p.line, set: { [p.name]: r.value, ...en }, setup: r.setup, tags: ['boundary'] });
      }
    }
    if (p.refersTo) continue;
    if (t === 'string') {
      for (const [k, n] of positiveLimits(s, ['minLength', 'maxLength'])) {
        const v = stringOfLength(s, n, ctx.faker(`${p.name}-${k}`), p.example);
        if (v === undefined) continue;
        yield build(ctx, `${p.name}-${k}`, { category: 'range-length', slug: `${p.name}-${k}-${n}`, title: `${p.name} of exactly ${n} characters (${k}) is accepted`, pointer: ptr(k), docLine: p.line, set: { [p.name]: v, ...en }, tags: ['boundary'] });
      }
      if (typeof s.pattern === 'string' || s.not !== undefined) {
        const f = ctx.faker(`${p.name}-chars`);
        const zhValue = '快照' + f.string.alpha(4);
        if (isValid(s, zhValue)) {
          yield build(ctx, `${p.name}-chinese`, { category: 'pattern-format', slug: `${p.name}-starts-with-chinese`, title: `${p.name} starting with a Chinese character is accepted`, pointer: ptr(s.pattern ? 'pattern' : 'not'), docLine: p.line, set: { [p.name]: zhValue, ...en }, tags: ['boundary'] });
        }
        const allowed = SPECIAL_CHARS.filter((ch) => isValid(s, `ab${ch}cd`));
        if (allowed.length > 0 && allowed.length < SPECIAL_CHARS.length) {
          const value = `ab${allowed.join('')}cd`;
          if (isValid(s, value)) {
            yield build(ctx, `${p.name}-special`, { category: 'pattern-format', slug: `${p.name}-all-allowed-special-chars`, title: `${p.name} with every allowed special character (${allowed.join(' ')}) is accepted`, pointer: ptr(s.pattern ? 'pattern' : 'not'), docLine: p.line, set: { [p.name]: value, ...en }, tags: ['boundary'] });
          }
        }
      }
    }
    if (t === 'integer' || t === 'number') {
      for (const k of ['minimum', 'maximum'] as const) {
        const n = s[k];
        if (typeof n !== 'number') continue;
        yield build(ctx, `${p.name}-${k}`, { category: 'range-length', slug: `${p.name}-${k}-${n}`, title: `${p.name} = ${n} (${k}) is accepted`, pointer: ptr(k), docLine: p.line, set: { [p.name]: n, ...en }, tags: ['boundary'] });
      }
    }
    if (t === 'boolean' && p.schema.const === undefined) {
      for (const b of [true, false]) {
        yield build(ctx, `${p.name}-${b}`, { category: 'enum', slug: `${p.name}-${b}`, title: `${p.name}=${b} is accepted`, pointer: ctx.paramPointer(p, '/schema'), docLine: p.line, set: { [p.name]: b, ...en }, tags: ['boundary'] });
      }
    }
    if (Array.isArray(s.enum)) {
      for (const v of s.enum) {
        yield build(ctx, `${p.name}-enum-${String(v)}`, { category: 'enum', slug: `${p.name}-enum-${String(v)}`, title: `${p.name}=${String(v)} (documented value) is accepted`, pointer: ptr('enum'), docLine: p.line, set: { [p.name]: v, ...en }, tags: ['boundary'] });
      }
    }
  }
}

/** `n` distinct valid items for a list parameter without references (seeded, never the doc example). */
function plainItems(ctx: GenContext, p: ContractParam, n: number, f: Faker): unknown[] {
  const items = subSchema(p.schema.items) ?? { type: 'string' };
  return distinct(n, () => ctx.validValue({ ...p, schema: items }, f, false));
}
