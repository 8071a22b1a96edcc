// What a failed expectation rests on, in words: each superseded claim the case follows (the newer
// sources and the values they replace), so a fail on an older answer says who moved on from it.
import { pageLabel } from '../core/page.ts';
import type { Case, Contract, ProtocolProfile } from '../core/types.ts';
import { describeSource, type Claim, type Ledger } from '../core/evidence.ts';

const show = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

function sourcesSaying(claim: Claim, value: unknown, ledger: Ledger, contract: Contract): string {
  const ids = claim.says.filter((s) => show(s.value) === show(value)).flatMap((s) => s.sources);
  return [...new Set(ids)].map((id) => (id === 'page'
    ? `page: ${contract.source.url ?? pageLabel(contract)}`
    : ledger.sources[id] ? describeSource(id, ledger.sources[id]!) : id)).join('; ');
}

/**
 * One line per claim of the case's expectation that replaced a value under its profile:
 * `claim <id> (<about>): <value> per <sources>, replacing <old> per <sources>`.
 */
export function claimCitations(testCase: Case, contract: Contract, profile: ProtocolProfile | undefined): string[] {
  const view = contract.$evidence;
  const ids = testCase.evidence?.claims;
  if (!view || !ids?.length) return [];
  const out: string[] = [];
  for (const [about, applied] of Object.entries(view.applied)) {
    if (!ids.includes(applied.claim)) continue;
    const ledger = [contract.$ledger, profile?.$ledger].find((l) => l?.claims.some((c) => c.id === applied.claim));
    const claim = ledger?.claims.find((c) => c.id === applied.claim);
    if (!ledger || !claim) continue;
    const values = Array.isArray(applied.value) && claim.kind === 'disputed' ? applied.value : [applied.value];
    const now = values.map((v) => `${show(v)} per ${sourcesSaying(claim, v, ledger, contract)}`).join(' or ');
    const old = applied.replaced.map((v) => `${show(v)} per ${sourcesSaying(claim, v, ledger, contract)}`).join(', ');
    out.push(`claim ${claim.id} (${about}): ${now}, replacing ${old}`);
  }
  return out;
}
