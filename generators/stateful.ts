// Stateful cases: one per rule scenario (world given, call, expected answer, state after, replay),
// and both sides of each cross-field dependency.
import type { Case, Category, ContractRule, RuleScenario, StateAssertion, Vendor } from '../core/types.ts';
import { ENTITY_KINDS } from '../core/world.ts';
import { isContextRef, isProtocolParam, type GenContext } from './context.ts';
import { alternativesOf } from '../core/expectations.ts';
import { combine, expectViolation, fromRef, roleError } from './expect.ts';
import { violationsOf } from './negative.ts';
import { successExpectation } from './positive.ts';

/** `$response.X` refs name the entity the call created: its kind is the rule's entity. */
function withKinds(after: StateAssertion[] | undefined, rule: ContractRule, vendor: Vendor): StateAssertion[] | undefined {
  const kinds: readonly string[] = ENTITY_KINDS[vendor];
  return after?.map((a) => {
    if (!a.ref.startsWith('$response.') || a.kind) return a;
    // `SnapshotGroupId` names its kind (snapshotGroup) when the world knows it; else the rule's entity
    const field = a.ref.slice('$response.'.length).replace(/Ids?$/, '');
    const named = field.charAt(0).toLowerCase() + field.slice(1);
    const kind = kinds.includes(named) ? named : rule.entity;
    return kind ? { ...a, kind } : a;
  });
}

export function scenarioCase(ctx: GenContext, rule: ContractRule, s: RuleScenario, i: number, j: number): Case {
  const f = ctx.faker(`scenario/${rule.id}/${s.name}`);
  // Fill required plain params the scenario leaves out (e.g. RegionId), never references.
  const fill: Record<string, unknown> = {};
  for (const p of ctx.params) {
    if (!ctx.needed(p) || isProtocolParam(p) || (p.refersTo && !isContextRef(p)) || p.name in s.params) continue;
    fill[p.name] = ctx.validValue(p, f);
  }
  const then = s.then ? { ...s.then, params: { ...fill, ...s.then.params } } : undefined;
  // a paging scenario asks for pages of `pages` items (the contract's page-size parameter)
  const size = ctx.contract.listing?.paging?.size;
  if (s.pages !== undefined && size && !(size in s.params)) fill[size] = s.pages;
  const reads = rule.kind === 'filter' || rule.kind === 'paging';
  return ctx.make({
    category: RULE_CATEGORY[rule.kind],
    slug: s.name === rule.id ? s.name : `${rule.id}--${s.name}`,
    title: `${rule.doc.length > 90 ? `${rule.doc.slice(0, 90)}…` : rule.doc} [${s.name}]`,
    pointer: `/rules/${i}/scenarios/${j}`, docLine: rule.line,
    params: { ...fill, ...s.params }, setup: s.given.map((g) => ({ ...g })), expect: s.expect,
    after: withKinds(s.after, rule, ctx.contract.vendor), then, listed: s.listed, pages: s.pages, destructive: !reads, tags: ['stateful', rule.kind],
  });
}

/** The matrix column of a rule's cases: a read call's filter and paging rules have their own. */
const RULE_CATEGORY: Record<ContractRule['kind'], Category> = {
  precondition: 'state-rules', effect: 'state-rules', limit: 'state-rules', idempotency: 'idempotency', filter: 'filters', paging: 'paging',
};

export function* scenarioCases(ctx: GenContext): Generator<Case> {
  const rules = ctx.contract.rules;
  for (let i = 0; i < rules.length; i++) {
    for (let j = 0; j < rules[i]!.scenarios.length; j++) yield scenarioCase(ctx, rules[i]!, rules[i]!.scenarios[j]!, i, j);
  }
}

