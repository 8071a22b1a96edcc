// A fail on an expectation a superseded claim decided cites the claim: the value now expected with
// the sources that say it, and the older value with its sources. Claims come from the real ledgers.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../core/types.ts';
import { judge } from '../../checks/index.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts, type LoadedContracts } from '../../loader/index.ts';
import { answer, FULL } from '../runner/fakes.ts';

const under = (expect: 'current' | 'page') => {
  const loaded = loadContracts({ expect });
  return { loaded, cases: generateCases(loaded, { seed: 1, depth: 'standard', filter: { vendor: ['huaweicloud'] } }) };
};
const ctxOf = (loaded: LoadedContracts, c: Case) => ({ contract: loaded.byId(c.contract), profile: loaded.profiles[loaded.byId(c.contract).vendor], capabilities: FULL });

describe('failure reasons cite the superseded claims they follow', () => {
  // every case of the Huawei ledger that follows a superseded claim, judged on the page's older answer
  const cur = under('current');
  const page = under('page');
  const ledger = cur.loaded.byId('huaweicloud.evs.DeleteSnapshot').$ledger!;
  const superseded = new Set(ledger.claims.filter((c) => c.kind === 'superseded').map((c) => c.id));
  const olderOf = (c: Case) => page.cases.find((p) => p.id === c.id)?.expect;
  // cases whose page-profile twin expects another error code: the older answer
  const followed = cur.cases.filter((c) => {
    const older = olderOf(c);
    return c.evidence?.claims?.some((id) => superseded.has(id)) && !('alternatives' in c.expect) && c.expect.kind === 'error'
      && older && !('alternatives' in older) && older.kind === 'error' && older.code !== c.expect.code;
  });

  it('the ledger gives such cases', () => expect(followed.length).toBeGreaterThan(3));

  it.each(followed.map((c) => [c.id, c] as const))('%s: the older answer fails, citing the newer sources', (_id, c) => {
    const older = olderOf(c) as { kind: 'error'; code: string; status?: number };
    const j = judge(c, answer(older, c, cur.loaded.byId(c.contract)), ctxOf(cur.loaded, c));
    expect(j.verdict).toBe('fail');
    const claim = ledger.claims.find((k) => c.evidence!.claims!.includes(k.id) && k.says.some((s) => JSON.stringify(s.value).includes(older.code)))!;
    expect(j.reason).toContain(`claim ${claim.id}`);
    const newer = claim.says.find((s) => JSON.stringify(s.value) === JSON.stringify(claim.current))!;
    for (const id of newer.sources) expect(j.reason).toContain(`${id}: `);
    expect(j.reason).toContain(`replacing ${JSON.stringify(claim.says.find((s) => s.sources.includes('page'))!.value)} per page: `);
  });

  it('a case no claim decided fails without citations', () => {
    const c = cur.cases.find((k) => !k.evidence?.claims?.length && !('alternatives' in k.expect) && k.expect.kind === 'error')!;
    const j = judge(c, answer({ kind: 'error', code: 'Nope', status: 418 }, c, cur.loaded.byId(c.contract)), ctxOf(cur.loaded, c));
    expect(j.verdict).toBe('fail');
    expect(j.reason).not.toContain('claim ');
  });
});
