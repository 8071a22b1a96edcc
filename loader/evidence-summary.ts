// The ledger as a reader needs it: each expectation with its sources, each disagreement with the choice
// each profile makes, and the counts that say how well the expectations are backed. Pure data; the
// `conformance evidence` command renders it and the coverage test asserts on it.
import { pageLabel } from '../core/page.ts';
import { chosenValue, describeSource, EXPECT_PROFILES, type Claim, type ExpectProfile, type Ledger } from '../core/evidence.ts';
import type { Contract, ProtocolProfile } from '../core/types.ts';
import { backingOf, contractKeys, paramKeys, profileKeys, type Backing, type ExpectationKey } from './evidence-keys.ts';
import { recordOf } from '../core/json.ts';

export interface LedgerSummary {
  /** A contract id, or `profile:<vendor>`. */
  subject: string;
  expectations: Backing[];
  claims: (Claim & { choice: Record<ExpectProfile, unknown[]> })[];
  /** `id: reference` of each source the ledger lists. */
  sources: string[];
}

export interface EvidenceTotals { expectations: number; twoOrMore: number; one: number; none: number; disagreements: number }

/** Keys of what a ledger adds (parameters, errors, rules, dependencies), so they are counted too. */
function addedKeys(ledger: Ledger | undefined): ExpectationKey[] {
  const a = ledger?.adds ?? {};
  return [
    ...(a.parameters ?? []).flatMap((p) => paramKeys(p, false)),
    ...(a.errors ?? []).map((e) => ({ key: `error:${e.code}`, onPage: false })),
    ...(a.rules ?? []).map((r) => ({ key: `rule:${r.id}`, onPage: false })),
    ...(a.dependencies ?? []).map((d) => ({ key: `dependency:${d.id}`, onPage: false })),
  ];
}

function summarise(subject: string, keys: ExpectationKey[], ledger: Ledger | undefined, pageRef?: string): LedgerSummary {
  const seen = new Set(keys.map((k) => k.key));
  const all = [...keys, ...addedKeys(ledger).filter((k) => !seen.has(k.key))];
  return {
    subject,
    expectations: backingOf(all, ledger),
    claims: (ledger?.claims ?? []).map((c) => ({
      ...c,
      choice: recordOf(EXPECT_PROFILES, (p) => chosenValue(c, p).values),
    })),
    sources: [
      ...(pageRef ? [`page: ${pageRef}`] : []),
      ...Object.entries(ledger?.sources ?? {}).map(([id, s]) => describeSource(id, s)),
    ],
  };
}

/**
 * One summary per contract (stored, as the page gives it, with the ledger's adds counted) and per
 * vendor profile. Pass the contracts as stored (`checkContracts`) or under any profile: the keys are the
 * page's plus the ledger's adds either way.
 */
export function evidenceSummaries(contracts: Contract[], profiles: ProtocolProfile[]): LedgerSummary[] {
  return [
    ...contracts.map((c) => summarise(c.id, contractKeys(c), c.$ledger, c.source.url ?? pageLabel(c))),
    ...profiles.map((p) => summarise(`profile:${p.vendor}`, profileKeys(p), p.$ledger)),
  ];
}

export function totals(summaries: LedgerSummary[]): EvidenceTotals {
  const rows = summaries.flatMap((s) => s.expectations);
  return {
    expectations: rows.length,
    twoOrMore: rows.filter((r) => r.families.length >= 2).length,
    one: rows.filter((r) => r.families.length === 1).length,
    none: rows.filter((r) => r.families.length === 0).length,
    disagreements: summaries.reduce((n, s) => n + s.claims.length, 0),
  };
}
