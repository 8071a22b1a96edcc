import { describe, expect, it } from 'vitest';
import { CATEGORIES, VERDICTS } from '../../core/types.ts';
import { buildMatrix, outcomeOf, worstOf } from '../../reporters/matrix.ts';
import { loadFixture } from '../fixtures/results/index.ts';

const emu = loadFixture('emulator.json');
const http = loadFixture('http.json');

describe('matrix model', () => {
  it('the fixture holds every verdict, several operations and categories', () => {
    expect(new Set(emu.cases.map((c) => c.verdict))).toEqual(new Set(VERDICTS));
    expect(new Set(emu.cases.map((c) => c.contract)).size).toBe(4);
    expect(new Set(emu.cases.map((c) => c.category)).size).toBeGreaterThanOrEqual(10);
  });

  it('groups rows by vendor/service, sorted, with every category as a column', () => {
    const m = buildMatrix(emu);
    expect(m.categories).toEqual(CATEGORIES);
    expect(m.groups.map((g) => `${g.vendor}/${g.service}`)).toEqual(['aliyun/ecs', 'huaweicloud/evs', 'volcengine/ecs']);
    expect(m.groups[0].rows.map((r) => r.operation)).toEqual(['CreateSnapshotGroup', 'DeleteSnapshot']);
  });

  it('counts passed (pass + pass-ambiguous), total, per-verdict counts and the worst verdict', () => {
    const m = buildMatrix(emu);
    const del = m.groups[0].rows[1];
    expect(del.contract).toBe('aliyun.ecs.DeleteSnapshot');
    const state = del.cells['state-rules'][0];
    expect({ passed: state.passed, total: state.total, worst: state.worst }).toEqual({ passed: 1, total: 3, worst: 'fail' });
    expect(state.counts).toEqual({ fail: 1, inconclusive: 0, skipped: 1, 'pass-ambiguous': 0, pass: 1 });
    expect(del.cells.type[0]).toMatchObject({ passed: 1, total: 1, worst: 'pass-ambiguous' });
    expect(del.cells['auth-signing'][0]).toMatchObject({ passed: 1, total: 2, worst: 'inconclusive' });
    expect(del.cells.enum[0].total).toBe(0);
    expect(del.cells.enum[0].worst).toBeUndefined();
    expect(del.total[0]).toMatchObject({ passed: 7, total: 12, worst: 'fail' });
    expect(m.overall[0]).toMatchObject({ passed: 16, total: 28 });
    expect(m.overall[0].counts).toEqual({ fail: 8, inconclusive: 2, skipped: 2, 'pass-ambiguous': 3, pass: 13 });
    expect(m.totals.idempotency[0]).toMatchObject({ passed: 0, total: 1, worst: 'skipped' });
  });

  it('orders verdicts worst first: fail < inconclusive < skipped < pass-ambiguous < pass', () => {
    expect(worstOf(['pass', 'pass-ambiguous'])).toBe('pass-ambiguous');
    expect(worstOf(['pass', 'skipped', 'pass-ambiguous'])).toBe('skipped');
    expect(worstOf(['skipped', 'inconclusive'])).toBe('inconclusive');
    expect(worstOf(['inconclusive', 'fail', 'pass'])).toBe('fail');
    expect(worstOf([])).toBeUndefined();
  });

  it('puts targets side by side and lists where they disagree', () => {
    const m = buildMatrix([emu, http]);
    expect(m.targets.map((t) => t.name)).toEqual(['emulator', 'http://127.0.0.1:4566']);
    const create = m.groups[0].rows[0];
    expect(create.cells['range-length'].map((c) => `${c.passed}/${c.total}`)).toEqual(['0/2', '2/2']);
    expect(m.disagreements).toHaveLength(7);
    expect(m.disagreements.find((d) => d.id.endsWith('snapshot-in-use'))?.verdicts).toEqual(['pass-ambiguous', undefined]);
    expect(m.disagreements[0]).toMatchObject({ id: 'aliyun.ecs.DeleteSnapshot/positive/doc-example', verdicts: ['pass', 'fail'] });
    expect(buildMatrix(emu).disagreements).toEqual([]);
  });

  it('summarises the outcome: fail beats inconclusive beats conformant', () => {
    expect(outcomeOf(emu)).toBe('nonconformant');
    const noFail = { ...emu, cases: emu.cases.filter((c) => c.verdict !== 'fail') };
    expect(outcomeOf(noFail)).toBe('inconclusive');
    expect(outcomeOf({ ...emu, cases: emu.cases.filter((c) => c.verdict.startsWith('pass') || c.verdict === 'skipped') })).toBe('conformant');
  });
});
