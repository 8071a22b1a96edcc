// Injected faults answer in the vendor's own envelope (profile codes) and can be cleared.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { request } from 'undici';
import { LOADED } from './scenario.ts';
import { callFor, control, send, signed, startEmulator } from './http-helpers.ts';

let ctx: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => { ctx = await startEmulator({ world: 'demo' }); });
afterAll(async () => { await ctx.em.close(); });

const ali = () => signed(ctx.host, callFor('aliyun.ecs.DeleteSnapshot', { SnapshotId: 's-nope' }));
const volc = () => signed(ctx.host, callFor('volcengine.ecs.DeleteInstances', { InstanceIds: ['i-nope'] }));
const hw = () => signed(ctx.host, callFor('huaweicloud.evs.DeleteSnapshot', { project_id: '0123456789abcdef0123456789abcdef', snapshot_id: 'x' }));

describe('faults', () => {
  test('throttle and 5xx use each vendor profile', async () => {
    for (const [vendor, build] of [['aliyun', ali], ['volcengine', volc], ['huaweicloud', hw]] as const) {
      for (const [kind, role] of [['throttle', 'throttled'], ['5xx', 'internal']] as const) {
        await control(ctx.url, 'POST', '/faults', { kinds: [kind], count: 1, match: { vendor } });
        const r = await send(ctx.url, build());
        const want = LOADED.profiles[vendor].errors[role]!;
        expect({ status: r.status, code: r.parsed.error?.code }, `${vendor} ${kind}`).toEqual({ status: want.status, code: want.code });
        expect((await send(ctx.url, build())).parsed.error?.code, 'count 1: next request normal').not.toBe(want.code);
      }
    }
  });

  test('match by operation, rate 0 never fires, DELETE clears', async () => {
    await control(ctx.url, 'POST', '/faults', { kinds: ['5xx'], match: { operation: 'CreateSnapshotGroup' } });
    await control(ctx.url, 'POST', '/faults', { kinds: ['5xx'], rate: 0 });
    expect((await send(ctx.url, ali())).status).toBe(404);
    await control(ctx.url, 'DELETE', '/faults');
    expect((await control(ctx.url, 'GET', '/faults')).body.faults).toEqual([]);
  });

  test('latency delays the answer', async () => {
    await control(ctx.url, 'POST', '/faults', { kinds: ['latency'], latencyMs: 300, count: 1 });
    const t = Date.now();
    expect((await send(ctx.url, ali())).status).toBe(404);
    expect(Date.now() - t).toBeGreaterThanOrEqual(280);
  });

  test('drop closes the connection; truncate sends half a body', async () => {
    await control(ctx.url, 'POST', '/faults', { kinds: ['drop'], count: 1 });
    const w = ali();
    await expect(request(ctx.url + w.path, { method: 'POST', headers: w.headers })).rejects.toThrow();
    await control(ctx.url, 'POST', '/faults', { kinds: ['truncate'], count: 1 });
    const w2 = ali();
    await expect(request(ctx.url + w2.path, { method: 'POST', headers: w2.headers }).then((r) => r.body.text())).rejects.toThrow();
    expect((await send(ctx.url, ali())).status).toBe(404);
  });
});
