// How many cases a streamed deep run selects, per operation, in order: the first pass of
// runStreamed (the progress line needs totals, a shard its range). That pass generates every case
// (about 0.4 s for 10k cases, 4 s for 100k) only to count them, in every process of a sharded run.
// Generation is deterministic, so the census is kept, keyed by everything it depends on: the loaded
// contracts and profiles, the generator options and the selection, the generator's own sources
// (generators/, core/) and the lockfile. With the other caches (core/disk-cache.ts).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheEnabled, readCacheEntry, writeCacheEntry } from '../core/disk-cache.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const VERSION = 2;

/** The selected cases per generator block (a contract's standard cases, or one deep variation), in run order. */
export interface Census { total: number; blocks: [contract: string, variant: number, cases: number][] }

export function censusKey(inputs: unknown): string {
  const h = createHash('sha256');
  h.update(`v${VERSION}\0${JSON.stringify(inputs)}\0`);
  for (const dir of ['generators', 'core']) {
    for (const f of readdirSync(join(ROOT, dir)).sort()) if (f.endsWith('.ts')) h.update(`${dir}/${f}\0`).update(readFileSync(join(ROOT, dir, f)));
  }
  try { h.update(readFileSync(join(ROOT, 'package-lock.json'))); } catch { h.update('no lockfile'); }
  return h.digest('hex');
}

const entryFor = (key: string) => `census-${key.slice(0, 24)}.json`;

export function readCensus(key: string, env: Record<string, string | undefined> = process.env): Census | undefined {
  if (!cacheEnabled(env)) return undefined;
  const c = readCacheEntry(entryFor(key)) as (Census & { key?: string }) | undefined;
  const valid = c?.key === key && Array.isArray(c.blocks) && c.blocks.reduce((n, b) => n + b[2], 0) === c.total;
  return valid ? { total: c.total, blocks: c.blocks } : undefined;
}

export function writeCensus(key: string, census: Census, env: Record<string, string | undefined> = process.env): void {
  if (cacheEnabled(env)) writeCacheEntry(entryFor(key), JSON.stringify({ key, ...census }));
}

/** Per-operation totals of the cases in [start, end). */
export function perOperationIn(census: Census, start: number, end: number): Record<string, number> {
  const out: Record<string, number> = {};
  let at = 0;
  for (const [contract, , n] of census.blocks) {
    const from = Math.max(at, start);
    const to = Math.min(at + n, end);
    if (to > from) out[contract] = (out[contract] ?? 0) + (to - from);
    at += n;
  }
  return out;
}

/** The blocks wholly before `start` (a shard need not generate them), and how many cases they hold. */
export function blocksBefore(census: Census, start: number): { skip: Set<string>; cases: number } {
  const skip = new Set<string>();
  let cases = 0;
  for (const [contract, variant, n] of census.blocks) {
    if (cases + n > start) break;
    skip.add(blockKey(contract, variant));
    cases += n;
  }
  return { skip, cases };
}

export const blockKey = (contract: string, variant: number) => `${contract}\0${variant}`;
