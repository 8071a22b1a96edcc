// Exit codes: 0 conformant, 1 nonconformant, 2 usage or contract error, 3 inconclusive (no failure).
import type { ReportableRun } from '../core/types.ts';
import { outcomeOf } from '../reporters/matrix.ts';

export const EXIT = { conformant: 0, nonconformant: 1, usage: 2, inconclusive: 3 } as const;

/** A vendor the preflight stopped was not tested: never "conformant" (3 unless something failed). */
export function exitCodeFor(results: ReportableRun | ReportableRun[]): number {
  const outcome = outcomeOf(results);
  const stopped = (Array.isArray(results) ? results : [results]).some((r) => r.preflight?.length);
  return outcome === 'conformant' && stopped ? EXIT.inconclusive : EXIT[outcome];
}
