// Concurrent requests: each operation is atomic (validate then mutate with no await between).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callFor, send, signed, startEmulator } from './http-helpers.ts';

let ctx: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => { ctx = await startEmulator({ world: 'demo' }); });
afterAll(async () => { await ctx.em.close(); });

const many = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));

describe('atomicity under concurrent requests', () => {
  test('50 parallel DeleteSnapshot of one snapshot: exactly one succeeds', async () => {
    ctx.em.reset('demo');
    const res = await many(50, () => send(ctx.url, signed(ctx.host, callFor('aliyun.ecs.DeleteSnapshot', { SnapshotId: 's-demoplain00000000001' }))));
    expect(res.filter((r) => r.status === 200)).toHaveLength(1);
    expect(res.filter((r) => r.parsed.error?.code === 'InvalidSnapshotId.NotFound')).toHaveLength(49);
  });

  test('30 parallel CreateSnapshotGroup on one instance: exactly one group', async () => {
    ctx.em.reset('demo');
    const res = await many(30, () => send(ctx.url, signed(ctx.host, callFor('aliyun.ecs.CreateSnapshotGroup', { RegionId: 'cn-hangzhou', InstanceId: 'i-demorunning000000001' }))));
    expect(res.filter((r) => r.status === 200)).toHaveLength(1);
    expect(new Set(res.filter((r) => r.status !== 200).map((r) => r.parsed.error?.code))).toEqual(new Set(['IncorrectDiskStatus.CreatingSnapshot']));
    const groups = ctx.em.state.list('aliyun', 'snapshotGroup').filter((g) => g.instanceId === 'i-demorunning000000001');
    expect(groups).toHaveLength(2); // the demo group plus the one created here
  });

  test('40 parallel DeleteInstances of one instance: exactly one deletes it', async () => {
    ctx.em.reset('demo');
    const res = await many(40, () => send(ctx.url, signed(ctx.host, callFor('volcengine.ecs.DeleteInstances', { InstanceIds: ['i-demopostpaidrun001'] }))));
    const details = res.map((r) => (r.parsed.body as any).Result.OperationDetails[0]);
    expect(details.filter((d) => !d.Error)).toHaveLength(1);
    // the others meet it DELETING (then gone: InvalidInstance.NotFound), never a second delete
    expect(details.filter((d) => d.Error?.Code === 'InvalidInstanceStatus' || d.Error?.Code === 'InvalidInstance.NotFound')).toHaveLength(39);
  });
});
