// Alibaba ECS DescribeSnapshotGroups: the region's groups, filtered and paged as the contract's
// `listing` says (ops/listing.ts), each with its status derived from its snapshots (progressing until
// the emulator clock completes them), so a create is visible at once, with its status.
import type { Entity } from '../../state/types.ts';
import { defineHandler } from '../types.ts';
import { listEntities, PAGING } from '../listing.ts';
import type { Store } from '../../state/store.ts';
import { checkRegion } from './common.ts';
import { progressText } from './snapshots.ts';
import type { DescribeSnapshotGroupsInput } from '../wire-types.ts';

export const describeSnapshotGroups = defineHandler({
  rules: ['unknown-region'],
  points: PAGING,
  reads: true,
  handle(v: DescribeSnapshotGroupsInput, ctx) {
    const { store } = ctx;
    const regionId = v.RegionId;
    const bad = checkRegion(ctx, regionId);
    if (bad) return bad;
    const groups = store.list('aliyun', 'snapshotGroup').filter((g) => g.regionId === regionId)
      .flatMap((g) => store.view('aliyun', 'snapshotGroup', g.id) ?? []);
    const listed = listEntities(ctx, v, groups);
    if (listed.badCursor) return ctx.role('invalid-parameter', 'NextToken');
    return {
      status: 200,
      body: {
        NextToken: listed.next ?? '',
        SnapshotGroups: { SnapshotGroup: listed.page.map((g) => groupItem(g, ctx.store)) },
      },
    };
  },
});

function groupItem(g: Entity, store: Store) {
  const snapshots = (Array.isArray(g.snapshotIds) ? g.snapshotIds : []).flatMap((id) => {
    const s = store.get('aliyun', 'snapshot', String(id));
    return s ? [{ SnapshotId: s.id, SourceDiskId: String(s.diskId ?? ''), Progress: progressText(s) }] : [];
  });
  return {
    SnapshotGroupId: g.id, InstanceId: String(g.instanceId ?? ''), Name: String(g.name ?? ''), Description: String(g.description ?? ''),
    Status: String(g.status), ResourceGroupId: String(g.resourceGroupId ?? ''), CreationTime: isoSeconds(g.createdAt),
    Snapshots: { Snapshot: snapshots }, Tags: { Tag: tagsOf(g.tags) },
  };
}

/** The group's tags as the vendor lists them (`[{ Key, Value }]`), from either form the world keeps. */
function tagsOf(tags: unknown): { Key: string; Value: string }[] {
  if (Array.isArray(tags)) return tags.map((t: { Key?: unknown; Value?: unknown }) => ({ Key: String(t?.Key ?? ''), Value: String(t?.Value ?? '') }));
  if (tags && typeof tags === 'object') return Object.entries(tags).map(([Key, v]) => ({ Key, Value: String(v) }));
  return [];
}

/** ISO 8601 UTC to the second (`2021-03-23T10:58:48Z`, as the vendor prints it). */
export function isoSeconds(at: unknown): string {
  const d = new Date(typeof at === 'string' || typeof at === 'number' ? at : Date.now());
  return `${d.toISOString().slice(0, 19)}Z`;
}
