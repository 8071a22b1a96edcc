// `conformance run`: load contracts, generate and select cases, run them on each target with a
// live progress line, write the reports, and exit 0/1/3 by outcome.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConformanceError } from '../../core/errors.ts';
import type { Case, RunResults } from '../../core/types.ts';
import { readResults } from '../../reporters/json.ts';
import { createProgress } from '../../reporters/terminal.ts';
import { engine as defaultEngine, type Engine, type LoadedContracts } from '../engine.ts';
import { exitCodeFor } from '../exit.ts';
import { useColor, type Io } from '../io.ts';
import type { RunOptions } from '../options.ts';
import { lastFailedIds, matchesFilter, selectCases, shardRange, unmatchedFilter, type Selectable } from '../select.ts';
import { runThroughVitest } from './run-vitest.ts';
import { addParity, applyBudget, casesForTarget, checkRealCloudFlags, guardRealCloud, needsDirect, parityCapture, scrubResults, targetOptionsFor } from '../realcloud.ts';
import { openTarget } from '../../specs/open-target.ts';
import { writeReports } from './write-reports.ts';
import { blockKey, blocksBefore, censusKey, perOperationIn, readCensus, writeCensus, type Census } from '../census.ts';

/** Cases the options select, from the generator's full list (shared with `list`). */
/** The contracts, and the generator options of this run (unfiltered: selection happens here, so a
 * filter that matches nothing can be named with a did-you-mean). */
async function generation(opts: RunOptions, io: Io, eng: Engine) {
  const loaded = (await eng.loader()).loadContracts({ ...(opts.contractsDir ? { dir: resolve(io.cwd, opts.contractsDir) } : {}), expect: opts.expect });
  // `runnerOptions.variations` (config) sizes a deep run; the vitest spec reads the same key.
  const variations = (opts.runnerOptions as { variations?: number }).variations;
  return { loaded, generator: await eng.generators(), options: { seed: opts.seed, depth: opts.depth, ...(variations !== undefined ? { variations } : {}) } };
}

export async function selectedCases(opts: RunOptions, io: Io, eng: Engine = defaultEngine): Promise<{ cases: Case[]; loaded: LoadedContracts }> {
  const { loaded, generator, options } = await generation(opts, io, eng);
  const all = generator.generateCases(loaded, options);
  const miss = unmatchedFilter(all, opts.filter);
  if (miss) {
    throw new ConformanceError('E_NO_CASES', `${miss.flag} "${miss.value}" matches no case${miss.suggestion ? ` (did you mean "${miss.suggestion}"?)` : ''}`);
  }
  let lastFailed: Set<string> | undefined;
  if (opts.lastFailed) {
    const previous = join(resolve(io.cwd, opts.out), 'results.json');
    if (!existsSync(previous)) io.stderr.write(`--last-failed: no previous ${previous}; running every selected case\n`);
    else {
      lastFailed = lastFailedIds(readResults(previous));
      if (!lastFailed.size) io.stderr.write('--last-failed: the previous run had no failed or inconclusive case; running every selected case\n');
    }
  }
  return { cases: selectCases(all, { filter: opts.filter, lastFailed, shard: opts.shard }), loaded };
}

export async function runCommand(opts: RunOptions, io: Io, eng: Engine = defaultEngine): Promise<number> {
  checkRealCloudFlags(opts);
  if (canStream(opts)) return runStreamed(opts, io, eng);
  const selected = await selectedCases(opts, io, eng);
  const { loaded } = selected;
  if (!selected.cases.length) throw new ConformanceError('E_NO_CASES', 'no case selected', 'loosen the filters or check --shard');
  const cases = applyBudget(selected.cases, opts, loaded, io);
  if (opts.plan) return (await import('./plan.ts')).printPlan(opts, cases, io, loaded);
  const { runSuite } = await eng.runner();
  const perOperation: Record<string, number> = {};
  for (const c of cases) perOperation[c.contract] = (perOperation[c.contract] ?? 0) + 1;
  const runs: RunResults[] = [];
  for (const spec of opts.targets) {
    // Under vitest the spec opens the target in its worker; the direct runner opens it here
    // (always for real clouds, --reference, --record and --rate: see cli/realcloud.ts).
    const direct = opts.runner === 'direct' || needsDirect(spec, opts);
    const targetCases = casesForTarget(spec, cases);
    const capture = parityCapture(opts);
    const opened = direct ? await openTarget(spec, targetOptionsFor(spec, opts, io, loaded), eng) : undefined;
    const target = opened && capture ? capture.wrap(opened) : opened;
    const unguard = opened ? guardRealCloud(opened, targetCases, io) : () => undefined;
    if (opts.targets.length > 1) io.stderr.write(`target ${spec}\n`);
    const progress = createProgress(io.stderr, targetCases.length, { color: useColor(io.stderr, io.env), perOperation });
    try {
      let results = !direct
        ? await runThroughVitest({ spec, opts, cases: targetCases, onResult: (r) => progress.update(r) })
        : await runSuite({
          ...opts.runnerOptions, cases: targetCases, target: target!, concurrency: opts.concurrency, onResult: (r) => progress.update(r),
          seed: opts.seed, depth: opts.depth, loaded, shard: opts.shard, allowDestructive: opts.allowDestructive, safety: opts.safety,
        });
      results = scrubResults(opened, await addParity(results, capture, opts, targetCases, loaded, io, eng));
      runs.push(opts.shard && !results.shard ? { ...results, shard: opts.shard } : results);
    } finally {
      progress.done();
      await opened?.close?.();
      unguard();
    }
  }
  writeReports(runs, opts.reporters, opts.out, io);
  return exitCodeFor(runs);
}

