// `conformance run` through vitest (`--runner vitest`): the real spec, the real emulator, a small
// selection. Proves the selection reaches the spec, results stream back, and a mutant is caught.
import { describe, expect, it } from 'vitest';
import { runThroughVitest } from '../../cli/commands/run-vitest.ts';
import { resolveRunOptions } from '../../cli/options.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
import type { CaseResult } from '../../core/types.ts';

const loaded = loadContracts();
const all = generateCases(loaded, { seed: 1, depth: 'standard' });
const selection = all.filter((c) => c.contract === 'aliyun.ecs.DeleteSnapshot').slice(0, 12);

describe('run through vitest', () => {
  it('runs exactly the selected cases, in order, streaming each result', async () => {
    const streamed: CaseResult[] = [];
    const opts = resolveRunOptions({ runner: 'vitest' });
    const results = await runThroughVitest({ spec: 'inprocess', opts, cases: selection, onResult: (r) => streamed.push(r) });
    expect(results.cases.map((c) => c.id)).toEqual(selection.map((c) => c.id));
    expect(streamed).toHaveLength(selection.length);
    expect(results.cases.filter((c) => c.verdict === 'fail')).toEqual([]);
    expect(results.target.name).toBe('inprocess');
  }, 60_000);

  it('fails the cases a seeded deviation breaks', async () => {
    const opts = resolveRunOptions({ runner: 'vitest' });
    opts.targetOptions = { mutants: ['aliyun.DeleteSnapshot.request-id-missing'] };
    const positive = all.filter((c) => c.contract === 'aliyun.ecs.DeleteSnapshot' && c.category === 'positive');
    const results = await runThroughVitest({ spec: 'inprocess', opts, cases: positive, onResult: () => {} });
    expect(results.cases.length).toBe(positive.length);
    // every success answer lacks its RequestId: each positive case fails, on the request-id check
    for (const c of results.cases) {
      expect(c.verdict, c.id).toBe('fail');
      expect(c.checks.filter((k) => !k.ok).map((k) => k.name), c.id).toContain('request-id');
    }
  }, 60_000);
});
