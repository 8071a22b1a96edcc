// A deep direct run streams its cases (never all in memory) and gives exactly the listed path's
// results: same cases, same order, same verdicts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../cli/commands/run.ts';
import { engine } from '../../cli/engine.ts';
import { resolveRunOptions } from '../../cli/options.ts';
import type { RunResults } from '../../core/types.ts';
import { readNdjson } from '../../reporters/ndjson.ts';
import { captureIo } from './helpers.ts';

const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as RunResults;
const view = (r: RunResults) => r.cases.map((c) => `${c.id} ${c.verdict}`);

/** The real engine, counting the cases each pass over the generator makes (into `passes`). */
function countingEngine(passes: number[]): typeof engine {
  return { ...engine, generators: async () => {
    const g = await engine.generators();
    return { ...g, iterateCases: function* (...args: Parameters<typeof g.iterateCases>) {
      const k = passes.push(0) - 1;
      for (const c of g.iterateCases(...args)) { passes[k]!++; yield c; }
    } };
  } };
}

describe('deep runs stream their cases', () => {
  const flags = { runner: 'direct', depth: 'deep', target: ['inprocess'], vendor: ['huaweicloud', 'volcengine'], reporter: ['json'] };

  it('the streamed run equals the listed run (--last-failed without previous results forces the listed path)', async () => {
    const streamed = captureIo();
    expect(await runCommand(resolveRunOptions({ ...flags, out: join(streamed.cwd, 'a') }), streamed)).toBe(0);
    const listed = captureIo();
    expect(await runCommand(resolveRunOptions({ ...flags, lastFailed: true, out: join(listed.cwd, 'b') }), listed)).toBe(0);
    expect(listed.err()).toMatch(/--last-failed: no previous/);
    const a = read(join(streamed.cwd, 'a'));
    const b = read(join(listed.cwd, 'b'));
    expect(a.cases.length).toBeGreaterThan(200);
    expect(view(a)).toEqual(view(b));
    expect(a.uncovered).toEqual(b.uncovered);
    // the streamed run kept its results on disk as they came (results.ndjson), and wrote results.json from there
    expect(readNdjson(join(streamed.cwd, 'a', 'results.ndjson'))).toEqual(a);
    expect(existsSync(join(listed.cwd, 'b', 'results.ndjson'))).toBe(false);
  }, 60_000);

  it('streamed shards are the listed shards; together the whole run; each stops generating at its end', async () => {
    const whole = captureIo();
    expect(await runCommand(resolveRunOptions({ ...flags, out: 'all' }), whole)).toBe(0);
    const all = view(read(join(whole.cwd, 'all')));
    const parts: string[] = [];
    const runPass: number[] = [];
    let full = 0;
    for (const shard of ['1/3', '2/3', '3/3']) {
      const passes: number[] = [];
      const eng = countingEngine(passes);
      const io = captureIo();
      io.env = { CONFORMANCE_CACHE: '0' }; // count every time (the census cache is the next test's)
      expect(await runCommand(resolveRunOptions({ ...flags, shard, out: 's' }), io, eng)).toBe(0);
      const r = read(join(io.cwd, 's'));
      expect(r.shard).toEqual({ index: Number(shard[0]), count: 3 });
      const listed = captureIo();
      expect(await runCommand(resolveRunOptions({ ...flags, shard, lastFailed: true, out: 's' }), listed)).toBe(0);
      expect(view(r)).toEqual(view(read(join(listed.cwd, 's'))));
      // the counting pass over everything, then the run's pass over its own range only
      expect(passes).toHaveLength(2);
      full = passes[0]!;
      runPass.push(passes[1]!);
      expect(passes[1]).toBeLessThan(full / 2);
      parts.push(...view(r));
    }
    expect(parts).toEqual(all);
    // Together the three shards generated about one full pass (blocks before a range are skipped,
    // generation stops at its end), not the ~2 passes of generating up to each shard's end.
    expect(runPass.reduce((a, b) => a + b, 0)).toBeLessThan(full * 1.25);
  }, 120_000);

  it('a repeated run reuses the census of the first (no counting pass), with the same cases and totals', async () => {
    const seed = String(1000 + Math.floor(Math.random() * 1e6)); // a census no earlier run left
    const passesOf = async (extra: Record<string, unknown> = {}) => {
      const passes: number[] = [];
      const eng = countingEngine(passes);
      const io = captureIo();
      expect(await runCommand(resolveRunOptions({ ...flags, seed, shard: '2/2', out: 'c', ...extra }), io, eng)).toBe(0);
      return { passes, results: view(read(join(io.cwd, 'c'))), progress: io.err() };
    };
    const first = await passesOf();
    const second = await passesOf();
    expect(first.passes).toHaveLength(2);
    expect(second.passes).toHaveLength(1);
    expect(second.results).toEqual(first.results);
    const totals = (progress: string) => progress.match(/\d+\/\d+ cases/g);
    expect(totals(first.progress)).toEqual([`${first.results.length}/${first.results.length} cases`]);
    expect(totals(second.progress)).toEqual(totals(first.progress));
    // Another selection is another census: counted afresh, never the first one's totals.
    const narrower = await passesOf({ category: ['envelope'] });
    expect(narrower.passes).toHaveLength(2);
    expect(narrower.results.length).toBeLessThan(first.results.length);
  }, 60_000);
});