/**
 * A deep run that needs no whole-list option (last-failed, budget, plan, a real cloud, a reference
 * or a recording) streams its cases: counted in a first pass (the progress line needs totals, a
 * shard its range), then generated again lazily as the runner pulls them, so a 100k-case run never
 * holds every case at once; a shard stops generating at the end of its range. Same seed, same
 * cases, same order as the listed path.
 */
function canStream(opts: RunOptions): boolean {
  return opts.depth === 'deep' && opts.runner === 'direct' && opts.targets.length === 1 && !needsDirect(opts.targets[0]!, opts)
    && !opts.lastFailed && !opts.budget && !opts.plan;
}

async function runStreamed(opts: RunOptions, io: Io, eng: Engine): Promise<number> {
  const { loaded, generator, options } = await generation(opts, io, eng);
  const key = censusKey({ contracts: loaded.contracts, profiles: loaded.profiles, options, filter: opts.filter });
  const census = readCensus(key, io.env) ?? count();
  function count(): Census {
    const blocks: Census['blocks'] = [];
    let selected = 0;
    const light: Selectable[] = [];
    const filtered = Object.values(opts.filter).some((v) => Array.isArray(v) && v.length > 0);
    const onBlock = (contract: string, variant: number) => { blocks.push([contract, variant, 0]); };
    for (const c of generator.iterateCases(loaded, { ...options, onBlock })) {
      // only to name a filter value that matches nothing (with a did-you-mean)
      if (filtered) light.push({ id: c.id, contract: c.contract, category: c.category, call: { vendor: c.call.vendor, operation: c.call.operation } } as Selectable);
      if (!matchesFilter(c, opts.filter)) continue;
      selected++;
      blocks[blocks.length - 1]![2]++;
    }
    const miss = unmatchedFilter(light, opts.filter);
    if (miss) throw new ConformanceError('E_NO_CASES', `${miss.flag} "${miss.value}" matches no case${miss.suggestion ? ` (did you mean "${miss.suggestion}"?)` : ''}`);
    const counted = { total: selected, blocks };
    if (selected) writeCensus(key, counted, io.env);
    return counted;
  }
  const [start, end] = opts.shard ? shardRange(census.total, opts.shard) : [0, census.total];
  if (end <= start) throw new ConformanceError('E_NO_CASES', 'no case selected', opts.shard ? 'loosen the filters or check --shard' : 'loosen the filters');
  const perOperation = perOperationIn(census, start, end);
  const total = end - start;
  // A shard does not generate the blocks wholly before its range (blocks are seeded independently).
  const before = blocksBefore(census, start);
  const selected = function* () {
    let i = before.cases;
    const skipBlock = (contract: string, variant: number) => before.skip.has(blockKey(contract, variant));
    for (const c of generator.iterateCases(loaded, { ...options, skipBlock })) {
      if (!matchesFilter(c, opts.filter)) continue;
      if (i >= start) yield c;
      if (++i >= end) return; // the rest of the list belongs to later shards: not even generated
    }
  };
  const spec = opts.targets[0]!;
  const { runSuite } = await eng.runner();
  const target = await openTarget(spec, targetOptionsFor(spec, opts, io, loaded), eng);
  const progress = createProgress(io.stderr, total, { color: useColor(io.stderr, io.env), perOperation });
  let results: RunResults;
  try {
    results = await runSuite({
      ...opts.runnerOptions, cases: selected(), target, concurrency: opts.concurrency, onResult: (r) => progress.update(r),
      seed: opts.seed, depth: opts.depth, loaded, allowDestructive: opts.allowDestructive, safety: opts.safety, ...(opts.shard ? { shard: opts.shard } : {}),
    });
  } finally {
    progress.done();
    await target.close?.();
  }
  writeReports([results], opts.reporters, opts.out, io);
  return exitCodeFor([results]);
}
