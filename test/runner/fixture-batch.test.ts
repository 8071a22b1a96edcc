// Fixtures in batches: the batcher against a recording fake (windows, removals riding along, per-set
// errors, flush), then whole runs on the reference emulator, batched vs one at a time: the same
// verdicts, far fewer control requests, and a world left as it was found.
import { describe, expect, it } from 'vitest';
import type { Case, FixtureBatch, FixtureBatchAnswer, Fixtures } from '../../core/types.ts';
import { createTarget } from '../../adapters/index.ts';
import { createEmulator } from '../../emulator/index.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { FixtureBatcher } from '../../runner/fixture-batch.ts';
import { runSuite } from '../../runner/index.ts';

const loaded = loadContracts();

/** A case with `n` disk fixtures, the second one referring to the first. */
function caseWith(id: string, n: number, exclusive = false): Case {
  const setup = Array.from({ length: n }, (_, k) => ({ as: `f${k}`, kind: 'disk', fields: k === 1 ? { instanceId: '$f0.id' } : {} }));
  return { id, setup, ...(exclusive ? { exclusive } : {}), call: { vendor: 'aliyun', operation: 'DeleteSnapshot', params: {} } } as unknown as Case;
}

/** Records each batch; answers ids `<case>-<as>` unless `fails` names the set's first fixture id. */
function recordingFixtures(opts: { fails?: Set<string>; reject?: boolean } = {}) {
  const batches: FixtureBatch[] = [];
  let n = 0;
  const fixtures: Fixtures = {
    create: async () => { throw new Error('not on the batch path'); },
    get: async () => undefined,
    async batch(request) {
      batches.push(structuredClone(request));
      await new Promise((r) => setTimeout(r, 1));
      if (opts.reject) throw new Error('control API down');
      return request.create.map(({ specs }): FixtureBatchAnswer => {
        const k = n++;
        return opts.fails?.has(`${k}`) ? { error: `set ${k} refused` } : { ids: Object.fromEntries(specs.map((s) => [s.as, `id${k}-${s.as}`])) };
      });
    },
  };
  return { fixtures, batches };
}

describe('FixtureBatcher', () => {
  it('creates the fixtures of a window of upcoming cases in one request, skipping cases without fixtures or on account state', async () => {
    const { fixtures, batches } = recordingFixtures();
    const b = FixtureBatcher.for(fixtures, 4)!;
    const cases = [caseWith('a', 2), caseWith('none', 0), caseWith('b', 1), caseWith('acct', 1, true), caseWith('c', 1), caseWith('d', 1), caseWith('e', 1)];
    const first = await b.prepare(cases[0]!, cases);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.create.map((s) => s.specs.length)).toEqual([2, 1, 1, 1]); // a, b, c, d
    expect(first).toEqual({ vendor: 'aliyun', refs: { f0: 'id0-f0', f1: 'id0-f1' }, kinds: { f0: 'disk', f1: 'disk' }, created: [{ kind: 'disk', id: 'id0-f0' }, { kind: 'disk', id: 'id0-f1' }] });
    expect((await b.prepare(cases[4]!, cases.slice(5))).refs).toEqual({ f0: 'id2-f0' }); // c: made by the first batch
    expect(batches).toHaveLength(1);
    await b.prepare(cases[6]!, []); // e: not in the window, a second request
    expect(batches).toHaveLength(2);
    expect(b.handles(cases[1]!)).toBe(false);
    expect(b.handles(cases[3]!)).toBe(false);
  });

  it('removals of finished cases ride along with the next batch, newest first; flush removes the rest and the unused', async () => {
    const { fixtures, batches } = recordingFixtures();
    const b = FixtureBatcher.for(fixtures, 2)!;
    const [a, x, y, z] = [caseWith('a', 2), caseWith('x', 1), caseWith('y', 1), caseWith('z', 1)];
    const pa = await b.prepare(a, [x]);
    b.release('aliyun', pa.created);
    await b.prepare(y, [z]);
    expect(batches[1]!.remove).toEqual([{ vendor: 'aliyun', entities: [{ kind: 'disk', id: 'id0-f1' }, { kind: 'disk', id: 'id0-f0' }] }]);
    // x and z were prepared but never taken: flush removes them too.
    await b.flush();
    expect(batches).toHaveLength(3);
    expect(batches[2]).toEqual({ create: [], remove: [{ vendor: 'aliyun', entities: [{ kind: 'disk', id: 'id1-f0' }] }, { vendor: 'aliyun', entities: [{ kind: 'disk', id: 'id3-f0' }] }] });
    await b.flush();
    expect(batches).toHaveLength(3); // nothing left to remove
  });

  it('does not let removals pile up when no further batch comes', async () => {
    const { fixtures, batches } = recordingFixtures();
    const b = FixtureBatcher.for(fixtures, 2)!;
    for (let i = 0; i < 4; i++) b.release('aliyun', [{ kind: 'disk', id: `d${i}` }]);
    await b.flush();
    expect(batches.map((x) => x.remove.length)).toEqual([4]);
  });

  it('a refused set fails only its own case; a failed request fails each case, with no unhandled rejection', async () => {
    const one = recordingFixtures({ fails: new Set(['1']) });
    const b = FixtureBatcher.for(one.fixtures, 3)!;
    const cs = [caseWith('a', 1), caseWith('b', 1), caseWith('c', 1)];
    await expect(b.prepare(cs[0]!, cs)).resolves.toMatchObject({ refs: { f0: 'id0-f0' } });
    await expect(b.prepare(cs[1]!, [])).rejects.toThrow('set 1 refused');
    await expect(b.prepare(cs[2]!, [])).resolves.toMatchObject({ refs: { f0: 'id2-f0' } });

    const down = recordingFixtures({ reject: true });
    const d = FixtureBatcher.for(down.fixtures, 3)!;
    await expect(d.prepare(cs[0]!, cs)).rejects.toThrow('control API down');
    await new Promise((r) => setTimeout(r, 5)); // b and c's promises rejected untaken: vitest fails the file on an unhandled rejection
    await expect(d.prepare(cs[1]!, [])).rejects.toThrow('control API down');
    await expect(d.flush()).resolves.toBeUndefined();
  });

  it('is only made for fixtures that can batch', () => {
    expect(FixtureBatcher.for(undefined)).toBeUndefined();
    expect(FixtureBatcher.for({ create: async () => 'x', get: async () => undefined })).toBeUndefined();
  });
});

