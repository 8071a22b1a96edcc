// Which cases a run executes: filters, --last-failed, then --shard. Pure functions over cases.
import type { Case, RunResults } from '../core/types.ts';
import { didYouMean } from '../core/errors.ts';
import { globMatcher } from '../core/glob.ts';

export interface CaseFilter {
  vendors?: string[];
  /** `DeleteSnapshot` (operation) or `aliyun.ecs.DeleteSnapshot` (contract id); `*` globs. */
  operations?: string[];
  categories?: string[];
  /** Case ids; `*` globs. */
  cases?: string[];
}

export interface Shard { index: number; count: number }

/** What selection needs of a case (a Case or a CaseResult). */
export type Selectable = Pick<Case, 'id' | 'contract' | 'category'> & { call?: { vendor: string; operation: string }; vendor?: string; operation?: string };

const vendorOf = (c: Selectable) => c.call?.vendor ?? c.vendor ?? c.contract.split('.')[0];
const operationOf = (c: Selectable) => c.call?.operation ?? c.operation ?? c.contract.split('.').at(-1)!;

const tests = {
  vendors: (v: string) => (c: Selectable) => vendorOf(c) === v,
  operations: (v: string) => { const m = globMatcher(v); return (c: Selectable) => m(operationOf(c)) || m(c.contract); },
  categories: (v: string) => (c: Selectable) => c.category === v,
  cases: (v: string) => { const m = globMatcher(v); return (c: Selectable) => m(c.id); },
};

/** AND across flags, OR within one flag; an empty or absent flag selects everything. */
export function matchesFilter(c: Selectable, f: CaseFilter): boolean {
  return (Object.keys(tests) as (keyof typeof tests)[]).every((k) => {
    const values = f[k];
    return !values?.length || values.some((v) => tests[k](v)(c));
  });
}

export function filterCases<T extends Selectable>(cases: T[], f: CaseFilter): T[] {
  return cases.filter((c) => matchesFilter(c, f));
}

/** The first filter value that matches no case at all, with a near-miss suggestion. */
export function unmatchedFilter(cases: Selectable[], f: CaseFilter): { flag: string; value: string; suggestion?: string } | undefined {
  const flags = { vendors: '--vendor', operations: '--operation', categories: '--category', cases: '--case' } as const;
  const known = {
    vendors: () => [...new Set(cases.map(vendorOf))],
    operations: () => [...new Set(cases.flatMap((c) => [operationOf(c), c.contract]))],
    categories: () => [...new Set(cases.map((c) => c.category))],
    cases: () => cases.map((c) => c.id),
  };
  for (const k of Object.keys(flags) as (keyof typeof flags)[]) {
    for (const value of f[k] ?? []) {
      if (!cases.some(tests[k](value))) return { flag: flags[k], value, suggestion: didYouMean(value, known[k]()) };
    }
  }
  return undefined;
}

/**
 * Shard i of n (1-based): a contiguous block of the list, sizes differing by at most one.
 * Deterministic for a given list; the shards, in order, concatenate back to the list.
 */
export function shardCases<T>(cases: T[], shard: Shard): T[] {
  const [start, end] = shardRange(cases.length, shard);
  return cases.slice(start, end);
}

/** [start, end) of shard i of n over a list of `total` cases (a streamed run knows only the count). */
export function shardRange(total: number, shard: Shard): [number, number] {
  return [Math.floor(((shard.index - 1) * total) / shard.count), Math.floor((shard.index * total) / shard.count)];
}

/** Ids that failed or were inconclusive in previous results (every target). */
export function lastFailedIds(previous: RunResults[]): Set<string> {
  return new Set(previous.flatMap((r) => r.cases.filter((c) => c.verdict === 'fail' || c.verdict === 'inconclusive').map((c) => c.id)));
}

export interface Selection { filter?: CaseFilter; lastFailed?: Set<string>; shard?: Shard }

/** Filter, then keep last-failed ids (when that set is non-empty), then take the shard. */
export function selectCases<T extends Selectable>(cases: T[], sel: Selection): T[] {
  let out = sel.filter ? filterCases(cases, sel.filter) : cases;
  if (sel.lastFailed?.size) out = out.filter((c) => sel.lastFailed!.has(c.id));
  if (sel.shard) out = shardCases(out, sel.shard);
  return out;
}
