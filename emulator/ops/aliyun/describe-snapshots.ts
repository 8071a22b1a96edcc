// Alibaba ECS DescribeSnapshots: the region's snapshots, filtered and paged as the contract's
// `listing` says (ops/listing.ts; a page is never under 10, as the CSI driver reports of ECS), each
// with its status and progress on the emulator clock. Status=all (the default) filters nothing.
import { defineHandler } from '../types.ts';
import { listEntities, PAGING } from '../listing.ts';
import { checkRegion } from './common.ts';
import { isoSeconds } from './describe-snapshot-groups.ts';
import { progressText } from './snapshots.ts';
import type { DescribeSnapshotsInput } from '../wire-types.ts';

export const describeSnapshots = defineHandler({
  rules: ['unknown-region'],
  points: PAGING,
  reads: true,
  handle(v: DescribeSnapshotsInput, ctx) {
    const { store } = ctx;
    const regionId = v.RegionId;
    const bad = checkRegion(ctx, regionId);
    if (bad) return bad;
    // a snapshot's instance is its disk's (InstanceId filters on it)
    const snapshots = store.list('aliyun', 'snapshot').filter((s) => s.regionId === regionId).map((s) => {
      const disk = typeof s.diskId === 'string' ? store.get('aliyun', 'disk', s.diskId) : undefined;
      return { ...s, instanceId: disk?.instanceId ?? null };
    });
    const listed = listEntities(ctx, v.Status === 'all' ? { ...v, Status: undefined } : v, snapshots);
    if (listed.badCursor) return ctx.role('invalid-parameter', v.NextToken !== undefined ? 'NextToken' : 'PageNumber');
    return {
      status: 200,
      body: {
        NextToken: listed.next ?? '', TotalCount: listed.total, PageNumber: listed.pageNumber, PageSize: listed.size,
        Snapshots: {
          Snapshot: listed.page.map((s) => ({
            SnapshotId: s.id, SnapshotName: String(s.name ?? ''), Status: String(s.status), Progress: progressText(s),
            SourceDiskId: String(s.diskId ?? ''), CreationTime: isoSeconds(s.createdAt),
          })),
        },
      },
    };
  },
});
