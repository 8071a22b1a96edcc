// `--budget <calls>`: a deterministic subset of the selected cases that makes at most that many
// calls. It spends first on one case per operation that the run may send (a positive one where the
// safety level allows it), then on one error-table case per operation, then on covering every
// contract rule, error row (expected code) and category at least once (greedy weighted set cover:
// most new features per call, ties to the earlier case), and fills what is left in case order.
// Cases the run will not send (safety) cost nothing and cover nothing. Pure over cases.
import type { Case } from '../core/types.ts';

export interface BudgetResult {
  cases: Case[];
  calls: number;
  /** Every feature (rule:, error:, category:) of the selected cases. */
  features: string[];
  covered: number;
  /** Features no chosen case covers (the budget ran out). */
  leftOutFeatures: string[];
  leftOutCases: number;
  /** Per operation (contract id): the first case chosen for it, and its error-table case. */
  firsts: Record<string, { first?: string; errorTable?: string }>;
}

/** Calls a case makes on the target (fixtures are not calls on a real cloud; cases that will be skipped cost nothing). */
export function callsOf(c: Case, opts: { willSkip?: (c: Case) => boolean } = {}): number {
  if (opts.willSkip?.(c)) return 0;
  return 1 + (c.then ? 1 : 0) + (c.tweak?.auth === 'reused-nonce' ? 1 : 0);
}

/** What a case covers: its category, the error codes it expects, the rule or dependency it exercises. */
export function featuresOf(c: Case): string[] {
  const out = [`category:${c.contract}:${c.category}`];
  const alts = 'alternatives' in c.expect ? c.expect.alternatives : [c.expect];
  for (const a of alts) if (a.kind === 'error') out.push(`error:${c.contract}:${a.code}`);
  const o = c.origin;
  if (o?.kind === 'rule') out.push(`rule:${c.contract}:${o.rule}`);
  else if (o?.kind === 'dependency') out.push(`rule:${c.contract}:${o.dependency}`);
  return out;
}

export function budgetCases(
  cases: Case[], budget: number,
  opts: { willSkip?: (c: Case) => boolean } = {},
): BudgetResult {
  const sent = cases.map((c) => !opts.willSkip?.(c));
  const feats = cases.map((c, i) => (sent[i] ? featuresOf(c) : []));
  const cost = cases.map((c) => callsOf(c, opts));
  const all = [...new Set(cases.flatMap((c) => featuresOf(c)))];
  const covered = new Set<string>();
  const chosen = new Set<number>();
  let calls = 0;
  const take = (i: number): boolean => {
    if (chosen.has(i) || calls + cost[i]! > budget) return false;
    chosen.add(i);
    calls += cost[i]!;
    for (const f of feats[i]!) covered.add(f);
    return true;
  };
  // 1. One case per operation, positive where the run may send one; 2. one error-table case per operation.
  const firsts: BudgetResult['firsts'] = {};
  const operations = [...new Set(cases.map((c) => c.contract))];
  const firstOf = (op: string, test: (c: Case) => boolean) => cases.findIndex((c, i) => sent[i] && c.contract === op && !chosen.has(i) && test(c));
  for (const op of operations) {
    const positive = firstOf(op, (c) => c.category === 'positive');
    const i = positive >= 0 ? positive : firstOf(op, () => true);
    if (i >= 0 && take(i)) firsts[op] = { first: cases[i]!.id };
  }
  for (const op of operations) {
    const i = firstOf(op, (c) => c.category === 'error-table');
    if (i >= 0 && take(i)) (firsts[op] ??= {}).errorTable = cases[i]!.id;
  }
  // 3. Greedy cover of what is still uncovered.
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
    take(best);
  }
  // 4. The rest of the budget in case order (cases the run will not send are free: they show as skipped).
  for (let i = 0; i < cases.length; i++) take(i);
  const picked = cases.filter((_, i) => chosen.has(i));
  return {
    cases: picked, calls, features: all, covered: covered.size,
    leftOutFeatures: all.filter((f) => !covered.has(f)),
    leftOutCases: cases.length - picked.length,
    firsts,
  };
}

/** One or two lines for stderr: what the budget kept and what it left out. */
export function describeBudget(r: BudgetResult, budget: number, total: number): string {
  const firsts = Object.values(r.firsts);
  const head = `--budget ${budget}: ${r.cases.length} of ${total} cases, ${r.calls} calls; first ${firsts.filter((f) => f.first).length} operation(s) one case each, ${firsts.filter((f) => f.errorTable).length} an error-table case; covers ${r.covered}/${r.features.length} rules, error rows and categories`;
  if (!r.leftOutFeatures.length) return `${head}; every one covered${r.leftOutCases ? ` (${r.leftOutCases} redundant cases left out)` : ''}`;
  const shown = r.leftOutFeatures.slice(0, 12).join(', ');
  return `${head}\n--budget left out (${r.leftOutFeatures.length}): ${shown}${r.leftOutFeatures.length > 12 ? `, ... ${r.leftOutFeatures.length - 12} more` : ''}`;
}
