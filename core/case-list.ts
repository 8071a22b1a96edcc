// Reading a CaseList (core/types.ts) without asking it to be an array: the reporters go through these,
// so a run streamed to disk is read back one case at a time, never held whole.
import type { CaseList, CaseResult } from './types.ts';

/** The cases `keep` accepts, in run order (a report's failures: few, whatever the run's size). */
export function casesWhere<C extends CaseResult>(list: Iterable<CaseResult>, keep: (c: CaseResult) => c is C): C[];
export function casesWhere(list: Iterable<CaseResult>, keep: (c: CaseResult) => boolean): CaseResult[];
export function casesWhere(list: Iterable<CaseResult>, keep: (c: CaseResult) => boolean): CaseResult[] {
  const out: CaseResult[] = [];
  for (const c of list) if (keep(c)) out.push(c);
  return out;
}

/** How many cases `keep` accepts. */
export function countWhere(list: Iterable<CaseResult>, keep: (c: CaseResult) => boolean): number {
  let n = 0;
  for (const c of list) if (keep(c)) n++;
  return n;
}

/** True when some case satisfies `test` (stops at the first). */
export function someCase(list: Iterable<CaseResult>, test: (c: CaseResult) => boolean): boolean {
  for (const c of list) if (test(c)) return true;
  return false;
}

/** Each case mapped, in run order (only for lists known to be small, or outputs that are whole anyway). */
export function mapCases<T>(list: CaseList, f: (c: CaseResult, i: number) => T): T[] {
  const out: T[] = [];
  let i = 0;
  for (const c of list) out.push(f(c, i++));
  return out;
}
