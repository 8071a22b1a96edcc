// Merge shards of one run (same target, seed and depth) into one RunResults, as if run at once.
import { ConformanceError } from '../core/errors.ts';
import type { RunResults } from '../core/types.ts';
import { uncoveredRows } from './matrix.ts';

export function mergeResults(parts: RunResults[]): RunResults {
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
    cases,
  };
}

/** Merge runs of possibly several targets: one merged run per target, in first-seen order. */
export function mergeByTarget(parts: RunResults[]): RunResults[] {
  const byTarget = new Map<string, RunResults[]>();
  for (const p of parts) {
    const key = `${p.target.kind}\u0000${p.target.name}`;
    if (!byTarget.has(key)) byTarget.set(key, []);
    byTarget.get(key)!.push(p);
  }
  return [...byTarget.values()].map(mergeResults);
}
