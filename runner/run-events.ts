// The lifecycle of one run, as runSuite emits it: every runner (the vitest spec, the direct and the
// deep streamed runs) goes through runSuite, and whatever presents or records a run subscribes to
// these events instead of running cases itself.
import type { Case, CaseList, CaseResult, RunResults } from '../core/types.ts';

export type RunEvent =
  /** Before the first case: what the header will say about the run. */
  | { type: 'run-start'; header: Pick<RunResults, 'target' | 'seed' | 'depth' | 'expect' | 'startedAt'> }
  /** One case done (completion order); `index` is its position in the case source. */
  | { type: 'case'; result: CaseResult; index: number; case: Case }
  /** Ctrl-C (the signal aborted): the cases in flight finished, `done` of them in all. */
  | { type: 'interrupted'; done: number }
  /** The whole run, header built once (resultsHeader). */
  | { type: 'run-end'; results: RunResults<CaseList> };
