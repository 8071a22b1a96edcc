// Explained survivors: mutants the standard suite does not catch (or catches only through cases of
// another category, "weak"), each with the gap it reveals. `npm run mutants` fails on any survivor
// or weak mutant not listed here, and notes entries that no longer apply (the gap was closed).
// Never weaken a mutant to make it die: write down which case or check is missing instead.

export interface ExplainedSurvivor {
  /** What the run is allowed to find for this mutant. */
  outcome: 'survives' | 'weak';
  /** The gap in the suite (which case or check is missing, and where it would go). */
  reason: string;
}

/**
 * Empty: every mutant is killed by a case of its expected category. Gaps closed so far: one
 * error-table case per documented row (generators/index.ts errorTableCases), a service-error
 * envelope case (serviceErrorEnvelope), and the host-maintaining scenario's after-assertion.
 */
export const EXPLAINED_SURVIVORS: Readonly<Record<string, ExplainedSurvivor>> = {};
