// Alibaba ECS CreateSnapshotGroup: one snapshot per ESSD disk, progressing until `snapshotCreationMs`
// has passed on the emulator clock. The disks are the instance's (minus ExcludeDiskId.N), or, where the
// contract's view has DiskId.N (the current model, CreateSnapshotGroup.evidence.yaml), the ones named.
import type { Entity } from '../../state/types.ts';
import type { CreateSnapshotGroupBody, CreateSnapshotGroupInput } from '../wire-types.ts';
import { defineHandler, type OpContext } from '../types.ts';
import { checkRegion } from './common.ts';

/**
 * The seed page's limits (line 11): 10 disks and 32 TiB a group. The capacity stays 32 TiB in both views:
 * the current page and the CSI driver say 32 TiB (ledger backing of rule:max-total-capacity), only the
 * model's remark says 256 TiB, and no claim supersedes the rule.
 */
const PAGE_MAX_DISKS = 10;
const MAX_TOTAL_GIB = 32 * 1024;

const RULES = [
  'unknown-region', 'client-token-idempotency', 'instance-status', 'instance-locked', 'snapshot-service', 'account-balance',
  'no-disk', 'max-ten-disks', 'max-total-capacity', 'multi-attach-disk', 'essd-only', 'disk-in-arrears', 'disk-transferring',
  'disk-never-attached', 'disk-never-used', 'disk-in-use', 'snapshot-in-progress', 'snapshot-quota',
] as const;
type Ctx = OpContext<(typeof RULES)[number]>;

export const createSnapshotGroup = defineHandler({
  rules: RULES,
  handle(v: CreateSnapshotGroupInput, ctx) {
    const { store } = ctx;
    const regionId = v.RegionId;
    const bad = checkRegion(ctx, regionId);
    if (bad) return bad;
    // ClientToken (current model only: the page has no such parameter): a retry of a created group answers it again.
    const token = v.ClientToken;
    const tokenKey = token ? `aliyun:${ctx.accessKeyId ?? ''}:CreateSnapshotGroup:${token}` : undefined;
    const fingerprint = requestFingerprint(v);
    const seen = tokenKey ? store.idempotent(tokenKey) : undefined;
    if (seen) {
      const mismatch = ctx.check('client-token-idempotency', seen.fingerprint !== fingerprint, 'IdempotentParameterMismatch', 403);
      return mismatch ?? { status: seen.status, body: seen.body };
    }
    const named = v.DiskId;
    let inst: Entity | undefined;
    if (v.InstanceId !== undefined || !named) {
      inst = store.get('aliyun', 'instance', v.InstanceId ?? '');
      if (!inst || inst.regionId !== regionId) return ctx.fail('unknown-instance', 'InvalidInstanceId.NotFound', 404);
      const refused = instanceProblem(inst, ctx);
      if (refused) return refused;
    }

    const account = store.account();
    const refused = ctx.check('snapshot-service', !account.snapshotServiceEnabled, 'InvalidAccountStatus.SnapshotServiceUnavailable', 403)
      ?? ctx.check('account-balance', !(account.balance > 0), 'InvalidAccountStatus.NotEnoughBalance', 403);
    if (refused) return refused;

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
          const stopped = owner ? instanceProblem(owner, ctx) : undefined;
          if (stopped) return stopped;
        }
        disks.push(d);
      }
    } else {
      const owner = inst?.id;
      const attached = store.list('aliyun', 'disk').filter((d) => d.instanceId === owner);
      const excluded = v.ExcludeDiskId ?? [];
      for (const id of excluded) {
        const d = store.get('aliyun', 'disk', id);
        if (!d || d.regionId !== regionId) return ctx.fail('unknown-excluded-disk', 'InvalidDiskId.NotFound', 404);
      }
      disks = attached.filter((d) => !excluded.includes(d.id));
    }
    const sizeGiB = disks.reduce((n, d) => n + (Number(d.sizeGiB) || 0), 0);
    const limited = ctx.check('no-disk', disks.length === 0, 'IncorrectInstanceStatus', 400)
      ?? ctx.exceeds('max-ten-disks', disks.length, maxDisks(ctx), 'InvalidParameter', 400)
      ?? ctx.exceeds('max-total-capacity', sizeGiB, MAX_TOTAL_GIB, 'InvalidParameter', 400);
    if (limited) return limited;

    for (const d of disks) {
      const failed = diskProblem(d, ctx, store.list('aliyun', 'snapshot'));
      if (failed) return failed;
    }
    const quota = ctx.exceeds('snapshot-quota', store.list('aliyun', 'snapshot').length + disks.length, account.snapshotQuota, 'QuotaExceed.Snapshot', 403);
    if (quota) return quota;

    // ---- all checks passed: mutate (no await between the checks above and here)
    const now = ctx.now;
    const done = ctx.snapshotCreationMs <= 0;
    const snapshotIds: string[] = [];
    const firstOwner = disks[0]?.instanceId;
    const group = store.create('aliyun', 'snapshotGroup', {
      regionId, instanceId: inst?.id ?? (typeof firstOwner === 'string' ? firstOwner : ''), diskIds: disks.map((d) => d.id), resourceGroupId: v.ResourceGroupId ?? '', name: v.Name ?? '', description: v.Description ?? '',
      instantAccess: v.InstantAccess === true, instantAccessRetentionDays: v.InstantAccessRetentionDays ?? null, snapshotIds,
    }, { silent: true });
    for (const d of disks) {
      const snap = store.create('aliyun', 'snapshot', {
        regionId, diskId: d.id, groupId: group.id, name: `${v.Name || 'ssg'}-${d.id}`,
        status: done ? 'accomplished' : 'progressing', progress: done ? 100 : 0,
        startedAt: now, completesAt: now + Math.max(0, ctx.snapshotCreationMs),
      }, { silent: true });
      snapshotIds.push(snap.id);
    }
    const body: CreateSnapshotGroupBody = { SnapshotGroupId: group.id };
    if (tokenKey) store.remember(tokenKey, { fingerprint, status: 200, body, at: now });
    store.changed();
    return { status: 200, body };
  },
});

