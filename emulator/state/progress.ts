// Snapshots created by CreateSnapshotGroup go progressing -> accomplished between `startedAt`
// and `completesAt` (epoch ms on the emulator clock). Fixture snapshots without `completesAt`
// keep whatever status they were given, so a test can hold one "in progress" for as long as it likes.
import type { Store } from './store.ts';

export function advanceProgress(store: Store, now: number): boolean {
  let changed = false;
  for (const s of store.list('aliyun', 'snapshot')) {
    if (s.status !== 'progressing' || typeof s.completesAt !== 'number') continue;
    const start = typeof s.startedAt === 'number' ? s.startedAt : now;
    if (now >= s.completesAt) {
      s.status = 'accomplished';
      s.progress = 100;
      changed = true;
    } else {
      const span = Math.max(1, s.completesAt - start);
      const p = Math.max(0, Math.min(99, Math.floor(((now - start) / span) * 100)));
      if (p !== s.progress) { s.progress = p; changed = true; }
    }
  }
  return changed;
}
