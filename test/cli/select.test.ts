import { describe, expect, it } from 'vitest';
import { filterCases, lastFailedIds, matchesFilter, selectCases, shardCases, unmatchedFilter } from '../../cli/select.ts';
import { loadFixture } from '../fixtures/results/index.ts';
import { CASES } from './helpers.ts';

const ids = (cs: { id: string }[]) => cs.map((c) => c.id);

describe('filters', () => {
  it('AND across flags, OR within a flag; empty selects all', () => {
    expect(filterCases(CASES, {})).toHaveLength(CASES.length);
    expect(ids(filterCases(CASES, { vendors: ['volcengine', 'huaweicloud'], categories: ['positive'] }))).toEqual([
      'volcengine.ecs.DeleteInstances/positive/example', 'huaweicloud.evs.DeleteSnapshot/positive/example',
    ]);
  });

  it('matches operations by name, contract id or glob, and case ids exactly or by glob', () => {
    expect(filterCases(CASES, { operations: ['DeleteSnapshot'] })).toHaveLength(5);
    expect(filterCases(CASES, { operations: ['aliyun.ecs.DeleteSnapshot'] })).toHaveLength(3);
    expect(filterCases(CASES, { operations: ['aliyun.*'] })).toHaveLength(5);
    expect(filterCases(CASES, { cases: ['aliyun.ecs.DeleteSnapshot/required/missing-SnapshotId'] })).toHaveLength(1);
    expect(filterCases(CASES, { cases: ['*/positive/*'] })).toHaveLength(4);
    expect(matchesFilter(CASES[0], { cases: ['aliyun.ecs.DeleteSnapshot/positive/exampl'] })).toBe(false);
  });

  it('names a filter value that matches nothing, with a near miss', () => {
    expect(unmatchedFilter(CASES, { operations: ['DeleteSnapshots'] })).toEqual({ flag: '--operation', value: 'DeleteSnapshots', suggestion: 'DeleteSnapshot' });
    expect(unmatchedFilter(CASES, { operations: ['DeleteSnapshot'], categories: ['positive'] })).toBeUndefined();
  });
});

describe('shards', () => {
  it('split deterministically into contiguous blocks whose union, in order, is all', () => {
    for (const n of [1, 2, 3, 4, 9, 12]) {
      const parts = Array.from({ length: n }, (_, i) => shardCases(CASES, { index: i + 1, count: n }));
      expect(parts.flat()).toEqual(CASES);
      const sizes = parts.map((p) => p.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(parts).toEqual(Array.from({ length: n }, (_, i) => shardCases(CASES, { index: i + 1, count: n })));
    }
    expect(ids(shardCases(CASES, { index: 2, count: 3 }))).toEqual(ids(CASES.slice(3, 6)));
  });

  it('apply after the filters, so shards partition the filtered set', () => {
    const filter = { vendors: ['aliyun'] };
    const a = selectCases(CASES, { filter, shard: { index: 1, count: 2 } });
    const b = selectCases(CASES, { filter, shard: { index: 2, count: 2 } });
    expect([...a, ...b]).toEqual(filterCases(CASES, filter));
  });
});

describe('last failed', () => {
  it('picks fail and inconclusive cases of a previous results file', () => {
    const failed = lastFailedIds([loadFixture('emulator.json')]);
    expect(failed.size).toBe(10);
    expect(failed.has('aliyun.ecs.DeleteSnapshot/auth-signing/expired-timestamp')).toBe(true);
    expect(failed.has('aliyun.ecs.DeleteSnapshot/state-rules/used-by-disk-destructive')).toBe(false);
  });

  it('keeps only those among the selected cases; an empty set keeps all', () => {
    const last = new Set(['aliyun.ecs.DeleteSnapshot/range-length/too-long', 'gone/case/id']);
    expect(ids(selectCases(CASES, { lastFailed: last }))).toEqual(['aliyun.ecs.DeleteSnapshot/range-length/too-long']);
    expect(selectCases(CASES, { lastFailed: new Set() })).toEqual(CASES);
  });
});
