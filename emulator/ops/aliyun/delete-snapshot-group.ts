// Alibaba ECS DeleteSnapshotGroup: deletes the group and its snapshots, except snapshots used by
// custom images, which are kept (detached from the group) and reported in OperationProgressSet.
import { defineHandler } from '../types.ts';
import type { DeleteSnapshotGroupBody, DeleteSnapshotGroupInput, OperationProgress } from '../wire-types.ts';
import { checkRegion } from './common.ts';
import { deleteSnapshotEntity } from './snapshots.ts';

type Points = {
  /** What a delete removes besides the snapshots (rule deletes-group-and-snapshots): the group itself. */
  group: 'removed' | 'kept';
}
const POINTS: Points = { group: 'removed' };

export const deleteSnapshotGroup = defineHandler({
  rules: ['unknown-region', 'image-snapshots-survive'],
  points: POINTS,
  handle(v: DeleteSnapshotGroupInput, ctx) {
    const { store } = ctx;
    const regionId = v.RegionId;
    const bad = checkRegion(ctx, regionId);
    if (bad) return bad;
    const group = store.get('aliyun', 'snapshotGroup', v.SnapshotGroupId);
    if (!group || (regionId !== undefined && group.regionId !== regionId)) {
      // Undocumented here (note unknown-snapshot-group): the code and message the vendor's ModifySnapshotGroup page gives for an unknown group.
      return ctx.fail('unknown-snapshot-group', 'InvalidSnapshotGroup.NotFound', 404, 'The SnapshotGroupId provided does not exist in our records.');
    }
    const progress: OperationProgress[] = [];
    for (const sid of [...(group.snapshotIds ?? [])]) {
      const item = { RelatedItemSet: { RelatedItem: [{ Name: 'SnapshotId', Value: sid }] } };
      if (ctx.violates('image-snapshots-survive', store.imagesUsing(sid).length > 0)) {
        const snap = store.get('aliyun', 'snapshot', sid);
        if (snap) snap.groupId = null;
        const e = ctx.fail('image-snapshots-survive', 'SnapshotCreatedImage', 403,
          'The snapshot has been used to create user defined image(s).').error;
        progress.push({ OperationStatus: 'Failed', ErrorCode: e.code, ErrorMsg: e.message, ...item });
        continue;
      }
      deleteSnapshotEntity(store, sid);
      progress.push({ OperationStatus: 'Success', ErrorCode: '', ErrorMsg: '', ...item });
    }
    if (ctx.point('group') === 'removed') store.remove('aliyun', 'snapshotGroup', group.id, { silent: true });
    store.changed();
    const body: DeleteSnapshotGroupBody = { OperationProgressSet: { OperationProgress: progress } };
    return { status: 200, body };
  },
});
