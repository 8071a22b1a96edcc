// Snapshots of CreateSnapshotGroup: progressing -> accomplished over snapshotCreationMs on an
// injected clock; deleting one in progress cancels it.
import { describe, expect, test } from 'vitest';
import { call, LOADED, newEngine } from './scenario.ts';

describe('snapshot progress', () => {
  test('progress follows the injected clock; control clock advance too', () => {
    let now = 1_000_000;
    const { engine, store } = newEngine({ world: 'demo', now: () => now, snapshotCreationMs: 10_000 });
    const r = call(engine, LOADED.byId('aliyun.ecs.CreateSnapshotGroup'), { RegionId: 'cn-hangzhou', InstanceId: 'i-demorunning000000001' });
    const gid = (r.body as { SnapshotGroupId: string }).SnapshotGroupId;
    const group = store.view('aliyun', 'snapshotGroup', gid)!;
    const snaps = (group.snapshotIds as string[]).map((id) => store.get('aliyun', 'snapshot', id)!);
    expect(snaps).toHaveLength(2);
    expect(group.status).toBe('progressing');
    expect(snaps.every((s) => s.status === 'progressing' && s.progress === 0)).toBe(true);
    now += 5_000; store.tick();
    expect(snaps[0]!.progress).toBe(50);
    // a second group on the same disks is refused while the first is in progress
    const busy = call(engine, LOADED.byId('aliyun.ecs.CreateSnapshotGroup'), { RegionId: 'cn-hangzhou', InstanceId: 'i-demorunning000000001' });
    expect(busy.error?.code).toBe('IncorrectDiskStatus.CreatingSnapshot');
    store.data.clockOffsetMs += 5_000; store.tick();
    expect(snaps.every((s) => s.status === 'accomplished' && s.progress === 100)).toBe(true);
    expect(store.view('aliyun', 'snapshotGroup', gid)!.status).toBe('accomplished');
  });

  test('deleting a progressing snapshot cancels it and leaves the group consistent', () => {
    const now = 5_000;
    const { engine, store } = newEngine({ world: 'demo', now: () => now, snapshotCreationMs: 60_000 });
    const r = call(engine, LOADED.byId('aliyun.ecs.CreateSnapshotGroup'), { RegionId: 'cn-hangzhou', InstanceId: 'i-demorunning000000001' });
    const gid = (r.body as { SnapshotGroupId: string }).SnapshotGroupId;
    const [first] = store.get('aliyun', 'snapshotGroup', gid)!.snapshotIds as string[];
    expect(call(engine, LOADED.byId('aliyun.ecs.DeleteSnapshot'), { SnapshotId: first }).status).toBe(200);
    expect(store.get('aliyun', 'snapshot', first!)).toBeUndefined();
    expect(store.get('aliyun', 'snapshotGroup', gid)!.snapshotIds).toHaveLength(1);
  });

  test('snapshotCreationMs 0 creates accomplished snapshots', () => {
    const { engine, store } = newEngine({ world: 'demo', snapshotCreationMs: 0 });
    const r = call(engine, LOADED.byId('aliyun.ecs.CreateSnapshotGroup'), { RegionId: 'cn-hangzhou', InstanceId: 'i-demostopped000000001' });
    const g = store.view('aliyun', 'snapshotGroup', (r.body as { SnapshotGroupId: string }).SnapshotGroupId)!;
    expect(g.status).toBe('accomplished');
  });

  test('Huawei: a deleted snapshot shows deleting through ShowSnapshot and ListSnapshots until deletionMs passes, then 404; error_deleting (control API) stays', () => {
    const PROJECT = '0123456789abcdef0123456789abcdef';
    let now = 1_000_000;
    const { engine, store } = newEngine({ world: 'demo', now: () => now, deletionMs: 8_000 });
    const show = (id: string) => call(engine, LOADED.byId('huaweicloud.evs.ShowSnapshot'), { project_id: PROJECT, snapshot_id: id });
    const list = () => (call(engine, LOADED.byId('huaweicloud.evs.ListSnapshots'), { project_id: PROJECT }).body as { snapshots: { id: string; status: string }[] }).snapshots;
    const a = store.create('huaweicloud', 'snapshot', { projectId: PROJECT, status: 'available' }).id;
    const b = store.create('huaweicloud', 'snapshot', { projectId: PROJECT, status: 'available' }).id;
    expect(call(engine, LOADED.byId('huaweicloud.evs.DeleteSnapshot'), { project_id: PROJECT, snapshot_id: a }).status).toBe(202);
    expect((show(a).body as { snapshot: { status: string } }).snapshot.status).toBe('deleting');
    expect(list().find((s) => s.id === a)?.status).toBe('deleting');
    now += 4_000;
    expect(show(a).status).toBe(200);
    now += 4_000;
    expect({ status: show(a).status, code: show(a).error?.code }).toEqual({ status: 404, code: 'itemNotFound' });
    expect(list().some((s) => s.id === a)).toBe(false);
    // error_deleting, as the control API patches it, is not timed: it stays until deleted again
    expect(call(engine, LOADED.byId('huaweicloud.evs.DeleteSnapshot'), { project_id: PROJECT, snapshot_id: b }).status).toBe(202);
    store.patch('huaweicloud', 'snapshot', b, { status: 'error_deleting' });
    now += 60_000;
    expect((show(b).body as { snapshot: { status: string } }).snapshot.status).toBe('error_deleting');
  });

  test('deletionMs 0: a deleted Huawei snapshot is gone at once', () => {
    const PROJECT = '0123456789abcdef0123456789abcdef';
    const { engine, store } = newEngine({ world: 'demo', deletionMs: 0 });
    const a = store.create('huaweicloud', 'snapshot', { projectId: PROJECT, status: 'available' }).id;
    expect(call(engine, LOADED.byId('huaweicloud.evs.DeleteSnapshot'), { project_id: PROJECT, snapshot_id: a }).status).toBe(202);
    expect(store.get('huaweicloud', 'snapshot', a)).toBeUndefined();
  });
});
