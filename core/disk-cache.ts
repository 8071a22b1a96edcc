// The project's on-disk caches (validated contracts, deep-run censuses) live in one folder,
// node_modules/.cache/cloud-api-conformance/ (like other tools' caches). Entries are JSON, written
// atomically (a concurrent reader sees the old file or the new one), and never required: a miss,
// an unreadable entry or a failed write only means the work is done again. CONFORMANCE_CACHE=0
// turns them off. (The prebuilt CLI shares the folder; bin/compiled.js is plain JS of its own.)
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'cloud-api-conformance');

export function cacheEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.CONFORMANCE_CACHE !== '0' && existsSync(join(ROOT, 'node_modules'));
}

/** The parsed entry `name`, or undefined (missing, unreadable, not JSON). */
export function readCacheEntry(name: string): unknown {
  try { return JSON.parse(readFileSync(join(CACHE_DIR, name), 'utf8')); } catch { return undefined; }
}

export function writeCacheEntry(name: string, text: string): void {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const file = join(CACHE_DIR, name);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written is just not there next time.
  }
}
