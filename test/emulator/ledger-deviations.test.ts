// Deviations derived from the evidence ledgers (emulator/deviations/ledger.ts), not picked by hand: for
// every disputed claim, the emulator answering each alternative passes the cases that rest on the
// claim (and the answer really changed), and an answer outside all alternatives fails one of them.
// (`npm run mutants` runs the whole standard suite against each; here only the cases of each claim.)
import { describe, expect, test } from 'vitest';
import type { Case, RunResults } from '../../core/types.ts';
import { ledgerDeviations } from '../../emulator/deviations/ledger.ts';
import { answerOf, loadContracts } from '../../loader/index.ts';
import { generateCases } from '../../generators/index.ts';
import { runSuite } from '../../runner/index.ts';
import { openTarget } from '../../compose/open-target.ts';

const loaded = loadContracts({ expect: 'current' });
const cases = generateCases(loaded, { seed: 1, depth: 'standard' });
const { deviations, gaps } = ledgerDeviations(loaded);
const casesOf = (claim: string): Case[] => cases.filter((c) => c.evidence?.claims?.includes(claim));

/** Every disputed claim of the ledgers, by claim id, with its `about` and values. */
const disputes = new Map<string, { about: string; values: unknown[] }>();
for (const x of [...Object.values(loaded.profiles), ...loaded.contracts]) {
  for (const [about, d] of Object.entries(x.$evidence?.disputes ?? {})) disputes.set(d.claim, { about, values: d.values });
}

async function run(mutants: string[], only: Case[]): Promise<RunResults> {
  const target = await openTarget('inprocess', { loaded, mutants, behaviour: 'current' });
  try {
    return await runSuite({ cases: only, target, loaded, concurrency: 4, seed: 1, depth: 'standard', retries: 0 });
  } finally {
    await target.close?.();
  }
}

const answers = (r: RunResults) => r.cases.map((c) => JSON.stringify(c.actual));

describe('ledger deviations', () => {
  test('every disputed claim gives a mutant, and a variant for each value the emulator does not answer already', () => {
    expect(disputes.size).toBeGreaterThanOrEqual(10);
    for (const [claim, d] of disputes) {
      const own = deviations.filter((x) => x.claim.id === claim);
      const gap = gaps.filter((g) => g.claim === claim);
      expect(own.filter((x) => x.kind === 'mutant').length + gap.length, claim).toBe(1);
      // one of the values is what the emulator answers by default; a common error's default gets no variant
      expect(own.filter((x) => x.kind === 'variant').length + gap.length, claim).toBeGreaterThanOrEqual(d.values.length - 1);
    }
    expect(deviations.every((x) => disputes.has(x.claim.id))).toBe(true);
  });

  const exercised = deviations.filter((d) => casesOf(d.claim.id).length > 0);
  test('every disputed claim rests under some generated case (throttling through a `fault` fixture)', () => {
    expect([...disputes.keys()].filter((claim) => casesOf(claim).length === 0)).toEqual([]);
  });

  test.each(exercised.filter((d) => d.kind === 'variant').map((d) => [d.name, d] as const))('variant %s: its cases see the alternative and do not fail', async (_n, d) => {
    const only = casesOf(d.claim.id);
    const [reference, variant] = [await run([], only), await run([d.name], only)];
    expect(variant.cases.filter((c) => c.verdict === 'fail' || c.verdict === 'inconclusive').map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
    // the rewrite fired: some answer differs from the reference emulator's, and shows the alternative
    expect(answers(variant)).not.toEqual(answers(reference));
    const value = d.name.split('.as-')[1]!;
    if (value !== 'success') expect(answers(variant).some((a) => a.includes(value.split('-')[0]!)), value).toBe(true);
  }, 30_000);

  test.each(exercised.filter((d) => d.kind === 'mutant').map((d) => [d.name, d] as const))('mutant %s: a case resting on its claim fails', async (_n, d) => {
    const r = await run([d.name], casesOf(d.claim.id));
    expect(r.cases.filter((c) => c.verdict === 'fail').length).toBeGreaterThan(0);
  }, 30_000);

  test('an answer value of a disputed rule or note is accepted wherever that answer is expected (loader)', () => {
    for (const [claim, d] of disputes) {
      if (!/^(rule|note):/.test(d.about)) continue;
      const own = casesOf(claim);
      expect(own.length, claim).toBeGreaterThan(0);
      for (const c of own) {
        const alts = 'alternatives' in c.expect ? c.expect.alternatives : [c.expect];
        for (const v of d.values) expect(alts, `${c.id}: ${JSON.stringify(v)}`).toContainEqual(answerOf(v));
      }
    }
  });
});
