// COVERAGE OF THE LEDGERS: every expectation of every contract and profile rests on a source (the
// page's line, or a ledger source), or is listed as `single` with the reason. Data-driven from the
// loaded contracts and ledgers: an added contract or ledger is covered without editing this file.
import { describe, expect, it } from 'vitest';
import { checkContracts } from '../../loader/index.ts';
import { evidenceSummaries, totals, type LedgerSummary } from '../../loader/evidence-summary.ts';

/** The share of expectations that should rest on two independent sources (issue 13's aim). */
export const TWO_SOURCE_TARGET = 0.8;
/** What the ledgers reach today: a ratchet, raised as ledgers grow, never lowered. */
export const TWO_SOURCE_FLOOR = 0.52;

/** Keys that rest on nothing: no page line, no ledger source, and no `single` reason. */
export function unbacked(s: LedgerSummary): string[] {
  return s.expectations.filter((e) => e.sources.length === 0 && !e.single).map((e) => e.key);
}

const { loaded, problems } = checkContracts();
const summaries = evidenceSummaries(loaded.contracts, Object.values(loaded.profiles));

describe('evidence coverage', () => {
  it('the contracts and ledgers load clean', () => {
    expect(problems.map((p) => p.message)).toEqual([]);
    expect(summaries.length).toBe(loaded.contracts.length + Object.keys(loaded.profiles).length);
  });

  it('every contract and every vendor profile has its ledger', () => {
    expect(loaded.contracts.filter((c) => !c.$ledger).map((c) => c.id)).toEqual([]);
    expect(Object.values(loaded.profiles).filter((p) => !p.$ledger).map((p) => p.vendor)).toEqual([]);
  });

  it.each(summaries.map((s) => [s.subject, s] as const))('%s: every expectation rests on a source or says why not', (_id, s) => {
    expect(unbacked(s)).toEqual([]);
  });

  it('the check fails on an expectation nothing backs', () => {
    const s = summaries.find((x) => x.expectations.length > 0)!;
    const broken: LedgerSummary = { ...s, expectations: [...s.expectations, { key: 'param:Invented', sources: [], families: [] }] };
    expect(unbacked(broken)).toEqual(['param:Invented']);
  });

  it(`the share on two independent sources does not fall below the floor (${TWO_SOURCE_FLOOR}; aim ${TWO_SOURCE_TARGET})`, () => {
    const t = totals(summaries);
    expect(t.expectations).toBeGreaterThan(0);
    expect(t.twoOrMore / t.expectations).toBeGreaterThanOrEqual(TWO_SOURCE_FLOOR);
  });
});
