// A cache of the validated contracts of the default contracts directory, so that each process of
// a run (the CLI, a vitest worker, each shard) does not parse the YAML and run the meta-schema and
// semantic checks again (~0.35 s on a 2-core machine; reading the cache takes a few ms).
//
// Keyed by the content of everything the outcome depends on: every YAML file under the directory
// (path and bytes), the two meta-schemas, the loader's own sources, core/world.ts (entity kinds the
// semantic checks use) and the lockfile (ajv/yaml versions). Only clean loads are cached, and only
// when they survive a JSON round trip unchanged; anything unexpected falls back to a full load.
// Stored with the other caches (core/disk-cache.ts); CONFORMANCE_CACHE=0 turns it off.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { readCacheEntry, writeCacheEntry } from '../core/disk-cache.ts';

export { cacheEnabled } from '../core/disk-cache.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const VERSION = 1;

export interface CachedLoad { contracts: unknown[]; profiles: Record<string, unknown> }

/** Content key of a load of `files` (the YAML files, in load order). */
export function cacheKey(files: string[], schemaFiles: string[]): string {
  const h = createHash('sha256');
  h.update(`v${VERSION}\0`);
  const add = (file: string) => {
    h.update(`${file}\0`);
    try { h.update(readFileSync(file)); } catch { h.update('\0missing'); }
    h.update('\0');
  };
  for (const f of files) add(f);
  for (const f of schemaFiles) add(f);
  for (const f of readdirSync(HERE).sort()) if (f.endsWith('.ts')) add(join(HERE, f));
  add(join(ROOT, 'core', 'world.ts'));
  add(join(ROOT, 'package-lock.json'));
  return h.digest('hex');
}

const entryFor = (dir: string) => `contracts-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}.json`;

export function readCache(dir: string, key: string): CachedLoad | undefined {
  const data = readCacheEntry(entryFor(dir)) as ({ key?: string } & CachedLoad) | undefined;
  return data?.key === key && Array.isArray(data.contracts) && data.profiles && typeof data.profiles === 'object' ? data : undefined;
}

export function writeCache(dir: string, key: string, load: CachedLoad): void {
  const text = JSON.stringify({ key, ...load });
  // Only what JSON keeps exactly (no undefined, Infinity, Dates...): otherwise the next load differs.
  if (isDeepStrictEqual(JSON.parse(text), { key, ...load })) writeCacheEntry(entryFor(dir), text);
}
