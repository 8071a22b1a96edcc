// Generator properties over the real contracts: determinism, ids, traceability, depths, laziness.
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../core/types.ts';
import { generateCases, iterateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';

const loaded = loadContracts();
const standard = generateCases(loaded, { seed: 1, depth: 'standard' });

describe('determinism', () => {
  it('same seed: same cases, same order, same values', () => {
    expect(generateCases(loaded, { seed: 1, depth: 'standard' })).toEqual(standard);
  });
  it('different seed: same ids, different values', () => {
    const other = generateCases(loaded, { seed: 2, depth: 'standard' });
    expect(other.map((c) => c.id)).toEqual(standard.map((c) => c.id));
    const differing = other.filter((c, i) => JSON.stringify(c.call.params) !== JSON.stringify(standard[i]!.call.params));
    expect(differing.length).toBeGreaterThan(standard.length / 4);
  });
  it('a case does not depend on the filters that selected it', () => {
    const byId = new Map(standard.map((c) => [c.id, c]));
    const only = generateCases(loaded, { seed: 1, depth: 'standard', filter: { category: ['range-length'], vendor: ['aliyun'] } });
    expect(only.length).toBeGreaterThan(0);
    for (const c of only) expect(c).toEqual(byId.get(c.id));
  });
  it('blocks are independent: skipping some leaves every other case exactly as in a full generation', () => {
    const blocks: string[] = [];
    const full = [...iterateCases(loaded, { seed: 4, depth: 'deep', variations: 3, onBlock: (c, v) => blocks.push(`${c}#${v}`) })];
    expect(blocks).toHaveLength(loaded.contracts.length * 4);
    // Skip every other block, standard ones included: what remains is the full list minus those blocks.
    const skipped = new Set(blocks.filter((_, i) => i % 2 === 0));
    const told: string[] = [];
    const partial = [...iterateCases(loaded, {
      seed: 4, depth: 'deep', variations: 3, skipBlock: (c, v) => skipped.has(`${c}#${v}`), onBlock: (c, v) => told.push(`${c}#${v}`),
    })];
    const blockOf = (id: string) => { const v = /-v(\d+)(-\d+)?$/.exec(id); return `${id.split('/')[0]}#${v ? v[1] : 0}`; };
    expect(told).toEqual(blocks.filter((b) => !skipped.has(b)));
    expect(partial.length).toBeGreaterThan(0);
    expect(partial).toEqual(full.filter((c) => !skipped.has(blockOf(c.id))));
  });

  it('iterateCases yields exactly generateCases', () => {
    expect([...iterateCases(loaded, { seed: 1, depth: 'standard' })]).toEqual(standard);
  });
});

describe('ids and traceability', () => {
  it('ids are unique and shaped <contract>/<category>/<slug>', () => {
    expect(new Set(standard.map((c) => c.id)).size).toBe(standard.length);
    for (const c of standard) {
      const [contract, category, ...slug] = c.id.split('/');
      expect(contract).toBe(c.contract);
      expect(category).toBe(c.category);
      expect(CATEGORIES).toContain(c.category);
      expect(slug.join('/')).toMatch(/^[\w.:-]+$/);
    }
  });
  it('ids stay unique at depth deep', () => {
    const deep = generateCases(loaded, { seed: 1, depth: 'deep', variations: 3 });
    expect(new Set(deep.map((c) => c.id)).size).toBe(deep.length);
  });
  it('every case names its contract line and its page', () => {
    for (const c of standard) {
      // a client flow's source is its flow file (flows/<vendor>/*.yaml), the rest their contract's
      expect(c.source.file, c.id).toMatch(c.category === 'client-flows' ? /^flows\/[a-z]+\/[^/]+\.yaml$/ : /^contracts\//);
      expect(typeof c.source.line, c.id).toBe('number');
      // the stored page; a read call that stores none names the vendor's page by URL
      const k = loaded.byId(c.contract);
      if (k.source.file === null) expect(c.docSource?.file, c.id).toBe(k.source.url);
      else expect(c.docSource?.file, c.id).toMatch(/^contracts\/.+\/pages\/[^/]+$/);
    }
  });
  it('every negative case carries its mutation', () => {
    for (const c of standard.filter((x) => x.tags?.includes('negative'))) {
      expect(c.mutation, c.id).toBeDefined();
      expect(c.mutation!.rule.length).toBeGreaterThan(0);
      expect(c.mutation!.description.length).toBeGreaterThan(0);
    }
  });
});

describe('depths', () => {
  it('smoke: the example, one missing-required and one state rule per operation', () => {
    const smoke = generateCases(loaded, { seed: 1, depth: 'smoke' });
    for (const contract of loaded.contracts) {
      const mine = smoke.filter((c) => c.contract === contract.id);
      const ruleColumn = { idempotency: 'idempotency', filter: 'filters', paging: 'paging' }[contract.rules[0]!.kind as string] ?? 'state-rules';
      // (a read call with no required parameter has no missing-required case)
      const required = contract.request.parameters.some((p) => p.required && p.name !== 'Action' && p.name !== 'Version') ? ['required'] : [];
      expect(mine.map((c) => c.category), contract.id).toEqual(['positive', ...required, ruleColumn]);
      expect(mine[0]!.id).toMatch(/doc-example$/);
    }
  });
  it('deep: standard plus seeded variations, growing with the multiplier', () => {
    const d2 = generateCases(loaded, { seed: 1, depth: 'deep', variations: 2 });
    const d4 = generateCases(loaded, { seed: 1, depth: 'deep', variations: 4 });
    const ids2 = new Set(d2.map((c) => c.id));
    for (const c of standard) expect(ids2.has(c.id)).toBe(true);
    const perVariation = (d4.length - d2.length) / 2;
    expect(perVariation).toBeGreaterThan(50);
    expect(d2.length).toBe(standard.length + 2 * perVariation);
  });
  it('deep scales lazily: the first cases of a 100k-case run come at once', () => {
    const t0 = performance.now();
    const it = iterateCases(loaded, { seed: 1, depth: 'deep', variations: 1000 });
    let n = 0;
    for (const _ of it) if (++n >= 2000) break;
    expect(n).toBe(2000);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
  it('rejects an unknown depth or category with the valid ones', () => {
    expect(() => generateCases(loaded, { seed: 1, depth: 'deeep' as 'deep' })).toThrow(/deep/);
    expect(() => generateCases(loaded, { seed: 1, depth: 'standard', filter: { category: ['positiv'] } })).toThrow(/did you mean "positive"/);
  });
});

describe('flags', () => {
  it('positive and stateful cases are destructive; one-violation cases without fixtures are not', () => {
    for (const c of standard) {
      if (c.tags?.includes('positive') || c.category === 'state-rules' || c.category === 'idempotency') expect(c.destructive, c.id).toBe(true);
      if (c.tags?.includes('negative') && !c.setup) expect(c.destructive, c.id).toBe(false);
    }
  });
  it('cases on account-wide fixtures (and injected faults) are exclusive, others are not', () => {
    for (const c of standard) expect(!!c.exclusive, c.id).toBe(!!c.setup?.some((f) => f.kind === 'account' || f.kind === 'region' || f.kind === 'fault'));
    expect(standard.some((c) => c.exclusive)).toBe(true);
  });
});
