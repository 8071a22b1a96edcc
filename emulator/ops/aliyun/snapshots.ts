// Removing a snapshot (also cancels one in progress) and keeping its group consistent.
import type { Store } from '../../state/store.ts';

export function deleteSnapshotEntity(store: Store, id: string): void {
  const snap = store.get('aliyun', 'snapshot', id);
  if (!snap) return;
  store.remove('aliyun', 'snapshot', id, { silent: true });
  for (const g of store.list('aliyun', 'snapshotGroup')) {
    if (!Array.isArray(g.snapshotIds) || !g.snapshotIds.includes(id)) continue;
    g.snapshotIds = g.snapshotIds.filter((s) => s !== id);
  }
}

/** A snapshot's progress as the read calls print it: a percentage (`40%`). */
export function progressText(s: Record<string, unknown>): string {
  const n = s.status === 'accomplished' ? 100 : Number(s.progress ?? 0);
  return `${Number.isFinite(n) ? Math.max(0, Math.min(100, Math.round(n))) : 0}%`;
}
