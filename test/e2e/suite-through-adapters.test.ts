// The full standard suite against the reference emulator through each adapter: zero failures, and
// every skip is one the adapter cannot express (an SDK cannot send a bad signature or ask for XML).
// The same run against a seeded deviation fails, so these passes are not vacuous.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTarget } from '../../adapters/index.ts';
import type { RunResults, Target } from '../../core/types.ts';
import { createEmulator } from '../../emulator/index.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { runSuite } from '../../runner/index.ts';

const loaded = loadContracts();
const cases = generateCases(loaded, { seed: 7, depth: 'standard' });
const emulator = createEmulator({ contracts: loaded });
let url = '';

beforeAll(async () => { url = (await emulator.listen({ port: 0, host: '127.0.0.1' })).url; });
afterAll(async () => { await emulator.close(); });

async function run(target: Target): Promise<RunResults> {
  try { return await runSuite({ cases, target, loaded, concurrency: 8, seed: 7, depth: 'standard' }); }
  finally { await target.close?.(); }
}
const verdicts = (r: RunResults) => r.cases.reduce<Record<string, number>>((n, c) => ({ ...n, [c.verdict]: (n[c.verdict] ?? 0) + 1 }), {});

describe('the standard suite passes the reference emulator through every adapter', () => {
  it('http (signed requests over loopback)', async () => {
    const r = await run(await createTarget(url, { loaded }));
    expect(r.cases.filter((c) => c.verdict === 'fail').map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
    expect(verdicts(r).skipped ?? 0).toBe(0);
    expect(r.cases).toHaveLength(cases.length);
  }, 60_000);

  it('inprocess (the request handler, no socket)', async () => {
    const r = await run(await createTarget('inprocess', { loaded, handler: emulator.handler }));
    expect(r.cases.filter((c) => c.verdict === 'fail').map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
    expect(verdicts(r).skipped ?? 0).toBe(0);
  }, 60_000);

  it('sdk (the official SDKs as clients)', async () => {
    const r = await run(await createTarget(`sdk:${url}`, { loaded }));
    expect(r.cases.filter((c) => c.verdict === 'fail').map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
    const skipped = r.cases.filter((c) => c.verdict === 'skipped');
    // Only what an SDK cannot express: protocol tweaks, XML, a project id other than its own.
    for (const s of skipped) expect(s.reason).toMatch(/protocol tweaks|XML|cannot send this request/);
    expect(verdicts(r).pass).toBeGreaterThan(cases.length / 2);
  }, 60_000);

  it('fails through every adapter when the emulator deviates', async () => {
    const mutant = createEmulator({ contracts: loaded, mutants: ['aliyun.DeleteSnapshot.force-ignored'] });
    const { url: mutantUrl } = await mutant.listen({ port: 0, host: '127.0.0.1' });
    try {
      for (const spec of [mutantUrl, `sdk:${mutantUrl}`]) {
        const r = await run(await createTarget(spec, { loaded }));
        expect(r.cases.filter((c) => c.verdict === 'fail').map((c) => c.id)).toContain('aliyun.ecs.DeleteSnapshot/state-rules/snapshot-used-by-disk--used-by-disk-force');
      }
    } finally { await mutant.close(); }
  }, 60_000);
});
