// A run that skipped most of its cases proves little (issue 17: an SDK mock without fixtures skipped
// 133 of 189 cases and still exited 0). Above MAX_SKIP_SHARE the run says so before its reports and
// exits 3 (inconclusive) unless `--allow-skips`; a failure still wins (exit 1 says more).
// Cases held back by the chosen `--safety` level are the user's decision (`plan` lists them): not counted.
import type { ReportableRun } from '../core/types.ts';
import { EXIT } from './exit.ts';

/** The share of skipped cases above which a run is not called conformant. */
export const MAX_SKIP_SHARE = 0.2;

/** The reason's start that runner/safety.ts refusedBySafety gives (a test pins the two together). */
const SAFETY_REFUSAL = 'real-cloud safety ';

export interface SkipShare { skipped: number; total: number; share: number }

export function skipShareOf(runs: ReportableRun[]): SkipShare {
  let skipped = 0;
  let total = 0;
  for (const r of runs) {
    for (const c of r.cases) {
      if (c.verdict === 'skipped' && c.reason?.startsWith(SAFETY_REFUSAL)) continue;
      total++;
      if (c.verdict === 'skipped') skipped++;
    }
  }
  return { skipped, total, share: total ? skipped / total : 0 };
}

/** The warning to print first, or undefined when the share is within bounds. */
export function skipShareWarning(s: SkipShare, allowSkips: boolean): string | undefined {
  if (s.share <= MAX_SKIP_SHARE) return undefined;
  const pct = Math.round(s.share * 100);
  const head = `${s.skipped} of ${s.total} cases (${pct}%) were skipped, more than ${MAX_SKIP_SHARE * 100}%`;
  return allowSkips
    ? `note: ${head}; --allow-skips keeps the exit code\n`
    : `warning: ${head}: the run is inconclusive (exit 3); see each skip's reason, or pass --allow-skips to accept them\n`;
}

/** The exit code once skips are weighed: conformant becomes inconclusive above the share. */
export function exitWithSkips(code: number, s: SkipShare, allowSkips: boolean): number {
  if (allowSkips || s.share <= MAX_SKIP_SHARE || code !== EXIT.conformant) return code;
  return EXIT.inconclusive;
}
