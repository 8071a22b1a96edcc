// A run tidies up after itself: every fixture a case creates is removed after it (with what the call
// made from it), account state is restored. So a long run never fills the world, nor the snapshot
// quota, and a second run meets the same world as the first.
import { describe, expect, it } from 'vitest';
import { createTarget } from '../../adapters/index.ts';
import { createEmulator } from '../../emulator/index.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { runSuite } from '../../runner/index.ts';

type World = Record<string, unknown>;
const VENDORS = ['aliyun', 'volcengine', 'huaweicloud'];
const counts = (w: World) => Object.fromEntries(VENDORS.flatMap((v) =>
  Object.entries((w[v] ?? {}) as Record<string, unknown[]>).map(([kind, list]) => [`${v}.${kind}`, list.length])));
const account = (w: World) => ((w.aliyun as Record<string, unknown[]>).account ?? [])[0];

describe('a run leaves the world as it found it', () => {
  it('entity counts and the account are unchanged after the full standard suite, twice', async () => {
    const loaded = loadContracts();
    const emulator = createEmulator({ contracts: loaded });
    const target = await createTarget('inprocess', { loaded, handler: emulator.handler });
    const before = emulator.state.dump();
    const cases = generateCases(loaded, { seed: 3, depth: 'standard' });
    for (let i = 0; i < 2; i++) {
      const r = await runSuite({ cases, target, loaded, concurrency: 8, seed: 3, depth: 'standard' });
      expect(r.cases.filter((c) => c.verdict === 'fail').map((c) => c.id)).toEqual([]);
    }
    const after = emulator.state.dump();
    expect(counts(after as World)).toEqual(counts(before as World));
    expect(account(after as World)).toEqual(account(before as World));
    await emulator.close();
  }, 60_000);
});