describe('runSuite on the reference emulator: batched vs one at a time', () => {
  const cases = generateCases(loaded, { seed: 5, depth: 'deep', variations: 1 });
  const withSetup = cases.filter((c) => c.setup?.length && !c.exclusive).length;

  async function run(batchFixtures: boolean) {
    const emulator = createEmulator({ contracts: loaded });
    const control: Record<string, number> = {};
    const handler = emulator.handler;
    const counting: typeof handler = (req, res) => {
      const path = (req.url ?? '').split('?')[0]!.replace(/^(\/__emulator\/entities)\/[a-z]+\/[a-zA-Z]+\/.*$/, '$1/:vendor/:kind/:id');
      if (path.startsWith('/__emulator/')) control[`${req.method} ${path}`] = (control[`${req.method} ${path}`] ?? 0) + 1;
      return handler(req, res);
    };
    // The entities (idempotency records of the calls stay, as on a real cloud).
    const world = () => JSON.stringify({ ...emulator.state.dump(), idempotency: undefined });
    const before = world();
    const target = await createTarget('inprocess', { handler: counting, loaded, concurrency: 4 });
    const res = await runSuite({ cases, target, loaded, seed: 5, depth: 'deep', concurrency: 4, retries: 0, batchFixtures, runSalt: 's' });
    const after = world();
    await target.close?.();
    await emulator.close();
    return { verdicts: res.cases.map((r) => `${r.id} ${r.verdict}`), control, before, after };
  }

  it('gives the same verdicts with a fraction of the control requests, and leaves the world as it found it', async () => {
    const batched = await run(true);
    const single = await run(false);
    expect(batched.verdicts).toEqual(single.verdicts);
    expect(batched.verdicts.filter((v) => !/ pass(-ambiguous)?$/.test(v))).toEqual([]);
    const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    // One at a time: a create per fixture and a remove per case; batched: one request per 32 sets.
    expect(single.control['POST /__emulator/entities']).toBeGreaterThan(withSetup);
    expect(single.control['POST /__emulator/entities/batch']).toBeUndefined();
    expect(batched.control['POST /__emulator/entities/batch']).toBeLessThanOrEqual(Math.ceil(withSetup / 32) + 2);
    expect(total(batched.control)).toBeLessThan(total(single.control) / 4);
    // the flows' polls move the emulator's clock on (its lifecycles), nothing else remains
    const world = (w: string) => w.replace(/"clockOffsetMs":\d+/, '');
    for (const r of [batched, single]) expect(world(r.after)).toBe(world(r.before));
  });
});
