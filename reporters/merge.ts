// Merge shards of one run (same target, seed and depth) into one RunResults, as if run at once.
import { ConformanceError } from '../core/errors.ts';
import type { RunResults } from '../core/types.ts';
import { uncoveredRows } from './matrix.ts';

export interface MergeOptions {
  /** Merge an incomplete shard set (missing or interrupted shards) instead of refusing it. */
  allowPartial?: boolean;
}

/**
 * What is missing from a set of shards of one run: shard numbers absent, shards interrupted.
 * Throws when the set cannot be one run (two files for one shard, different splits).
 */
export function shardGaps(parts: RunResults[]): string[] {
  const sharded = parts.filter((p) => p.shard);
  const gaps: string[] = [];
  if (sharded.length) {
    const count = sharded[0]!.shard!.count;
    const other = sharded.find((p) => p.shard!.count !== count);
    if (other) throw new ConformanceError('E_MERGE', `cannot merge: shards of different splits (${sharded[0]!.shard!.index}/${count} and ${other.shard!.index}/${other.shard!.count})`);
    if (sharded.length !== parts.length) throw new ConformanceError('E_MERGE', 'cannot merge: a whole run and shards of one; give only the shards');
    const seen = new Set<number>();
    for (const p of sharded) {
      if (seen.has(p.shard!.index)) throw new ConformanceError('E_MERGE', `cannot merge: two files for shard ${p.shard!.index}/${count}`);
      seen.add(p.shard!.index);
    }
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
    if (missing.length) gaps.push(`shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} missing`);
  }
  const interrupted = parts.filter((p) => p.interrupted);
  if (interrupted.length) gaps.push(`${interrupted.map((p) => (p.shard ? `shard ${p.shard.index}/${p.shard.count}` : 'a run')).join(', ')} interrupted`);
  return gaps;
}

export function mergeResults(parts: RunResults[], opts: MergeOptions = {}): RunResults {
  if (!parts.length) throw new ConformanceError('E_MERGE', 'nothing to merge: give at least one results file');
  const [first] = parts;
  for (const p of parts.slice(1)) {
    const differs = (what: string, a: unknown, b: unknown) =>
      new ConformanceError('E_MERGE', `cannot merge: ${what} differs (${JSON.stringify(a)} vs ${JSON.stringify(b)}); only shards of one run can be merged`);
    if (p.target.name !== first.target.name || p.target.kind !== first.target.kind) throw differs('target', first.target.name, p.target.name);
    if (p.seed !== first.seed) throw differs('seed', first.seed, p.seed);
    if (p.depth !== first.depth) throw differs('depth', first.depth, p.depth);
    if (p.schemaVersion !== first.schemaVersion) throw differs('schemaVersion', first.schemaVersion, p.schemaVersion);
    if (p.expect !== first.expect) throw differs('expectation profile', first.expect, p.expect);
  }
  const gaps = shardGaps(parts);
  if (gaps.length && !opts.allowPartial) {
    throw new ConformanceError('E_MERGE', `incomplete shard set for ${first.target.name}: ${gaps.join('; ')}`, 'give every shard, or --allow-partial to merge what there is');
  }
  // Shards in shard order, so the merged cases keep the run's original order.
  const ordered = [...parts].sort((a, b) => (a.shard?.index ?? 0) - (b.shard?.index ?? 0));
  const seen = new Map<string, number>();
  const cases = ordered.flatMap((p, i) => p.cases.map((c) => {
    const where = seen.get(c.id);
    if (where !== undefined) {
      throw new ConformanceError('E_MERGE', `case "${c.id}" appears in two parts (${where + 1} and ${i + 1}); shards must not overlap`);
    }
    seen.set(c.id, i);
    return c;
  }));
  const contracts = new Map<string, RunResults['contracts'][number]>();
  for (const p of ordered) {
    for (const c of p.contracts) {
      const known = contracts.get(c.id);
      if (known && known.sha256 !== c.sha256) {
        throw new ConformanceError('E_MERGE', `contract "${c.id}" differs between parts (sha256 ${known.sha256.slice(0, 8)} vs ${c.sha256.slice(0, 8)}); shards ran different contracts`);
      }
      contracts.set(c.id, c);
    }
  }
  const start = Math.min(...parts.map((p) => Date.parse(p.startedAt)));
  const end = Math.max(...parts.map((p) => Date.parse(p.startedAt) + p.durationMs));
  const valid = Number.isFinite(start) && Number.isFinite(end);
  return {
    schemaVersion: first.schemaVersion,
    ...(first.expect ? { expect: first.expect } : {}),
    tool: first.tool,
    target: first.target,
    seed: first.seed,
    depth: first.depth,
    startedAt: valid ? new Date(start).toISOString() : first.startedAt,
    durationMs: valid ? end - start : Math.max(...parts.map((p) => p.durationMs)),
    contracts: [...contracts.values()],
    uncovered: uncoveredRows(ordered),
    ...(parts.some((p) => p.interrupted) ? { interrupted: true } : {}),
    ...(first.rerunArgs ? { rerunArgs: first.rerunArgs } : {}),
    ...mergedStops(parts),
    cases,
  };
}

function mergedStops(parts: RunResults[]): Pick<RunResults, 'preflight'> {
  const stops = new Map(parts.flatMap((p) => p.preflight ?? []).map((s) => [s.vendor, s]));
  return stops.size ? { preflight: [...stops.values()] } : {};
}

/** Merge runs of possibly several targets: one merged run per target, in first-seen order. */
export function mergeByTarget(parts: RunResults[], opts: MergeOptions = {}): RunResults[] {
  const byTarget = new Map<string, RunResults[]>();
  for (const p of parts) {
    const key = `${p.target.kind}\u0000${p.target.name}`;
    if (!byTarget.has(key)) byTarget.set(key, []);
    byTarget.get(key)!.push(p);
  }
  return [...byTarget.values()].map((p) => mergeResults(p, opts));
}
