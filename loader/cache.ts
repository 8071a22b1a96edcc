// A cache of the validated contracts of the default contracts directory, so that each process of
// a run (the CLI, a vitest worker, each shard) does not parse the YAML and run the meta-schema and
// semantic checks again (~0.35 s on a 2-core machine; reading the cache takes a few ms).
//
// Keyed by the content of everything the outcome depends on: every YAML file under the directory
// (path and bytes), the two meta-schemas, the loader's own sources, core/world.ts (entity kinds the
// semantic checks use) and the lockfile (ajv/yaml versions). Only clean loads are cached, and only
// when they survive a JSON round trip unchanged; anything unexpected falls back to a full load.
// Stored under node_modules/.cache/cloud-api-conformance/ (like other tools' caches);
// CONFORMANCE_CACHE=0 turns it off.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'cloud-api-conformance');
const VERSION = 1;

export interface CachedLoad { contracts: unknown[]; profiles: Record<string, unknown> }

export function cacheEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.CONFORMANCE_CACHE !== '0' && existsSync(join(ROOT, 'node_modules'));
}

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

const fileFor = (dir: string) => join(CACHE_DIR, `contracts-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}.json`);

export function readCache(dir: string, key: string): CachedLoad | undefined {
  try {
    const data = JSON.parse(readFileSync(fileFor(dir), 'utf8')) as { key?: string } & CachedLoad;
    return data.key === key && Array.isArray(data.contracts) && data.profiles && typeof data.profiles === 'object' ? data : undefined;
  } catch {
    return undefined;
  }
}

export function writeCache(dir: string, key: string, load: CachedLoad): void {
  try {
    const text = JSON.stringify({ key, ...load });
    // Only what JSON keeps exactly (no undefined, Infinity, Dates...): otherwise the next load differs.
    if (!isDeepStrictEqual(JSON.parse(text), { key, ...load })) return;
    mkdirSync(CACHE_DIR, { recursive: true });
    const file = fileFor(dir);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written is just not there next time.
  }
}
