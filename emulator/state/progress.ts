// Snapshots created by CreateSnapshotGroup go progressing -> accomplished between `startedAt`
// and `completesAt` (epoch ms on the emulator clock). Fixture snapshots without `completesAt`
// keep whatever status they were given, so a test can hold one "in progress" for as long as it likes.
import type { Store } from './store.ts';

export function advanceProgress(store: Store, now: number): boolean {
  let changed = false;
  // Only snapshots that ever had a numeric completesAt can move (store.timed, kept by the store).
  for (const id of store.timed) {
    const s = store.get('aliyun', 'snapshot', id);
    if (!s) { store.timed.delete(id); continue; }
    if (s.status !== 'progressing' || typeof s.completesAt !== 'number') {
      // Accomplished is final here: only create/patch (which track again) move a snapshot back.
      if (s.status === 'accomplished') store.timed.delete(id);
      continue;
    }
    const start = typeof s.startedAt === 'number' ? s.startedAt : now;
    if (now >= s.completesAt) {
      s.status = 'accomplished';
      s.progress = 100;
      store.timed.delete(id);
      changed = true;
    } else {
      const span = Math.max(1, s.completesAt - start);
      const p = Math.max(0, Math.min(99, Math.floor(((now - start) / span) * 100)));
      if (p !== s.progress) { s.progress = p; changed = true; }
    }
  }
  return changed;
}
