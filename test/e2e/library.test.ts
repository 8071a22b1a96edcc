// The package's library entry point runs a suite end to end, as the README shows.
import { describe, expect, it } from 'vitest';
import { createEmulator, createTarget, generateCases, loadContracts, REPORTERS, runSuite } from '../../index.ts';

describe('library entry point', () => {
  it('loads, generates, runs against the emulator and renders', async () => {
    const loaded = loadContracts();
    const cases = generateCases(loaded, { seed: 1, depth: 'smoke', filter: { vendor: ['aliyun'] } });
    const emulator = createEmulator({ contracts: loaded });
    const target = await createTarget('inprocess', { loaded, handler: emulator.handler });
    const results = await runSuite({ cases, target, loaded, concurrency: 4, seed: 1, depth: 'smoke' });
    await emulator.close();
    expect(results.cases).toHaveLength(cases.length);
    expect(results.cases.length).toBeGreaterThan(0);
    expect(results.cases.filter((c) => c.vendor !== 'aliyun' || !c.verdict.startsWith('pass')).map((c) => `${c.id}: ${c.verdict} ${c.reason ?? ''}`)).toEqual([]);
    expect(results.contracts.map((c) => c.id).every((id) => id.startsWith('aliyun.'))).toBe(true);
    expect(REPORTERS.markdown.render(results)).toContain('DeleteSnapshot');
  });
});
