// Every error row with a trigger is reachable on the emulator: rule triggers through the rule's
// scenarios, parameter triggers by breaking that parameter's keyword on an otherwise valid request.
// A row whose code is a non-first alternative of an Acceptable is reached "as an alternative":
// the emulator answers the first alternative (documented policy), and the row's code is accepted there.
import { describe, expect, test } from 'vitest';
import type { Acceptable, Contract, ContractErrorRow, ContractParam, ErrorRef, Expectation } from '../../core/types.ts';
import { call, createFixtures, LOADED, newEngine, resolveRefs, describe as show } from './scenario.ts';

type Outcome = 'exact' | 'alternative' | 'unreached';

function codesOf(e: Expectation | Acceptable | ErrorRef | undefined): string[] {
  if (!e) return [];
  if ('alternatives' in e) return e.alternatives.flatMap(codesOf);
  if ('kind' in e && e.kind === 'success') return [];
  return [(e as ErrorRef).code];
}

function viaRule(c: Contract, row: ContractErrorRow): Outcome {
  const rule = c.rules.find((r) => r.id === row.trigger!.rule);
  if (!rule) return 'unreached';
  let best: Outcome = 'unreached';
  for (const sc of rule.scenarios) {
    const expectation = sc.then && codesOf(sc.then.expect).includes(row.code) ? sc.then.expect : sc.expect;
    if (![...codesOf(expectation), ...codesOf(rule.error)].includes(row.code)) continue;
    const { store, engine } = newEngine();
    const refs = createFixtures(store, c.vendor, sc.given);
    let r = call(engine, c, resolveRefs(sc.params, refs) as Record<string, unknown>);
    if (expectation !== sc.expect) r = call(engine, c, resolveRefs(sc.then!.params, refs) as Record<string, unknown>);
    if (r.error?.code === row.code && r.status === row.status) return 'exact';
    if (r.error && codesOf(expectation).includes(r.error.code)) best = 'alternative';
  }
  return best;
}

/** A value that breaks `keyword` of the param's schema (wire-level strings). */
function breaking(p: ContractParam, keyword: string): unknown {
  const s = p.schema as Record<string, number | string | undefined>;
  switch (keyword) {
    case 'required': return undefined;
    case 'maxItems': return Array.from({ length: Number(s.maxItems) + 1 }, (_, i) => `i-${String(i).padStart(18, '0')}`);
    case 'minItems': return [];
    case 'maxLength': return 'a'.repeat(Number(s.maxLength) + 1);
    case 'minLength': return 'a'.repeat(Math.max(0, Number(s.minLength) - 1));
    case 'pattern': return p.name === 'ClientToken' ? '令牌' : '1-starts-with-a-digit';
    case 'not': return 'http://example.test/x';
    case 'minimum': return Number(s.minimum) - 1;
    case 'maximum': return Number(s.maximum) + 1;
    case 'type': return 'not-a-value';
    default: throw new Error(`no breaking value for keyword ${keyword}`);
  }
}

function baseParams(c: Contract): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of c.request.parameters) if (p.required && p.example !== undefined && !['Action', 'Version'].includes(p.name)) out[p.name] = p.example;
  return out;
}

function viaParam(c: Contract, row: ContractErrorRow): Outcome {
  const p = c.request.parameters.find((x) => x.name === row.trigger!.param)!;
  const kw = row.trigger!.keyword ?? 'required';
  const params = baseParams(c);
  const v = breaking(p, kw);
  if (v === undefined) delete params[p.name]; else params[p.name] = v;
  const { engine } = newEngine({ world: 'demo' });
  const r = call(engine, c, params);
  if (r.error?.code === row.code && r.status === row.status) return 'exact';
  const accepted = codesOf(p.onViolation?.[kw] ?? p.onViolation?.['*']);
  if (accepted.includes(row.code) && r.error && accepted.includes(r.error.code)) return 'alternative';
  throw new Error(`${c.id} ${row.code} via ${p.name}.${kw}: got ${show(r)}`);
}

const rows = LOADED.contracts.flatMap((c) => c.errors.filter((e) => e.trigger && !e.untriggerable).map((row) => ({ c, row })));

describe('every error row with a trigger is reachable', () => {
  test('there are rows to check', () => { expect(rows.length).toBeGreaterThan(10); });
  const outcomes: Record<string, Outcome> = {};
  test.each(rows.map(({ c, row }) => [`${c.id} ${row.status} ${row.code} (${JSON.stringify(row.trigger)})`, c, row] as const))('%s', (_n, c, row) => {
    const out = row.trigger!.rule ? viaRule(c, row) : viaParam(c, row);
    outcomes[`${c.id} ${row.code}`] = out;
    expect(out).not.toBe('unreached');
  });
  test('summary (printed for the report)', () => {
    const alt = Object.entries(outcomes).filter(([, o]) => o === 'alternative').map(([k]) => k);
    console.log(`error rows reached exactly: ${Object.values(outcomes).filter((o) => o === 'exact').length}; as a sibling alternative: ${alt.join(', ')}`);
  });
});
