// Alibaba CreateSnapshotGroup ClientToken (today's cloud: the model's ClientToken, ledger rule
// client-token-idempotency): a retry with the same token and request answers the first group, even
// under 50 concurrent retries; another request with that token is the page's own row (line 109).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callFor, control, send, signed, startEmulator } from './http-helpers.ts';
import { LOADED } from './scenario.ts';

let ctx: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => { ctx = await startEmulator({ world: 'demo' }); });
afterAll(async () => { await ctx.em.close(); });

const R = { RegionId: 'cn-hangzhou' };
const create = (params: Record<string, unknown>) => send(ctx.url, signed(ctx.host, callFor('aliyun.ecs.CreateSnapshotGroup', { ...R, ...params })));
const groupsOf = (instanceId: string) => ctx.em.state.list('aliyun', 'snapshotGroup').filter((g) => g.instanceId === instanceId);
const pageRow = LOADED.byId('aliyun.ecs.CreateSnapshotGroup').errors.find((e) => e.code === 'IdempotentParameterMismatch')!;

describe('CreateSnapshotGroup ClientToken', () => {
  test('the same token and request answer the same SnapshotGroupId; no second group', async () => {
    ctx.em.reset('demo');
    const before = groupsOf('i-demorunning000000001').length;
    const params = { InstanceId: 'i-demorunning000000001', Name: 'retried', ClientToken: 'tok-same-1' };
    const first = await create(params);
    const again = await create(params);
    expect(first.status, first.text).toBe(200);
    expect(again.status, again.text).toBe(200);
    expect((again.parsed.body as any).SnapshotGroupId).toBe((first.parsed.body as any).SnapshotGroupId);
    expect(groupsOf('i-demorunning000000001')).toHaveLength(before + 1);
  });

  test('50 concurrent retries with one token: exactly one group, every answer the same id', async () => {
    ctx.em.reset('demo');
    const before = groupsOf('i-demorunning000000001').length;
    const res = await Promise.all(Array.from({ length: 50 }, () => create({ InstanceId: 'i-demorunning000000001', ClientToken: 'tok-burst-1' })));
    expect(res.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(new Set(res.map((r) => (r.parsed.body as any).SnapshotGroupId)).size).toBe(1);
    expect(groupsOf('i-demorunning000000001')).toHaveLength(before + 1);
  });

  test('without a token, a retry is a new request (the disk is now being snapshotted)', async () => {
    ctx.em.reset('demo');
    expect((await create({ InstanceId: 'i-demorunning000000001' })).status).toBe(200);
    expect((await create({ InstanceId: 'i-demorunning000000001' })).parsed.error?.code).toBe('IncorrectDiskStatus.CreatingSnapshot');
  });

  test('the same token with another request: IdempotentParameterMismatch, status and message from the page row (line 109)', async () => {
    ctx.em.reset('demo');
    expect((await create({ InstanceId: 'i-demorunning000000001', Name: 'first', ClientToken: 'tok-mismatch-1' })).status).toBe(200);
    const other = await create({ InstanceId: 'i-demorunning000000001', Name: 'second', ClientToken: 'tok-mismatch-1' });
    expect(pageRow).toMatchObject({ status: 403, line: 109 });
    expect({ status: other.status, code: other.parsed.error?.code, message: other.parsed.error?.message }).toEqual({ status: pageRow.status, code: 'IdempotentParameterMismatch', message: pageRow.message });
  });

  test('ResourceGroupId and the named disks are stored on the group, readable through the control API', async () => {
    ctx.em.reset('demo');
    const res = await create({ DiskId: ['d-demodata000000000001'], ResourceGroupId: 'rg-acfm0000000000', ClientToken: 'tok-rg-1' });
    expect(res.status, res.text).toBe(200);
    const id = (res.parsed.body as any).SnapshotGroupId as string;
    const read = await control(ctx.url, 'GET', `/entities/aliyun/snapshotGroup/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ resourceGroupId: 'rg-acfm0000000000', diskIds: ['d-demodata000000000001'], instanceId: 'i-demorunning000000001' });
  });
});
