// Huawei EVS v2 read calls over the emulator's snapshots: ShowSnapshot (GET .../cloudsnapshots/{id})
// and ListSnapshots (GET .../cloudsnapshots/detail, filters and offset/limit paging from the
// contract's `listing`, ops/listing.ts). A deleted snapshot shows `deleting` until the emulator clock
// has moved on (store.startDeleting), then it is a 404, as Terraform's delete wait expects. Field names:
// huaweicloud-sdk-go-v3 services/evs/v2 model_snapshot_details.go / model_snapshot_list.go.
import { defineHandler } from '../types.ts';
import type { Entity } from '../../state/types.ts';
import { listEntities, PAGING } from '../listing.ts';
import type { ListSnapshotsInput, ShowSnapshotInput } from '../wire-types.ts';

export function snapshotView(s: Entity): Record<string, unknown> {
  return {
    id: s.id, status: s.status, name: s.name ?? '', description: s.description ?? '',
    created_at: s.createdAt ?? '', updated_at: s.updatedAt ?? null, metadata: s.metadata ?? {},
    volume_id: s.volumeId ?? '', size: s.size ?? 0,
    'os-extended-snapshot-attributes:project_id': s.projectId,
    // a string, no format in the sources: the emulator says done or not
    'os-extended-snapshot-attributes:progress': s.status === 'available' ? '100%' : '0%',
  };
}

export const showSnapshot = defineHandler({
  rules: [],
  reads: true,
  handle(v: ShowSnapshotInput, ctx) {
    const snap = ctx.store.get('huaweicloud', 'snapshot', v.snapshot_id);
    if (!snap || snap.projectId !== v.project_id || !ctx.shows(snap)) {
      return ctx.fail('unknown-snapshot-id', 'itemNotFound', 404, `Snapshot ${String(v.snapshot_id)} could not be found.`);
    }
    return { status: 200, body: { snapshot: snapshotView(snap) } };
  },
});

export const listSnapshots = defineHandler({
  rules: [],
  points: PAGING,
  reads: true,
  handle(v: ListSnapshotsInput, ctx) {
    const mine = ctx.store.list('huaweicloud', 'snapshot').filter((s) => s.projectId === v.project_id);
    const listed = listEntities(ctx, v, mine);
    return { status: 200, body: { count: listed.total, snapshots: listed.page.map(snapshotView) } };
  },
});
