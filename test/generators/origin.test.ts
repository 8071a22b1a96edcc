// Typed provenance (issue 16 item 2): every generated case says where it comes from, and what it
// names exists in its contract, its vendor profile or its flow; nothing recovers it by parsing ids.
import { describe, expect, it } from 'vitest';
import type { Case, CaseOrigin } from '../../core/types.ts';
import { generateCases } from '../../generators/index.ts';
import { originAt } from '../../generators/context.ts';
import { loadContracts } from '../../loader/index.ts';
import { loadFlows } from '../../loader/flows.ts';

const loaded = loadContracts({ expect: 'current' });
const cases = generateCases(loaded, { seed: 1, depth: 'standard' });
const flows = new Set(loadFlows(loaded).map((f) => f.id));

function problem(c: Case, o: CaseOrigin | undefined): string | undefined {
  const k = loaded.byId(c.contract);
  if (!o) return 'no origin';
  switch (o.kind) {
    case 'rule': return k.rules.find((r) => r.id === o.rule)?.scenarios.some((s) => s.name === o.scenario) ? undefined : `no scenario ${o.rule}/${o.scenario}`;
    case 'dependency': return k.request.dependencies?.some((d) => d.id === o.dependency) ? undefined : `no dependency ${o.dependency}`;
    case 'error-row': return k.errors.some((e) => e.code === o.code) ? (o.stimulus ? problem(c, o.stimulus) : undefined) : `no error row ${o.code}`;
    case 'parameter': return k.request.parameters.some((p) => p.name === o.param) ? undefined : `no parameter ${o.param}`;
    case 'protocol': return !o.role || loaded.profiles[k.vendor].errors[o.role] || o.role === 'missing-auth' ? undefined : `no profile role ${o.role}`;
    case 'flow': return flows.has(o.flow) ? undefined : `no flow ${o.flow}`;
    case 'operation': return undefined;
  }
}

describe('Case.origin', () => {
  it('every generated case has one, and what it names exists', () => {
    expect(cases.length).toBeGreaterThan(200);
    expect(cases.map((c) => [c.id, problem(c, c.origin)]).filter(([, p]) => p)).toEqual([]);
  });

  it('each kind occurs, and a category agrees with its kind', () => {
    const kinds = new Set(cases.map((c) => c.origin!.kind));
    expect([...kinds].sort()).toEqual(['dependency', 'error-row', 'flow', 'operation', 'parameter', 'protocol', 'rule']);
    for (const c of cases) {
      if (c.category === 'client-flows') expect(c.origin!.kind, c.id).toBe('flow');
      // an error-table case aims at a row, or (a reference the profile answers, with no row) at its parameter
      if (c.category === 'error-table') expect(['error-row', 'parameter'], c.id).toContain(c.origin!.kind);
      if (c.category === 'auth-signing' && c.mutation) expect(c.origin!.kind, c.id).toBe('protocol');
    }
  });

  it('a negative parameter case names the keyword it breaks', () => {
    const broken = cases.filter((c) => c.mutation?.param && c.origin?.kind === 'parameter');
    expect(broken.length).toBeGreaterThan(20);
    for (const c of broken) expect(c.origin, c.id).toMatchObject({ kind: 'parameter', param: c.mutation!.param, keyword: c.mutation!.rule });
  });

  it('originAt resolves pointers against the contract, not against names', () => {
    const k = loaded.byId('aliyun.ecs.DeleteSnapshot');
    expect(originAt(k, '/rules/1/scenarios/0')).toEqual({ kind: 'rule', rule: k.rules[1]!.id, scenario: k.rules[1]!.scenarios[0]!.name });
    expect(originAt(k, '/errors/0')).toEqual({ kind: 'error-row', code: k.errors[0]!.code });
    expect(originAt(k, '/request/parameters/1/schema/minLength')).toEqual({ kind: 'parameter', param: k.request.parameters[1]!.name, keyword: 'minLength' });
    expect(originAt(k, '/response')).toEqual({ kind: 'operation' });
  });
});
