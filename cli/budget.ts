// `--budget <calls>`: a deterministic subset of the selected cases that makes at most that many
// calls and still covers every contract rule, error row (expected code) and category at least once
// where the budget allows: greedy weighted set cover (most new features per call, ties to the
// earlier case), then the remaining budget is filled in case order. Pure over cases.
import type { Case, Contract } from '../core/types.ts';

export interface BudgetResult {
  cases: Case[];
  calls: number;
  /** Every feature (rule:, error:, category:) of the selected cases. */
  features: string[];
  covered: number;
  /** Features no chosen case covers (the budget ran out). */
  leftOutFeatures: string[];
  leftOutCases: number;
}

/** Calls a case makes on the target (fixtures are not calls on a real cloud; cases that will be skipped cost nothing). */
export function callsOf(c: Case, opts: { willSkip?: (c: Case) => boolean } = {}): number {
  if (opts.willSkip?.(c)) return 0;
  return 1 + (c.then ? 1 : 0) + (c.tweak?.auth === 'reused-nonce' ? 1 : 0);
}

/** What a case covers: its category, the error codes it expects, the rule or dependency it exercises. */
export function featuresOf(c: Case, contract?: Pick<Contract, 'rules' | 'request'>): string[] {
  const out = [`category:${c.contract}:${c.category}`];
  const alts = 'alternatives' in c.expect ? c.expect.alternatives : [c.expect];
  for (const a of alts) if (a.kind === 'error') out.push(`error:${c.contract}:${a.code}`);
  const slug = c.id.split('/').slice(2).join('/');
  const ids = [...(contract?.rules ?? []).map((r) => r.id), ...(contract?.request.dependencies ?? []).map((d) => d.id)];
  for (const id of ids) if (slug === id || slug.startsWith(`${id}--`) || slug.startsWith(`${id}-`)) { out.push(`rule:${c.contract}:${id}`); break; }
  return out;
}

export function budgetCases(
  cases: Case[], budget: number,
  opts: { contract?: (id: string) => Pick<Contract, 'rules' | 'request'> | undefined; willSkip?: (c: Case) => boolean } = {},
): BudgetResult {
  const feats = cases.map((c) => featuresOf(c, opts.contract?.(c.contract)));
  const cost = cases.map((c) => callsOf(c, opts));
  const all = [...new Set(feats.flat())];
  const covered = new Set<string>();
  const chosen = new Set<number>();
  let calls = 0;
  for (;;) {
    let best = -1;
    let bestScore = 0;
    for (let i = 0; i < cases.length; i++) {
      if (chosen.has(i) || calls + cost[i]! > budget) continue;
      const gain = feats[i]!.filter((f) => !covered.has(f)).length;
      if (!gain) continue;
      const score = gain / Math.max(cost[i]!, 0.5);
      if (score > bestScore) { best = i; bestScore = score; }
    }
    if (best < 0) break;
    chosen.add(best);
    calls += cost[best]!;
    for (const f of feats[best]!) covered.add(f);
  }
  for (let i = 0; i < cases.length; i++) {
    if (!chosen.has(i) && calls + cost[i]! <= budget) { chosen.add(i); calls += cost[i]!; }
  }
  const picked = cases.filter((_, i) => chosen.has(i));
  return {
    cases: picked, calls, features: all, covered: covered.size,
    leftOutFeatures: all.filter((f) => !covered.has(f)),
    leftOutCases: cases.length - picked.length,
  };
}

/** One or two lines for stderr: what the budget kept and what it left out. */
export function describeBudget(r: BudgetResult, budget: number, total: number): string {
  const head = `--budget ${budget}: ${r.cases.length} of ${total} cases, ${r.calls} calls; covers ${r.covered}/${r.features.length} rules, error rows and categories`;
  if (!r.leftOutFeatures.length) return `${head}; every one covered${r.leftOutCases ? ` (${r.leftOutCases} redundant cases left out)` : ''}`;
  const shown = r.leftOutFeatures.slice(0, 12).join(', ');
  return `${head}\n--budget left out (${r.leftOutFeatures.length}): ${shown}${r.leftOutFeatures.length > 12 ? `, ... ${r.leftOutFeatures.length - 12} more` : ''}`;
}
