// Huawei EVS v2 DELETE /v2/{project_id}/cloudsnapshots/{snapshot_id}: 202, no body.
// Only `available` / `error` snapshots, never `autobk_snapshot_*` ones.
import { typedHandler, type OpHandler } from '../types.ts';
import type { HuaweiDeleteSnapshotInput } from '../wire-types.ts';

const DELETABLE = new Set(['available', 'error']);
/** EVS error appendix (evs_04_0038): deleting a snapshot in error_deleting (huaweicloud/evs/v2/DeleteSnapshot.evidence.yaml). */
const ERROR_DELETING = 'EVS.2019';

export const deleteCloudSnapshot = typedHandler<HuaweiDeleteSnapshotInput>((v, ctx) => {
  const { store } = ctx;
  const projectId = v.project_id;
  const project = store.get('huaweicloud', 'project', projectId);
  const keyProject = ctx.credentials?.projectId;
  if (!project || (keyProject && keyProject !== projectId)) return ctx.role('unknown-region', 'project_id');
  const snap = store.get('huaweicloud', 'snapshot', v.snapshot_id);
  if (!snap || snap.projectId !== projectId) {
    if (ctx.deviations.on('huaweicloud.DeleteSnapshot.unknown-id-accepted')) return { status: 202, body: null };
    return ctx.fail('unknown-snapshot-id', 'itemNotFound', 404, `Snapshot ${String(v.snapshot_id)} could not be found.`);
  }
  if (autobk(String(snap.name ?? ''), ctx)) return ctx.fail('autobk-prefix', 'badRequest', 400, 'Snapshots whose name starts with autobk_snapshot_ cannot be deleted.');
  // A snapshot stuck in error_deleting has its own answer where the contract's view has the EVS appendix's
  // row for it (the ledger adds it under `current`); the page revision answers every status alike.
  const stuck = snap.status === 'error_deleting' && ctx.contract.errors.some((e) => e.code === ERROR_DELETING);
  if (stuck && !ctx.deviations.on('huaweicloud.DeleteSnapshot.status-check-skipped')) return ctx.fail('error-deleting', ERROR_DELETING, 500);
  if (!ctx.deviations.on('huaweicloud.DeleteSnapshot.status-check-skipped') && !DELETABLE.has(snap.status)) {
    return ctx.fail('deletable-status', 'badRequest', 400, `Invalid snapshot: snapshot status must be available or error, but is ${String(snap.status)}.`);
  }
  // accepted (202): `deleting` until the emulator clock has moved on by deletionMs, then a 404 (Terraform waits for that)
  store.startDeleting('huaweicloud', 'snapshot', snap.id, 'deleting', ctx.deviations.on('huaweicloud.DeleteSnapshot.stays-deleting') ? 1e15 : ctx.deletionMs);
  store.changed();
  return { status: 202, body: null };
});

/** The prefix rule (deviations: not enforced, or matched anywhere in the name). */
function autobk(name: string, ctx: Parameters<OpHandler>[1]): boolean {
  if (ctx.deviations.on('huaweicloud.DeleteSnapshot.autobk-unchecked')) return false;
  if (ctx.deviations.on('huaweicloud.DeleteSnapshot.autobk-anywhere')) return name.includes('autobk_snapshot_');
  return name.startsWith('autobk_snapshot_');
}
