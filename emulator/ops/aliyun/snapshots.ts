// Removing a snapshot (also cancels one in progress) and keeping its group consistent.
import type { Store } from '../../state/store.ts';

export function deleteSnapshotEntity(store: Store, id: string): void {
  const snap = store.get('aliyun', 'snapshot', id);
  if (!snap) return;
  store.remove('aliyun', 'snapshot', id, { silent: true });
  for (const g of store.list('aliyun', 'snapshotGroup')) {
    if (!Array.isArray(g.snapshotIds) || !g.snapshotIds.includes(id)) continue;
    g.snapshotIds = (g.snapshotIds as string[]).filter((s) => s !== id);
  }
}
