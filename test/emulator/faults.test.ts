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

  test('fault fixtures: internal-after acts, then answers the internal error; `remaining` lets the retry through, which the token replays', async () => {
    ctx.em.reset('demo');
    const inst = (await control(ctx.url, 'POST', '/entities', { vendor: 'aliyun', kind: 'instance', fields: { regionId: 'cn-hangzhou', status: 'Running' } })).body.id as string;
    await control(ctx.url, 'POST', '/entities', { vendor: 'aliyun', kind: 'disk', fields: { instanceId: inst, category: 'cloud_essd', status: 'In_use', sizeGiB: 40 } });
    const fault = (await control(ctx.url, 'POST', '/entities', { vendor: 'aliyun', kind: 'fault', fields: { outcome: 'internal-after', operation: 'CreateSnapshotGroup', remaining: 1 } })).body.id as string;
    const create = () => signed(ctx.host, callFor('aliyun.ecs.CreateSnapshotGroup', { RegionId: 'cn-hangzhou', InstanceId: inst, ClientToken: 'fault-fixture-token' }, { version: '2014-05-26' }));
    const want = LOADED.profiles.aliyun.errors.internal!;
    const first = await send(ctx.url, create());
    expect({ status: first.status, code: first.parsed.error?.code }).toEqual({ status: want.status, code: want.code });
    const groups = () => ctx.em.state.list('aliyun', 'snapshotGroup').filter((g) => g.instanceId === inst);
    expect(groups()).toHaveLength(1); // it acted before answering the error
    expect((await control(ctx.url, 'GET', `/entities/aliyun/fault/${fault}`)).status).toBe(404); // remaining 1: used up
    const retry = await send(ctx.url, create());
    expect(retry.status).toBe(200);
    expect((retry.parsed.body as { SnapshotGroupId?: string }).SnapshotGroupId).toBe(groups()[0]!.id);
    expect(groups()).toHaveLength(1);
  });

  test('fault fixtures: a throttle with remaining 2 refuses twice, then lets requests through', async () => {
    ctx.em.reset('demo');
    await control(ctx.url, 'POST', '/entities', { vendor: 'aliyun', kind: 'fault', fields: { outcome: 'throttle', operation: 'DeleteSnapshot', remaining: 2 } });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await send(ctx.url, ali())).parsed.error?.code);
    expect(codes).toEqual([LOADED.profiles.aliyun.errors.throttled!.code, LOADED.profiles.aliyun.errors.throttled!.code, 'InvalidSnapshotId.NotFound']);
  });
});
