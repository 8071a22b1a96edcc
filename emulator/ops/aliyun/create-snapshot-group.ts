// Alibaba ECS CreateSnapshotGroup: one snapshot per ESSD disk, progressing until `snapshotCreationMs`
// has passed on the emulator clock. The disks are the instance's (minus ExcludeDiskId.N), or, where the
// contract's view has DiskId.N (the current model, CreateSnapshotGroup.evidence.yaml), the ones named.
import type { Entity } from '../../state/types.ts';
import type { CreateSnapshotGroupBody, CreateSnapshotGroupInput } from '../wire-types.ts';
import { typedHandler, type OpHandler } from '../types.ts';
import { checkRegion } from './common.ts';

/**
 * The seed page's limits (line 11): 10 disks and 32 TiB a group. The capacity stays 32 TiB in both views:
 * the current page and the CSI driver say 32 TiB (ledger backing of rule:max-total-capacity), only the
 * model's remark says 256 TiB, and no claim supersedes the rule.
 */
const PAGE_MAX_DISKS = 10;
const MAX_TOTAL_GIB = 32 * 1024;

export const createSnapshotGroup = typedHandler<CreateSnapshotGroupInput>((v, ctx) => {
  const { store } = ctx;
  const regionId = v.RegionId;
  const bad = checkRegion(ctx, regionId);
  if (bad) return bad;
  // ClientToken (current model only: the page has no such parameter): a retry of a created group answers it again.
  const token = ctx.deviations.on('aliyun.CreateSnapshotGroup.client-token-ignored') ? undefined : v.ClientToken;
  const tokenKey = token ? `aliyun:${ctx.accessKeyId ?? ''}:CreateSnapshotGroup:${token}` : undefined;
  const fingerprint = requestFingerprint(v);
  const seen = tokenKey ? store.idempotent(tokenKey) : undefined;
  if (seen) {
    if (seen.fingerprint !== fingerprint && !ctx.deviations.on('aliyun.CreateSnapshotGroup.token-mismatch-replayed')) {
      return ctx.fail('client-token-idempotency', 'IdempotentParameterMismatch', 403);
    }
    return { status: seen.status, body: seen.body };
  }
  const named = ctx.deviations.on('aliyun.CreateSnapshotGroup.disk-id-ignored') ? undefined : v.DiskId;
  let inst: Entity | undefined;
  if (v.InstanceId !== undefined || !named) {
    inst = store.get('aliyun', 'instance', v.InstanceId as string);
    if (!inst || inst.regionId !== regionId) return ctx.fail('unknown-instance', 'InvalidInstanceId.NotFound', 404);
    const refused = instanceProblem(inst, ctx);
    if (refused) return refused;
  }

  const account = store.account();
  if (!account.snapshotServiceEnabled) return ctx.fail('snapshot-service', 'InvalidAccountStatus.SnapshotServiceUnavailable', 403);
  if (!(account.balance > 0)) return ctx.fail('account-balance', 'InvalidAccountStatus.NotEnoughBalance', 403);

  let disks: Entity[];
  if (named) {
    disks = [];
    for (const id of named) {
      const d = store.get('aliyun', 'disk', id);
      if (!d || d.regionId !== regionId) return ctx.fail('unknown-disk', 'InvalidDiskId.NotFound', 404);
      // with InstanceId, only that instance's disks (the model's remark names no code: the profile's generic role)
      if (inst && d.instanceId !== inst.id) return ctx.role('invalid-parameter', 'DiskId');
      if (!inst && d.instanceId) {
        const owner = store.get('aliyun', 'instance', d.instanceId);
        const refused = owner ? instanceProblem(owner, ctx) : undefined;
        if (refused) return refused;
      }
      disks.push(d);
    }
  } else {
    const attached = store.list('aliyun', 'disk').filter((d) => d.instanceId === inst!.id);
    const excluded = ctx.deviations.on('aliyun.CreateSnapshotGroup.exclude-ignored') ? [] : v.ExcludeDiskId ?? [];
    for (const id of excluded) {
      const d = store.get('aliyun', 'disk', id);
      if (!d || d.regionId !== regionId) return ctx.fail('unknown-excluded-disk', 'InvalidDiskId.NotFound', 404);
    }
    disks = attached.filter((d) => !excluded.includes(d.id));
  }
  if (disks.length === 0) return ctx.fail('no-disk', 'IncorrectInstanceStatus', 400);
  if (disks.length > maxDisks(ctx) + (ctx.deviations.on('aliyun.CreateSnapshotGroup.eleven-disks') ? 1 : 0)) return ctx.fail('max-ten-disks', 'InvalidParameter', 400);
  if (disks.reduce((n, d) => n + (Number(d.sizeGiB) || 0), 0) > MAX_TOTAL_GIB && !ctx.deviations.on('aliyun.CreateSnapshotGroup.capacity-unchecked')) return ctx.fail('max-total-capacity', 'InvalidParameter', 400);

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
    regionId, instanceId: inst?.id ?? (disks[0]!.instanceId as string | undefined) ?? '', diskIds: disks.map((d) => d.id), resourceGroupId: v.ResourceGroupId ?? '', name: v.Name ?? '', description: v.Description ?? '',
    instantAccess: v.InstantAccess === true, instantAccessRetentionDays: v.InstantAccessRetentionDays ?? null, snapshotIds: [],
  }, { silent: true });
  for (const d of disks) {
    const snap = store.create('aliyun', 'snapshot', {
      regionId, diskId: d.id, groupId: group.id, name: `${v.Name || 'ssg'}-${d.id}`,
      status: done ? 'accomplished' : 'progressing', progress: done ? 100 : 0,
      startedAt: now, completesAt: now + Math.max(0, ctx.snapshotCreationMs),
    }, { silent: true });
    (group.snapshotIds as string[]).push(snap.id);
  }
  const body: CreateSnapshotGroupBody = { SnapshotGroupId: group.id };
  if (tokenKey) store.remember(tokenKey, { fingerprint, status: 200, body, at: now });
  store.changed();
  return { status: 200, body };
});

/** What makes two requests "the same" for ClientToken: every value but the token, lists in order given. */
function requestFingerprint(v: Parameters<OpHandler>[0]): string {
  const { ClientToken: _token, ...rest } = v;
  return JSON.stringify(Object.keys(rest).sort().map((k) => [k, rest[k]]));
}

/** The disk limit of a group in the contract's view: DiskId.N's list size where the current model is in it, else the page's 10. */
function maxDisks(ctx: Parameters<OpHandler>[1]): number {
  const diskId = ctx.contract.request.parameters.find((p) => p.name === 'DiskId');
  return typeof diskId?.schema.maxItems === 'number' ? diskId.schema.maxItems : PAGE_MAX_DISKS;
}

/** The instance rules: Running or Stopped, not locked for security. */
function instanceProblem(inst: Entity, ctx: Parameters<OpHandler>[1]) {
  if (!ctx.deviations.on('aliyun.CreateSnapshotGroup.no-status-check') && inst.status !== 'Running' && inst.status !== 'Stopped') {
    return ctx.fail('instance-status', 'IncorrectInstanceStatus', 400);
  }
  if (inst.lockedForSecurity && !ctx.deviations.on('aliyun.CreateSnapshotGroup.lock-unchecked')) return ctx.fail('instance-locked', 'InstanceLockedForSecurity', 403);
  return undefined;
}

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
