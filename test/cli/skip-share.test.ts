// A skip-heavy run is not conformant (issue 17): above MAX_SKIP_SHARE it warns and exits 3
// unless --allow-skips; a failure keeps exit 1; at or below the share nothing changes.
import { describe, expect, it } from 'vitest';
import type { CaseResult, RunResults, Verdict } from '../../core/types.ts';
import { EXIT } from '../../cli/exit.ts';
import { refusedBySafety } from '../../runner/safety.ts';
import { exitWithSkips, MAX_SKIP_SHARE, skipShareOf, skipShareWarning } from '../../cli/skip-share.ts';

const run = (verdicts: Verdict[]): RunResults => ({ cases: verdicts.map((verdict, i) => ({ id: `c${i}`, verdict }) as CaseResult) }) as unknown as RunResults;
const many = (n: number, v: Verdict): Verdict[] => Array.from({ length: n }, () => v);

describe('skip share', () => {
  it('counts skipped cases over every run', () => {
    expect(skipShareOf([run(['pass', 'skipped']), run(['fail', 'skipped'])])).toEqual({ skipped: 2, total: 4, share: 0.5 });
    expect(skipShareOf([]).share).toBe(0);
  });

  const table: { name: string; verdicts: Verdict[]; code: number; allow: boolean; exit: number; warns: RegExp | undefined }[] = [
    { name: '133 of 189 skipped (the issue): inconclusive', verdicts: [...many(133, 'skipped'), ...many(56, 'pass')], code: EXIT.conformant, allow: false, exit: EXIT.inconclusive, warns: /^warning: 133 of 189 cases \(70%\) were skipped.*exit 3.*--allow-skips/ },
    { name: 'the same with --allow-skips: kept, with a note', verdicts: [...many(133, 'skipped'), ...many(56, 'pass')], code: EXIT.conformant, allow: true, exit: EXIT.conformant, warns: /^note: 133 of 189/ },
    { name: 'a failure still exits 1', verdicts: [...many(9, 'skipped'), 'fail'], code: EXIT.nonconformant, allow: false, exit: EXIT.nonconformant, warns: /^warning/ },
    { name: 'exactly at the share: unchanged, silent', verdicts: [...many(2, 'skipped'), ...many(8, 'pass')], code: EXIT.conformant, allow: false, exit: EXIT.conformant, warns: undefined },
    { name: 'just above the share: inconclusive', verdicts: [...many(3, 'skipped'), ...many(7, 'pass')], code: EXIT.conformant, allow: false, exit: EXIT.inconclusive, warns: /30%/ },
  ];
  it.each(table)('$name', ({ verdicts, code, allow, exit, warns }) => {
    const s = skipShareOf([run(verdicts)]);
    expect(exitWithSkips(code, s, allow)).toBe(exit);
    const w = skipShareWarning(s, allow);
    if (warns) expect(w).toMatch(warns); else expect(w).toBeUndefined();
  });

  it('skips by the chosen --safety level are not counted (the reason refusedBySafety gives)', () => {
    const reason = refusedBySafety({ level: 'destructive', why: 'deletes a resource' } as Parameters<typeof refusedBySafety>[0], 'negative')!;
    const r = run(['pass', 'skipped', 'skipped']);
    r.cases[1]!.reason = reason;
    r.cases[2]!.reason = reason;
    expect(skipShareOf([r])).toEqual({ skipped: 0, total: 1, share: 0 });
    r.cases[2]!.reason = 'the SDK cannot send raw wire pairs';
    expect(skipShareOf([r])).toEqual({ skipped: 1, total: 2, share: 0.5 });
  });

  it('the share is the documented one', () => { expect(MAX_SKIP_SHARE).toBe(0.2); });
});
