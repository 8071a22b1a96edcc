// A deep direct run streams its cases (never all in memory) and gives exactly the listed path's
// results: same cases, same order, same verdicts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../cli/commands/run.ts';
import { resolveRunOptions } from '../../cli/options.ts';
import type { RunResults } from '../../core/types.ts';
import { captureIo } from './helpers.ts';

const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as RunResults;
const view = (r: RunResults) => r.cases.map((c) => `${c.id} ${c.verdict}`);

describe('deep runs stream their cases', () => {
  it('the streamed run equals the listed run (a shard of 1/1 forces the listed path)', async () => {
    const flags = { runner: 'direct', depth: 'deep', target: ['inprocess'], vendor: ['huaweicloud', 'volcengine'], reporter: ['json'] };
    const streamed = captureIo();
    expect(await runCommand(resolveRunOptions({ ...flags, out: join(streamed.cwd, 'a') }), streamed)).toBe(0);
    const listed = captureIo();
    expect(await runCommand(resolveRunOptions({ ...flags, shard: '1/1', out: join(listed.cwd, 'b') }), listed)).toBe(0);
    const a = read(join(streamed.cwd, 'a'));
    const b = read(join(listed.cwd, 'b'));
    expect(a.cases.length).toBeGreaterThan(200);
    expect(view(a)).toEqual(view(b));
    expect(a.uncovered).toEqual(b.uncovered);
  }, 60_000);
});
