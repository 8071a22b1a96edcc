// Alibaba ECS CreateSnapshotGroup: one snapshot per ESSD disk of the instance (minus ExcludeDiskId),
// progressing until `snapshotCreationMs` has passed on the emulator clock.
import type { Entity } from '../../state/types.ts';
import type { CreateSnapshotGroupBody } from '../wire-types.ts';
import type { OpHandler } from '../types.ts';
import { checkRegion } from './common.ts';

const MAX_DISKS = 10;
const MAX_TOTAL_GIB = 32 * 1024;

export const createSnapshotGroup: OpHandler = (v, ctx) => {
  const { store } = ctx;
  const regionId = v.RegionId as string;
  const bad = checkRegion(ctx, regionId);
  if (bad) return bad;
  const inst = store.get('aliyun', 'instance', v.InstanceId as string);
  if (!inst || inst.regionId !== regionId) return ctx.fail('unknown-instance', 'InvalidInstanceId.NotFound', 404);
  if (!ctx.deviations.on('aliyun.CreateSnapshotGroup.no-status-check') && inst.status !== 'Running' && inst.status !== 'Stopped') {
    return ctx.fail('instance-status', 'IncorrectInstanceStatus', 400);
  }
  if (inst.lockedForSecurity && !ctx.deviations.on('aliyun.CreateSnapshotGroup.lock-unchecked')) return ctx.fail('instance-locked', 'InstanceLockedForSecurity', 403);

  const account = store.account();
  if (!account.snapshotServiceEnabled) return ctx.fail('snapshot-service', 'InvalidAccountStatus.SnapshotServiceUnavailable', 403);
  if (!(account.balance > 0)) return ctx.fail('account-balance', 'InvalidAccountStatus.NotEnoughBalance', 403);

  const attached = store.list('aliyun', 'disk').filter((d) => d.instanceId === inst.id);
  const excluded = ctx.deviations.on('aliyun.CreateSnapshotGroup.exclude-ignored') ? [] : (v.ExcludeDiskId as string[] | undefined) ?? [];
  for (const id of excluded) {
    const d = store.get('aliyun', 'disk', id);
    if (!d || d.regionId !== regionId) return ctx.fail('unknown-excluded-disk', 'InvalidDiskId.NotFound', 404);
  }
  const disks = attached.filter((d) => !excluded.includes(d.id));
  if (disks.length === 0) return ctx.fail('no-disk', 'IncorrectInstanceStatus', 400);
  if (disks.length > MAX_DISKS + (ctx.deviations.on('aliyun.CreateSnapshotGroup.eleven-disks') ? 1 : 0)) return ctx.fail('max-ten-disks', 'InvalidParameter', 400);
  if (disks.reduce((n, d) => n + (Number(d.sizeGiB) || 0), 0) > MAX_TOTAL_GIB) return ctx.fail('max-total-capacity', 'InvalidParameter', 400);

  for (const d of disks) {
    const failed = diskProblem(d, ctx, store.list('aliyun', 'snapshot'));
    if (failed) return failed;
  }
  if (store.list('aliyun', 'snapshot').length + disks.length > account.snapshotQuota && !ctx.deviations.on('aliyun.CreateSnapshotGroup.quota-unchecked')) {
    return ctx.fail('snapshot-quota', 'QuotaExceed.Snapshot', 403);
  }

  // ---- all checks passed: mutate (no await between the checks above and here)
  const now = ctx.now;
  const done = ctx.snapshotCreationMs <= 0;
  const group = store.create('aliyun', 'snapshotGroup', {
    regionId, instanceId: inst.id, name: (v.Name as string) ?? '', description: (v.Description as string) ?? '',
    instantAccess: v.InstantAccess === true, instantAccessRetentionDays: v.InstantAccessRetentionDays ?? null, snapshotIds: [],
  }, { silent: true });
  for (const d of disks) {
    const snap = store.create('aliyun', 'snapshot', {
      regionId, diskId: d.id, groupId: group.id, name: `${(v.Name as string) || 'ssg'}-${d.id}`,
      status: done ? 'accomplished' : 'progressing', progress: done ? 100 : 0,
      startedAt: now, completesAt: now + Math.max(0, ctx.snapshotCreationMs),
    }, { silent: true });
    (group.snapshotIds as string[]).push(snap.id);
  }
  store.changed();
  const body: CreateSnapshotGroupBody = { SnapshotGroupId: group.id };
  return { status: 200, body };
};

function diskProblem(d: Entity, ctx: Parameters<OpHandler>[1], snapshots: Entity[]) {
  if (d.multiAttach && !ctx.deviations.on('aliyun.CreateSnapshotGroup.multi-attach-unchecked')) return ctx.fail('multi-attach-disk', 'InvalidOperation.MultiAttachDisk', 403);
  if (d.category !== 'cloud_essd' && !ctx.deviations.on('aliyun.CreateSnapshotGroup.essd-unchecked')) return ctx.fail('essd-only', 'DiskCategory.OperationNotSupported', 400);
  if (d.inArrears) return ctx.fail('disk-in-arrears', 'DiskInArrears', 403);
  if (d.transferring) return ctx.fail('disk-transferring', 'IncorrectDiskStatus.Transferring', 403);
  if (d.neverAttached) return ctx.fail('disk-never-attached', 'IncorrectDiskStatus.NeverAttached', 403);
  if (d.neverUsed) return ctx.fail('disk-never-used', 'IncorrectDiskStatus.NeverUsed', 403);
  if (d.status !== 'In_use') return ctx.fail('disk-in-use', 'IncorrectDiskStatus', 403);
  if (snapshots.some((s) => s.diskId === d.id && s.status === 'progressing')) {
    return ctx.fail('snapshot-in-progress', 'IncorrectDiskStatus.CreatingSnapshot', 403);
  }
  return undefined;
}
