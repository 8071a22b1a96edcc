// Sharding (two shards merged = a full run, case for case), --budget (a covering subset, what it
// left out), --rate (the token bucket), retries (backoff, what is retried on state-changing calls).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Case, RunResults, Target, TargetResponse } from '../../core/types.ts';
import { createRateLimiter, rateLimited } from '../../adapters/rate-limit.ts';
import { budgetCases, featuresOf } from '../../cli/budget.ts';
import { main } from '../../cli/main.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { mergeResults } from '../../reporters/merge.ts';
import { backoffDelay, classify, sendWithRetries } from '../../runner/retry.ts';
import { captureIo } from './helpers.ts';

const loaded = loadContracts();

describe('sharding', () => {
  it('two shards (direct runner, emulator) merge into exactly the full run: same ids, same verdicts', { timeout: 30_000 }, async () => {
    const io = captureIo({});
    const common = ['--target', 'inprocess', '--runner', 'direct', '--reporter', 'json', '--seed', '1', '--depth', 'standard'];
    const read = (dir: string) => JSON.parse(readFileSync(join(io.cwd, dir, 'results.json'), 'utf8')) as RunResults;
    await main(['run', ...common, '--out', 'full'], io);
    await main(['run', ...common, '--shard', '1/2', '--out', 'shard-1'], io);
    await main(['run', ...common, '--shard', '2/2', '--out', 'shard-2'], io);
    const full = read('full');
    const s1 = read('shard-1');
    const s2 = read('shard-2');
    expect(s1.cases.length).toBeGreaterThan(50);
    expect(s2.cases.length).toBeGreaterThan(50);
    expect(s1.cases.some((c) => s2.cases.some((d) => d.id === c.id))).toBe(false);
    const merged = mergeResults([s2, s1]);
    expect(merged.cases.map((c) => [c.id, c.verdict])).toEqual(full.cases.map((c) => [c.id, c.verdict]));
    // The CLI's merge says the same.
    const m = captureIo({}, io.cwd);
    expect(await main(['merge', 'shard-1/results.json', 'shard-2/results.json', '--out', 'merged', '--quiet'], m)).toBe(0);
    const cli = JSON.parse(readFileSync(join(io.cwd, 'merged', 'results.json'), 'utf8')) as RunResults;
    expect(cli.cases.map((c) => [c.id, c.verdict])).toEqual(full.cases.map((c) => [c.id, c.verdict]));
  });
});

describe('--budget', () => {
  const cases = generateCases(loaded, { seed: 1, depth: 'standard' });

  it('covers every rule, error row and category with far fewer calls, deterministically', () => {
    const all = new Set(cases.flatMap((c) => featuresOf(c)));
    const ruleIds = loaded.contracts.flatMap((k) => k.rules.map((r) => `rule:${k.id}:${r.id}`));
    expect(ruleIds.filter((r) => all.has(r)).length).toBeGreaterThan(ruleIds.length / 2);
    const a = budgetCases(cases, 120);
    const b = budgetCases(cases, 120);
    expect(a.cases.map((c) => c.id)).toEqual(b.cases.map((c) => c.id));
    expect(a.calls).toBeLessThanOrEqual(120);
    const greedyOnly = budgetCases(cases, 1_000_000);
    expect(greedyOnly.leftOutFeatures).toEqual([]);
    // The smallest budget that covers everything is well under the full run.
    let n = 1;
    while (budgetCases(cases, n).leftOutFeatures.length) n++;
    const min = budgetCases(cases, n);
    expect(min.covered).toBe(all.size);
    expect(n).toBeLessThan(cases.length * 0.8);
  });

  it('a small budget says what it left out; the CLI runs the subset', async () => {
    const r = budgetCases(cases, 10);
    expect(r.calls).toBeLessThanOrEqual(10);
    expect(r.leftOutFeatures.length).toBeGreaterThan(0);
    const io = captureIo({});
    expect(await main(['run', '--target', 'inprocess', '--runner', 'direct', '--reporter', 'json', '--budget', '10', '--out', 'o'], io)).toBe(0);
    expect(io.err()).toMatch(/--budget 10: \d+ of \d+ cases, (\d|10) calls; first \d+ operation\(s\) one case each, \d+ an error-table case; covers \d+\/\d+ rules, error rows and categories\n--budget left out \(\d+\): /);
    const res = JSON.parse(readFileSync(join(io.cwd, 'o', 'results.json'), 'utf8')) as RunResults;
    expect(res.cases.map((c) => c.id)).toEqual(r.cases.map((c) => c.id));
  });
});

