// Alibaba ECS DeleteSnapshot. Unknown id: 404 InvalidSnapshotId.NotFound (the second acceptable
// answer of the contract's note `unknown-snapshot-id`; chosen because it makes the error row
// reachable and tells an offline developer their id is wrong). Deviation `unknown-id-ignored` flips it.
import { typedHandler } from '../types.ts';
import { deleteSnapshotEntity } from './snapshots.ts';
import type { DeleteSnapshotInput } from '../wire-types.ts';

export const deleteSnapshot = typedHandler<DeleteSnapshotInput>((v, ctx) => {
  const { store } = ctx;
  const id = v.SnapshotId;
  const snap = store.get('aliyun', 'snapshot', id);
  if (!snap) {
    if (ctx.deviations.on('aliyun.DeleteSnapshot.unknown-id-ignored')) return { status: 200, body: {} };
    return ctx.fail('unknown-snapshot-id', 'InvalidSnapshotId.NotFound', 404);
  }
  const forceImages = v.Force === true && ctx.deviations.on('aliyun.DeleteSnapshot.force-overrides-image');
  if (!ctx.deviations.on('aliyun.DeleteSnapshot.image-check-skipped') && !forceImages && store.imagesUsing(id).length > 0) {
    return ctx.fail('snapshot-used-by-image', 'SnapshotCreatedImage', 403);
  }
  const force = v.Force === true && !ctx.deviations.on('aliyun.DeleteSnapshot.force-ignored');
  const diskCheck = !ctx.deviations.on('aliyun.DeleteSnapshot.disk-check-skipped');
  if (diskCheck && store.disksUsing(id).length > 0 && !force) return ctx.fail('snapshot-used-by-disk', 'SnapshotCreatedDisk', 403);
  deleteSnapshotEntity(store, id);
  store.changed();
  return { status: 200, body: {} };
});
