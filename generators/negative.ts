// Negative cases, one violation each: every rule of every parameter broken in turn (missing, empty,
// type, range, length, pattern, enum, list size, unknown/malformed ids). The request is otherwise
// valid and uses placeholder ids, never fixtures: a validation bug can then never touch real resources.
import type { Faker } from '@faker-js/faker';
import type { Case, Category, ContractParam, Expectation, MutationRule } from '../core/types.ts';
import { MUTATION_RULES } from '../core/types.ts';
import { isContextRef, isProtocolParam, type GenContext } from './context.ts';
import { alternativesOf } from '../core/expectations.ts';
import { combine, expectViolation, fromRef, roleError } from './expect.ts';
import { violations } from './schema.ts';
import { distinct, invalidStringProposals, stringOfLength, subSchema, typeOf, type Schema } from './values.ts';
import { isOneOf } from '../core/json.ts';

const CATEGORY: Record<string, Category> = {
  required: 'required', type: 'type', multipleOf: 'type', format: 'pattern-format',
  minimum: 'range-length', maximum: 'range-length', exclusiveMinimum: 'range-length', exclusiveMaximum: 'range-length',
  minLength: 'range-length', maxLength: 'range-length', pattern: 'pattern-format', not: 'pattern-format',
  enum: 'enum', const: 'enum', minItems: 'list-limits', maxItems: 'list-limits', uniqueItems: 'list-limits',
};
export const categoryOf = (keyword: string): Category => CATEGORY[keyword] ?? 'error-table';

export interface Violation { slug: string; rule: MutationRule; value: unknown; description: string; keywords?: string[]; omit?: boolean }

/** A schema keyword a value broke, as a mutation rule (a keyword outside the list is a generator bug). */
function keywordRule(k: string | undefined): MutationRule {
  if (!isOneOf(MUTATION_RULES, k)) throw new Error(`no mutation rule for schema keyword ${String(k)}`);
  return k;
}

export function* negativeCases(ctx: GenContext): Generator<Case> {
  for (const p of ctx.params) {
    if (isProtocolParam(p)) continue;
    for (const v of violationsOf(ctx, p)) {
      const params = violationRequest(ctx, p, v, ctx.faker(`neg/${p.name}/${v.slug}`));
      const keywords = v.keywords ?? (v.omit ? ['required'] : violations(p.schema, v.value));
      if (keywords.length === 0) continue;
      const expect = expectViolation(ctx.contract, ctx.profile, p, keywords);
      if (!expect) continue;
      const kw = keywords[0]!;
      const pointer = p.onViolation?.[kw] ? ctx.paramPointer(p, `/onViolation/${kw}`)
        : kw === 'required' ? ctx.paramPointer(p, '/required') : ctx.paramPointer(p, `/schema/${kw}`);
      yield ctx.make({
        category: categoryOf(v.rule), slug: `${p.name}-${v.slug}`, title: `${p.name} ${v.description}`,
        pointer, docLine: p.line, params, expect,
        mutation: { param: p.name, rule: v.rule, original: p.example, ...(v.omit ? {} : { value: v.value }), description: `${p.name} ${v.description}` },
        tags: ['negative'],
      });
    }
  }
  yield* referenceCases(ctx);
}

/** The one-violation request: the base request (placeholder ids), `p`'s enablers, `p` broken by `v`. */
export function violationRequest(ctx: GenContext, p: ContractParam, v: Violation, f: Faker): Record<string, unknown> {
  const params = { ...ctx.baseRequest(f), ...ctx.enablers(p) };
  if (v.omit) delete params[p.name];
  else params[p.name] = v.value;
  return params;
}

