// Huawei EVS v2 DELETE /v2/{project_id}/cloudsnapshots/{snapshot_id}: 202, no body.
// Only `available` / `error` snapshots, never `autobk_snapshot_*` ones.
import { defineHandler } from '../types.ts';
import type { HuaweiDeleteSnapshotInput } from '../wire-types.ts';

const DELETABLE = new Set(['available', 'error']);
/** EVS error appendix (evs_04_0038): deleting a snapshot in error_deleting (huaweicloud/evs/v2/DeleteSnapshot.evidence.yaml). */
const ERROR_DELETING = 'EVS.2019';

type Points = {
  /** The names rule autobk-prefix protects, as a regular expression: those that start with autobk_snapshot_. */
  autobkNames: string;
}
const POINTS: Points = { autobkNames: '^autobk_snapshot_' };

export const deleteCloudSnapshot = defineHandler({
  rules: ['unknown-snapshot-id', 'autobk-prefix', 'error-deleting', 'deletable-status'],
  points: POINTS,
  handle(v: HuaweiDeleteSnapshotInput, ctx) {
    const { store } = ctx;
    const projectId = v.project_id;
    const project = store.get('huaweicloud', 'project', projectId);
    const keyProject = ctx.credentials?.projectId;
    if (!project || (keyProject && keyProject !== projectId)) return ctx.role('unknown-region', 'project_id');
    const found = store.get('huaweicloud', 'snapshot', v.snapshot_id);
    const snap = found && found.projectId === projectId ? found : undefined;
    const unknown = ctx.check('unknown-snapshot-id', !snap, 'itemNotFound', 404, `Snapshot ${String(v.snapshot_id)} could not be found.`);
    if (unknown) return unknown;
    if (!snap) return { status: 202, body: null };
    const name = String(snap.name ?? '');
    // A snapshot stuck in error_deleting has its own answer where the contract's view has the EVS appendix's
    // row for it (the ledger adds it under `current`); the page revision answers every status alike.
    const stuck = snap.status === 'error_deleting' && ctx.contract.errors.some((e) => e.code === ERROR_DELETING);
    const refused = ctx.check('autobk-prefix', new RegExp(ctx.point('autobkNames')).test(name), 'badRequest', 400, 'Snapshots whose name starts with autobk_snapshot_ cannot be deleted.')
      ?? ctx.check('error-deleting', stuck, ERROR_DELETING, 500)
      ?? ctx.check('deletable-status', !DELETABLE.has(snap.status), 'badRequest', 400, `Invalid snapshot: snapshot status must be available or error, but is ${String(snap.status)}.`);
    if (refused) return refused;
    // accepted (202): `deleting` until the emulator clock has moved on by deletionMs, then a 404 (Terraform waits for that)
    store.startDeleting('huaweicloud', 'snapshot', snap.id, 'deleting', ctx.deletionMs);
    store.changed();
    return { status: 202, body: null };
  },
});