/** What makes two requests "the same" for ClientToken: every value but the token, lists in order given. */
function requestFingerprint(v: CreateSnapshotGroupInput): string {
  const { ClientToken: _token, ...rest } = v;
  const values: Record<string, unknown> = rest;
  return JSON.stringify(Object.keys(values).sort().map((k) => [k, values[k]]));
}

/** The disk limit of a group in the contract's view: DiskId.N's list size where the current model is in it, else the page's 10. */
function maxDisks(ctx: Ctx): number {
  const diskId = ctx.contract.request.parameters.find((p) => p.name === 'DiskId');
  return typeof diskId?.schema.maxItems === 'number' ? diskId.schema.maxItems : PAGE_MAX_DISKS;
}

/** The instance rules: Running or Stopped, not locked for security. */
function instanceProblem(inst: Entity, ctx: Ctx) {
  return ctx.check('instance-status', inst.status !== 'Running' && inst.status !== 'Stopped', 'IncorrectInstanceStatus', 400)
    ?? ctx.check('instance-locked', !!inst.lockedForSecurity, 'InstanceLockedForSecurity', 403);
}

/** The disk rules, in the order the page lists its errors. */
function diskProblem(d: Entity, ctx: Ctx, snapshots: Entity[]) {
  return ctx.check('multi-attach-disk', !!d.multiAttach, 'InvalidOperation.MultiAttachDisk', 403)
    ?? ctx.check('essd-only', d.category !== 'cloud_essd', 'DiskCategory.OperationNotSupported', 400)
    ?? ctx.check('disk-in-arrears', !!d.inArrears, 'DiskInArrears', 403)
    ?? ctx.check('disk-transferring', !!d.transferring, 'IncorrectDiskStatus.Transferring', 403)
    ?? ctx.check('disk-never-attached', !!d.neverAttached, 'IncorrectDiskStatus.NeverAttached', 403)
    ?? ctx.check('disk-never-used', !!d.neverUsed, 'IncorrectDiskStatus.NeverUsed', 403)
    ?? ctx.check('disk-in-use', d.status !== 'In_use', 'IncorrectDiskStatus', 403)
    ?? ctx.check('snapshot-in-progress', snapshots.some((s) => s.diskId === d.id && s.status === 'progressing'), 'IncorrectDiskStatus.CreatingSnapshot', 403);
}