/** Every way `p` can be broken alone, derived from its schema keywords. */
export function violationsOf(ctx: GenContext, p: ContractParam): Violation[] {
  const s = p.schema;
  const out: Violation[] = [];
  const f = ctx.faker(`viol/${p.name}`);
  const t = typeOf(s);
  if (p.required) {
    // A path parameter cannot be left out of a URL template (clients fill what they can): empty stands for missing.
    if (p.in !== 'path') out.push({ slug: 'missing', rule: 'required', value: undefined, description: 'is missing', omit: true });
    const emptyKw = [...new Set(['required', ...violations(s, '')])];
    out.push({ slug: 'empty', rule: 'required', value: '', description: 'is empty', keywords: emptyKw });
  }
  if (t === 'boolean') out.push({ slug: 'type-string', rule: 'type', value: 'notabool', description: 'is a string, not a boolean' });
  if (t === 'integer' || t === 'number') {
    out.push({ slug: 'type-string', rule: 'type', value: 'abc', description: 'is a string, not a number' });
    if (t === 'integer') out.push({ slug: 'type-fraction', rule: 'type', value: '1.5', description: 'is not an integer (1.5)' });
    out.push({ slug: 'overflow-int32', rule: 'type', value: 2 ** 31, description: 'overflows a 32-bit integer (2^31)' });
    out.push({ slug: 'overflow-int64', rule: 'type', value: '9223372036854775808', description: 'overflows a 64-bit integer (2^63)' });
    if (typeof s.minimum === 'number') out.push({ slug: `below-minimum-${s.minimum - 1}`, rule: 'minimum', value: s.minimum - 1, description: `is ${s.minimum - 1}, below the minimum ${s.minimum}` });
    if (typeof s.maximum === 'number') out.push({ slug: `above-maximum-${s.maximum + 1}`, rule: 'maximum', value: s.maximum + 1, description: `is ${s.maximum + 1}, above the maximum ${s.maximum}` });
  }
  if (t === 'string' && !p.refersTo) {
    const loose: Schema = { ...s };
    delete loose.minLength; delete loose.maxLength;
    if (typeof s.minLength === 'number' && s.minLength > 1) {
      const v = stringOfLength(loose, s.minLength - 1, f, p.example);
      if (v !== undefined) out.push({ slug: `too-short-${s.minLength - 1}`, rule: 'minLength', value: v, description: `is ${s.minLength - 1} characters, under minLength ${s.minLength}` });
    }
    if (typeof s.maxLength === 'number') {
      const v = stringOfLength(loose, s.maxLength + 1, f, p.example);
      if (v !== undefined) out.push({ slug: `too-long-${s.maxLength + 1}`, rule: 'maxLength', value: v, description: `is ${s.maxLength + 1} characters, over maxLength ${s.maxLength}` });
    }
    if (typeof s.pattern === 'string' || s.not !== undefined || typeof s.format === 'string') {
      const valid = String(ctx.validValue(p, f));
      for (const prop of invalidStringProposals(s, valid)) {
        const kws = violations(s, prop.value);
        out.push({ slug: prop.slug, rule: keywordRule(kws[0]), value: prop.value, description: prop.description });
      }
    }
    if (Array.isArray(s.enum)) out.push({ slug: 'not-in-enum', rule: 'enum', value: 'NotADocumentedValue', description: `is not one of ${s.enum.join(', ')}` });
    else if (s.const !== undefined) out.push({ slug: 'not-const', rule: 'const', value: `${String(s.const)}X`, description: `is not ${String(s.const)}` });
  }
  if ((t === 'integer' || t === 'number') && Array.isArray(s.enum)) {
    out.push({ slug: 'not-in-enum', rule: 'enum', value: Math.max(...s.enum.filter((x): x is number => typeof x === 'number')) + 1, description: 'is not a documented value' });
  }
  if (t === 'array') {
    const items = subSchema(s.items) ?? { type: 'string' };
    const one = () => (p.refersTo ? ctx.placeholderId({ ...p, schema: items }, f) : ctx.validValue({ ...p, schema: items }, f, false));
    // distinct where it can; a list over its limit may repeat items (an enum of three, four items) unless uniqueItems forbids it
    const list = (n: number) => {
      const out = distinct(n, one);
      for (let i = 0; out.length > 0 && out.length < n && s.uniqueItems !== true; i++) out.push(out[i]);
      return out;
    };
    if (typeof s.maxItems === 'number') out.push({ slug: `over-max-items-${s.maxItems + 1}`, rule: 'maxItems', value: list(s.maxItems + 1), description: `has ${s.maxItems + 1} items, over maxItems ${s.maxItems}` });
    if (typeof s.minItems === 'number' && s.minItems > 1) out.push({ slug: `under-min-items-${s.minItems - 1}`, rule: 'minItems', value: list(s.minItems - 1), description: `has ${s.minItems - 1} items, under minItems ${s.minItems}` });
    if (typeof items.minLength === 'number' && items.minLength > 0) out.push({ slug: 'empty-item', rule: 'minLength', value: [''], description: 'has an empty item' });
  }
  // keep proposals that really break the schema; their keyword decides the expectation
  return out.filter((v) => v.omit || v.keywords || violations(s, v.value).length > 0);
}

