// `diff <run-a> <run-b>`: regressions, fixes, other verdict changes, cases added/removed, per target.
import { describe, expect, it } from 'vitest';
import type { CaseResult, RunResults, Verdict } from '../../core/types.ts';
import { diffResults, hasRegression, resultsDiffMarkdown } from '../../drift/results-diff.ts';
import { buildFixtures } from '../fixtures/results/build.ts';

const fx = buildFixtures() as Record<string, RunResults>;
const emu = fx['emulator.json']!;
const http = fx['http.json']!;
const withVerdict = (run: RunResults, id: string, verdict: Verdict): RunResults =>
  ({ ...run, cases: run.cases.map((c): CaseResult => (c.id === id ? { ...c, verdict } : c)) });

describe('results diff', () => {
  it('the same run: nothing changed, no regression', () => {
    const d = diffResults([emu], [emu]);
    expect(d.targets).toEqual([expect.objectContaining({ target: 'emulator', regressions: [], fixes: [], changed: [], added: [], removed: [], unchanged: emu.cases.length })]);
    expect(hasRegression(d)).toBe(false);
  });

  it('emulator -> http fixture: one regression, the fixes, one removed case', () => {
    const d = diffResults([emu], [http]);
    const t = d.targets[0]!;
    expect(t.target).toBe('emulator -> http://127.0.0.1:4566');
    expect(t.regressions.map((r) => [r.id, r.before, r.after])).toEqual([['aliyun.ecs.DeleteSnapshot/positive/doc-example', 'pass', 'fail']]);
    expect(t.fixes.map((r) => r.id)).toEqual(expect.arrayContaining(['aliyun.ecs.CreateSnapshotGroup/range-length/Name-too-long', 'aliyun.ecs.DeleteSnapshot/range-length/SnapshotId-too-long']));
    expect(t.fixes.every((r) => r.before === 'fail' && r.after === 'pass')).toBe(true);
    expect(t.removed).toEqual([{ id: 'huaweicloud.evs.DeleteSnapshot/state-rules/snapshot-in-use', verdict: 'pass-ambiguous' }]);
    expect(hasRegression(d)).toBe(true);
  });

  it('pass-ambiguous -> fail is a regression; fail -> pass-ambiguous a fix; pass -> skipped another change', () => {
    const id = 'aliyun.ecs.DeleteSnapshot/type/Force-not-boolean';
    expect(diffResults([emu], [withVerdict(emu, id, 'fail')]).targets[0]!.regressions.map((r) => r.id)).toEqual([id]);
    const failing = 'aliyun.ecs.DeleteSnapshot/state-rules/used-by-image';
    expect(diffResults([emu], [withVerdict(emu, failing, 'pass-ambiguous')]).targets[0]!.fixes.map((r) => r.id)).toEqual([failing]);
    const d = diffResults([emu], [withVerdict(emu, 'aliyun.ecs.DeleteSnapshot/positive/force-true', 'skipped')]);
    expect(d.targets[0]!.changed.map((r) => [r.before, r.after])).toEqual([['pass', 'skipped']]);
    expect(hasRegression(d)).toBe(false);
  });

  it('several targets per file are paired by name; unpaired targets are listed', () => {
    const cloud = { ...http, target: { name: 'cloud', kind: 'http' } };
    const added = { ...emu, cases: [...emu.cases, { ...emu.cases[0]!, id: 'aliyun.ecs.DeleteSnapshot/positive/new-case' }] };
    const d = diffResults([emu, http], [added, withVerdict(http, 'aliyun.ecs.DeleteSnapshot/positive/doc-example', 'pass'), cloud]);
    expect(d.targets.map((t) => t.target)).toEqual(['emulator', 'http://127.0.0.1:4566']);
    expect(d.targets[0]!.added).toEqual([{ id: 'aliyun.ecs.DeleteSnapshot/positive/new-case', verdict: 'pass' }]);
    expect(d.targets[1]!.fixes.map((r) => r.id)).toEqual(['aliyun.ecs.DeleteSnapshot/positive/doc-example']);
    expect(d.onlyInB).toEqual(['cloud']);
    expect(hasRegression(d)).toBe(false);
  });

  it('markdown lists regressions first, with a table per kind', () => {
    const md = resultsDiffMarkdown(diffResults([emu], [http]), { a: 'a.json', b: 'b.json' });
    expect(md).toContain('## emulator -> http://127.0.0.1:4566');
    expect(md).toMatch(/1 regression\(s\), \d+ fix\(es\)/);
    expect(md.indexOf('### Regressions')).toBeLessThan(md.indexOf('### Fixes'));
    expect(md).toContain('| `aliyun.ecs.DeleteSnapshot/positive/doc-example` | pass | fail |');
    expect(md).toContain('### Cases removed');
  });
});
