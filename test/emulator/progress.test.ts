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
});