/**
 * A rule scenario's success answer borrowed for another request of unknown ids: the per-item code
 * its scenario gave its literal (unknown) ids now applies to each id sent; fixture items are dropped.
 */
function forIds(e: Expectation, ids: unknown[]): Expectation {
  if (e.kind !== 'success' || !e.items) return e;
  const codes = new Set(Object.entries(e.items).filter(([id]) => !id.startsWith('$')).map(([, code]) => code));
  const { items: _drop, ...rest } = e;
  if (codes.size !== 1) return rest;
  const code = [...codes][0]!;
  return { ...rest, items: Object.fromEntries(ids.map((id) => [String(id), code])) };
}

/** A scenario's value for a reference that names no fixture (`$x.id`): the rule is about an unknown id. */
function namesNoFixture(v: unknown): boolean {
  const values = Array.isArray(v) ? v : [v];
  return values.length > 0 && values.some((x) => typeof x === 'string' && x !== '' && !x.startsWith('$'));
}

/** Unknown and malformed ids, unknown region: expectations from the rules and the profile. */
function* referenceCases(ctx: GenContext): Generator<Case> {
  const c = ctx.contract;
  for (const p of ctx.params) {
    if (!p.refersTo || isProtocolParam(p)) continue;
    const f = ctx.faker(`ref/${p.name}`);
    // the entity's unknown-id rule: a scenario naming, for a reference to that kind, an id no fixture has
    const unknownRule = c.rules.find((r) => r.entity === p.refersTo && r.scenarios.some((s) => Object.entries(s.params)
      .some(([name, v]) => c.request.parameters.find((x) => x.name === name)?.refersTo === p.refersTo && namesNoFixture(v))));
    const unknownAnswers: Expectation[] = [];
    if (unknownRule?.error) unknownAnswers.push(...fromRef(unknownRule.error));
    for (const sc of unknownRule?.scenarios ?? []) unknownAnswers.push(...alternativesOf(sc.expect));
    /** The unknown-id answers for a request naming `value`: per-item results follow the ids sent. */
    const unknownFor = (value: unknown) => unknownAnswers.map((a) => forIds(a, Array.isArray(value) ? value : [value]));
    if (p.refersTo === 'region' && unknownAnswers.length === 0) {
      const na = ctx.profile?.requestStyle?.rolesNotApplicable?.['unknown-region'];
      if (!na) unknownAnswers.push(...roleError(ctx.profile, 'unknown-region'));
    }
    // Resource lookups need the other references to exist: start from the positive world.
    const world = ctx.positiveRequest(f);
    const base = world.params;
    const pointer = unknownRule ? `/rules/${c.rules.indexOf(unknownRule)}` : ctx.paramPointer(p);
    if (unknownAnswers.length > 0 && !unknownRule?.scenarios.length) {
      const value = p.refersTo === 'region' ? 'xx-nowhere-1' : ctx.placeholderId(p, f);
      yield ctx.make({
        category: 'error-table', slug: `${p.name}-unknown`, title: `${p.name} names a ${p.refersTo} that does not exist`,
        pointer, docLine: p.line, params: { ...base, [p.name]: value }, setup: world.setup, destructive: true,
        expect: combine(unknownFor(value), `unknown ${p.refersTo}`)!,
        mutation: { param: p.name, rule: 'exists', original: p.example, value, description: `${p.name} names no existing ${p.refersTo}` },
        tags: ['negative'],
      });
    }
    if (p.refersTo === 'region' || isContextRef(p)) continue;
    // Malformed: not an id of this kind at all. The contract has no id syntax rule, so either the
    // unknown-id answer or the profile's invalid-parameter is accepted.
    const bad = 'not-an-id!';
    const value = p.schema.type === 'array' ? [bad] : bad;
    const answers = [...unknownFor(value), ...roleError(ctx.profile, 'invalid-parameter')];
    const expect = combine(answers, `malformed ${p.refersTo} id: the page gives no id syntax, so not-found and invalid-parameter are both accepted`);
    if (!expect) continue;
    yield ctx.make({
      category: 'pattern-format', slug: `${p.name}-malformed-id`, title: `${p.name} is not a ${p.refersTo} id at all`,
      pointer: ctx.paramPointer(p), docLine: p.line, params: { ...base, [p.name]: value }, setup: world.setup, destructive: true, expect,
      mutation: { param: p.name, rule: 'id-format', original: p.example, value, description: `${p.name} is malformed` },
      tags: ['negative'],
    });
  }
}