/** Both sides of each dependency: the rule applies when its condition holds, not otherwise. */
export function* dependencyCases(ctx: GenContext): Generator<Case> {
  const c = ctx.contract;
  for (let i = 0; i < (c.request.dependencies ?? []).length; i++) {
    const d = c.request.dependencies![i]!;
    const pointer = `/request/dependencies/${i}`;
    const f = ctx.faker(`dep/${d.id}`);
    const pos = ctx.positiveRequest(f);
    const when = d.when ?? {};
    const whenNot = Object.fromEntries(Object.entries(when).map(([k, v]) => [k, typeof v === 'boolean' ? !v : undefined]));
    const params = d.params.map((n) => c.request.parameters.find((p) => p.name === n)).filter((p) => p !== undefined);
    if (d.kind === 'only-effective-when') {
      for (const p of params) {
        const valid = ctx.validValue(p, f);
        const invalid = violationsOf(ctx, p).find((v) => !v.omit && v.rule !== 'required' && v.rule !== 'type');
        // condition false: the parameter is ignored, a valid value is simply accepted
        yield ctx.make({
          category: 'positive', slug: `${d.id}--ignored-when-off`, title: `${p.name} is accepted and ignored when ${fmt(whenNot)}`,
          pointer, docLine: d.line, params: { ...pos.params, ...whenNot, [p.name]: valid }, setup: pos.setup,
          expect: successExpectation(ctx), destructive: true, tags: ['dependency'],
        });
        if (!invalid) continue;
        const validated = expectViolation(c, ctx.profile, p, [invalid.rule]);
        // condition false + invalid value: the page says "only effective when", not whether it is validated
        const either = combine([successExpectation(ctx), ...(validated ? alternativesOf(validated) : [])],
          `${d.id}: the page says ${p.name} only takes effect when ${fmt(when)}; it does not say whether an ignored value is validated`)!;
        yield ctx.make({
          category: 'positive', slug: `${d.id}--invalid-ignored-when-off`, title: `${p.name} ${invalid.description} while ${fmt(whenNot)}`,
          pointer, docLine: d.line, params: { ...ctx.baseRequest(f), ...whenNot, [p.name]: invalid.value }, expect: either,
          mutation: { param: p.name, rule: invalid.rule, value: invalid.value, description: `${p.name} ${invalid.description} (condition off)` },
          tags: ['dependency'],
        });
        if (validated) {
          yield ctx.make({
            category: 'range-length', slug: `${d.id}--validated-when-on`, title: `${p.name} ${invalid.description} while ${fmt(when)} is refused`,
            pointer, docLine: d.line, params: { ...ctx.baseRequest(f), ...when, [p.name]: invalid.value }, expect: validated,
            mutation: { param: p.name, rule: invalid.rule, value: invalid.value, description: `${p.name} ${invalid.description} (condition on)` },
            tags: ['dependency', 'negative'],
          });
        }
      }
    } else if (d.kind === 'mutually-exclusive' || d.kind === 'at-least-one' || d.kind === 'required-when') {
      const values = Object.fromEntries(params.map((p) => [p.name, ctx.validValue(p, f)]));
      const bad: Record<string, unknown> = d.kind === 'mutually-exclusive' ? values : d.kind === 'required-when' ? { ...when } : {};
      const base = ctx.baseRequest(f);
      for (const n of d.params) delete base[n];
      const expect = combine(d.error ? fromRef(d.error) : roleError(ctx.profile, 'invalid-parameter'), d.id)!;
      yield ctx.make({
        category: 'required', slug: `${d.id}--violated`, title: `${d.kind}: ${d.params.join(', ')} (${d.doc.slice(0, 60)})`,
        pointer, docLine: d.line, params: { ...base, ...bad }, expect,
        mutation: { rule: 'dependency', value: bad, description: `${d.kind} ${d.params.join(', ')} violated` }, tags: ['dependency', 'negative'],
      });
      // A satisfied group names real resources: the valid request's own reference, else a fixture shaped like the baseline's.
      const first = params[0]!;
      let setup = pos.setup;
      let firstValue = values[first.name];
      if (first.refersTo && !isContextRef(first)) {
        if (pos.params[first.name] !== undefined) firstValue = pos.params[first.name];
        else {
          const extra = ctx.extraFixtures(first.refersTo, 1, `${d.id.replace(/\W/g, '')}-`);
          setup = [...pos.setup, ...extra.setup];
          firstValue = first.schema.type === 'array' ? extra.refs : extra.refs[0];
        }
      }
      const good: Record<string, unknown> = d.kind === 'required-when' ? { ...when, ...values } : { [first.name]: firstValue };
      yield ctx.make({
        category: 'positive', slug: `${d.id}--satisfied`, title: `${d.kind}: ${d.params.join(', ')} satisfied`,
        pointer, docLine: d.line, params: satisfied(d.kind === 'mutually-exclusive' ? d.params.slice(1) : [], { ...pos.params, ...good }), setup, expect: successExpectation(ctx),
        destructive: true, tags: ['dependency'],
      });
    }
  }
}

/** The request without the other members of a mutually exclusive group. */
function satisfied(without: string[], params: Record<string, unknown>): Record<string, unknown> {
  const out = { ...params };
  for (const n of without) delete out[n];
  return out;
}

const fmt = (o: Record<string, unknown>) => Object.entries(o).map(([k, v]) => `${k}=${String(v)}`).join(', ');