describe('--rate and retries', () => {
  it('the token bucket paces requests', async () => {
    const limiter = createRateLimiter(20, 1);
    const t0 = performance.now();
    for (let i = 0; i < 6; i++) await limiter.take();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(5 * 50 - 15);
    let n = 0;
    const t = rateLimited<Target>({ name: 't', kind: 't', capabilities: {} as never, send: async () => { n++; return { outcome: 'answered' }; } }, 50);
    const t1 = performance.now();
    await Promise.all(Array.from({ length: 60 }, () => t.send({} as never)));
    expect(n).toBe(60);
    expect(performance.now() - t1).toBeGreaterThanOrEqual(180); // 50 burst... 10 more at 50/s
  });

  it('backoff grows exponentially with jitter, capped', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, { backoffMs: 100, random: mid }))).toEqual([75, 150, 300, 600]);
    expect(backoffDelay(20, { backoffMs: 100, maxBackoffMs: 1000, random: () => 1 })).toBe(1000);
    expect(backoffDelay(0, { backoffMs: 100, random: () => 0 })).toBe(50);
  });

  it('state-changing calls are retried only when the vendor surely did not act', async () => {
    const transient = ['Throttling.User', 'InternalError'];
    expect(classify({ outcome: 'answered', error: { code: 'Throttling.User' } }, transient, new Set())).toEqual({ retry: true, ambiguous: false, what: 'Throttling.User' });
    expect(classify({ outcome: 'answered', error: { code: 'InternalError' }, status: 500 }, transient, new Set())).toMatchObject({ retry: true, ambiguous: true });
    expect(classify({ outcome: 'transport-error', kind: 'truncated', message: 'cut' }, transient, new Set())).toMatchObject({ retry: true, ambiguous: true });
    expect(classify({ outcome: 'transport-error', kind: 'connection', message: 'ECONNREFUSED 127.0.0.1' }, transient, new Set())).toMatchObject({ retry: true, ambiguous: false });
    expect(classify({ outcome: 'answered', error: { code: 'InternalError' } }, transient, new Set(['InternalError']))).toEqual({ retry: false });
    const answers: TargetResponse[] = [{ outcome: 'transport-error', kind: 'truncated', message: 'cut' }, { outcome: 'answered', status: 404, error: { code: 'NotFound' } }];
    let sent = 0;
    const target = { name: 't', kind: 't', capabilities: {} as never, send: async () => answers[sent++]! };
    const c = { call: { vendor: 'aliyun', service: 'ecs', version: 'v', operation: 'DeleteSnapshot', params: {} }, destructive: true, expect: { kind: 'success' } } as unknown as Case;
    const r = await sendWithRetries(target, c, {}, c.expect, undefined, { retries: 3, backoffMs: 1, timeoutMs: 0 });
    expect(sent).toBe(1); // the deletion may have happened: not retried, inconclusive
    expect(r).toMatchObject({ outcome: 'transport-error', message: expect.stringMatching(/ambiguous failure on a state-changing call \(truncated: cut\); not retried/) });
    sent = 0;
    const ro = await sendWithRetries(target, { ...c, destructive: false }, {}, c.expect, undefined, { retries: 3, backoffMs: 1, timeoutMs: 0 });
    expect(sent).toBe(2);
    expect(ro.status).toBe(404);
  });
});
