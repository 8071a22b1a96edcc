// Alibaba ECS DeleteSnapshot. Unknown id: 404 InvalidSnapshotId.NotFound (the second acceptable
// answer of the contract's note `unknown-snapshot-id`; chosen because it makes the error row
// reachable and tells an offline developer their id is wrong). Where the rule is not enforced (the
// note's first alternative, a variant), deleting an unknown snapshot deletes nothing and succeeds.
import { defineHandler } from '../types.ts';
import { deleteSnapshotEntity } from './snapshots.ts';
import type { DeleteSnapshotInput } from '../wire-types.ts';

type UseRule = 'snapshot-used-by-image' | 'snapshot-used-by-disk';
type Points = {
  /** The rules Force=true overrides: a snapshot used by a disk is deleted (images still block it, says the page). */
  forceOverrides: readonly UseRule[];
}
const POINTS: Points = { forceOverrides: ['snapshot-used-by-disk'] };

export const deleteSnapshot = defineHandler({
  rules: ['unknown-snapshot-id', 'snapshot-used-by-image', 'snapshot-used-by-disk'],
  points: POINTS,
  handle(v: DeleteSnapshotInput, ctx) {
    const { store } = ctx;
    const id = v.SnapshotId;
    const snap = store.get('aliyun', 'snapshot', id);
    const unknown = ctx.check('unknown-snapshot-id', !snap, 'InvalidSnapshotId.NotFound', 404);
    if (unknown) return unknown;
    if (!snap) return { status: 200, body: {} };
    const forced = (rule: UseRule) => v.Force === true && ctx.point('forceOverrides').includes(rule);
    const used = ctx.check('snapshot-used-by-image', store.imagesUsing(id).length > 0 && !forced('snapshot-used-by-image'), 'SnapshotCreatedImage', 403)
      ?? ctx.check('snapshot-used-by-disk', store.disksUsing(id).length > 0 && !forced('snapshot-used-by-disk'), 'SnapshotCreatedDisk', 403);
    if (used) return used;
    deleteSnapshotEntity(store, id);
    store.changed();
    return { status: 200, body: {} };
  },
});
