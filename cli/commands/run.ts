// `conformance run`: load contracts, generate and select cases, run them on each target with a
// live progress line, write the reports, and exit 0/1/3 by outcome.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConformanceError } from '../../core/errors.ts';
import type { Case, CaseList, PreflightStop, RunResults, Target } from '../../core/types.ts';
import { readResults } from '../../reporters/json.ts';
import { createProgress } from '../../reporters/terminal.ts';
import { NDJSON_FILE, NdjsonCases } from '../../reporters/ndjson.ts';
import { engine as defaultEngine, type Engine, type LoadedContracts } from '../engine.ts';
import { EXIT, exitCodeFor } from '../exit.ts';
import { preflight, type TargetPreflight } from '../preflight.ts';
import { shapingArgs } from '../rerun.ts';
import { checkInputDir, checkRunPaths } from '../paths.ts';
import { preflightSkipped } from '../../runner/preflight.ts';
import { INTERRUPT_EXIT, watchInterrupts } from '../../runner/interrupt.ts';
import { useColor, type Io } from '../io.ts';
import type { RunOptions } from '../options.ts';
import { exitWithSkips, skipShareOf, skipShareWarning } from '../skip-share.ts';
import { lastFailedIds, matchesFilter, selectCases, shardRange, unmatchedFilter, type Selectable } from '../select.ts';
import { runThroughVitest } from './run-vitest.ts';
import { addParity, applyBudget, casesForTarget, checkRealCloudFlags, guardRealCloud, needsDirect, parityCapture, scrubResults, targetOptionsFor } from '../realcloud.ts';
import { openTarget } from '../../compose/open-target.ts';
import { writeReports } from './write-reports.ts';
import { blockKey, blocksBefore, censusKey, perOperationIn, readCensus, writeCensus, type Census } from '../census.ts';

/** Cases the options select, from the generator's full list (shared with `list`). */
/** The contracts, and the generator options of this run (unfiltered: selection happens here, so a
 * filter that matches nothing can be named with a did-you-mean). */
async function generation(opts: RunOptions, io: Io, eng: Engine) {
  if (opts.contractsDir) checkInputDir(opts.contractsDir, '--contracts', io.cwd);
  const loaded = (await eng.loader()).loadContracts({ ...(opts.contractsDir ? { dir: resolve(io.cwd, opts.contractsDir) } : {}), expect: opts.expect });
  // `runnerOptions.variations` (config) sizes a deep run; the vitest spec reads the same key.
  const variations = opts.runnerOptions.variations;
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
  checkRunPaths(opts, io);
  if (canStream(opts)) return runStreamed(opts, io, eng);
  const selected = await selectedCases(opts, io, eng);
  const { loaded } = selected;
  if (!selected.cases.length) throw new ConformanceError('E_NO_CASES', 'no case selected', 'loosen the filters or check --shard');
  const cases = applyBudget(selected.cases, opts, loaded, io);
  if (opts.plan) return (await import('./plan.ts')).printPlan(opts, cases, io, loaded);
  const { runSuite } = await eng.runner();

  // Preflight every target before any case runs: one clear stop instead of a flood (cli/preflight.ts).
  const checked = new Map<string, TargetPreflight>();
  for (const spec of opts.targets) {
    const pre = await preflight(spec, casesForTarget(spec, cases), opts, io, loaded, eng);
    if (pre.unreachable) {
      io.stderr.write(`error [E_UNREACHABLE] ${spec}: no answer from the target (${pre.unreachable}); no case was run: is it running, and is the address right?\n`);
      return EXIT.inconclusive;
    }
    for (const stop of pre.stops) io.stderr.write(`preflight: ${stop.message}; its cases are skipped\n`);
    checked.set(spec, pre);
  }

  const interrupt = watchInterrupts((s) => io.stderr.write(s));
  const runs: RunResults[] = [];
  try {
    for (const spec of opts.targets) {
      if (interrupt.signal.aborted) break;
      const pre = checked.get(spec)!;
      const stopped = new Map(pre.stops.map((s) => [s.vendor, s]));
      const allCases = casesForTarget(spec, cases);
      // Under vitest the spec opens the target in its worker; the direct runner opens it here
      // (always for real clouds, --reference, --record and --rate: see cli/realcloud.ts).
      const live = stopped.size ? allCases.filter((c) => !stopped.has(c.call.vendor)) : allCases;
      const direct = opts.runner === 'direct' || needsDirect(spec, opts) || !live.length;
      // The direct runner records the preflight's skips in place; vitest runs only the live cases.
      const targetCases = direct ? allCases : live;
      const preset = stopped.size ? (c: Case) => { const s = stopped.get(c.call.vendor); return s ? preflightSkipped(c, s) : undefined; } : undefined;
      const perOperation: Record<string, number> = {};
      for (const c of targetCases) perOperation[c.contract] = (perOperation[c.contract] ?? 0) + 1;
      const capture = parityCapture(opts);
      const opened = !direct ? undefined : live.length ? await openTarget(spec, targetOptionsFor(spec, opts, io, loaded), eng) : stoppedTarget(pre);
      const target = opened && capture ? capture.wrap(opened) : opened;
      const unguard = opened ? guardRealCloud(opened, targetCases, io, interrupt) : () => undefined;
      if (opts.targets.length > 1) io.stderr.write(`target ${spec}\n`);
      const progress = createProgress(io.stderr, targetCases.length, { color: useColor(io.stderr, io.env), perOperation, intervalMs: progressInterval(io.env) });
      try {
        let results = !direct
          ? await runThroughVitest({ spec, opts, cases: targetCases, onResult: (r) => progress.update(r), interrupt })
          : await runSuite({
            ...opts.runnerOptions, cases: targetCases, target: target!, concurrency: opts.concurrency, onResult: (r) => progress.update(r),
            seed: opts.seed, depth: opts.depth, loaded, shard: opts.shard, allowDestructive: opts.allowDestructive, safety: opts.safety, signal: interrupt.signal, preset,
          });
        if (!results.interrupted) results = await addParity(results, capture, opts, targetCases, loaded, io, eng);
        results = scrubResults(opened, direct ? withStops(results, pre.stops) : withPreflight(results, allCases, pre.stops));
        results = { ...results, rerunArgs: shapingArgs(spec, opts) };
        runs.push(opts.shard && !results.shard ? { ...results, shard: opts.shard } : results);
      } finally {
        progress.done();
        await opened?.close?.();
        unguard();
      }
    }
  } finally {
    interrupt.dispose();
  }
  const skips = skipShareOf(runs);
  const skipNote = skipShareWarning(skips, Boolean(opts.allowSkips));
  if (skipNote) io.stderr.write(skipNote);
  writeReports(runs, opts.reporters, opts.out, io, { verbose: opts.verbose });
  if (interrupt.signal.aborted) return INTERRUPT_EXIT[interrupt.by ?? 'SIGINT'] ?? 130;
  return exitWithSkips(exitCodeFor(runs), skips, Boolean(opts.allowSkips));
}

/** A target whose every vendor the preflight stopped: nothing is sent, the results still name it. */
function stoppedTarget(pre: TargetPreflight): Target {
  const t = pre.target ?? { name: 'unknown', kind: 'unknown', capabilities: { fixtures: false, xml: true, tweaks: true } };
  return { ...t, send: async () => ({ outcome: 'refused', message: 'stopped by the preflight' }) };
}

const withStops = <C extends CaseList>(results: RunResults<C>, stops: PreflightStop[]): RunResults<C> => (stops.length ? { ...results, preflight: stops } : results);

/** The cases the preflight kept back, as skipped results in run order, and the stops in the header. */
function withPreflight(results: RunResults, all: Case[], stops: PreflightStop[]): RunResults {
  if (!stops.length) return results;
  const byVendor = new Map(stops.map((s) => [s.vendor, s]));
  const ran = new Map(results.cases.map((r) => [r.id, r]));
  const cases = all.flatMap((c) => {
    const stop = byVendor.get(c.call.vendor);
    if (stop) return results.interrupted ? [] : [preflightSkipped(c, stop)];
    const r = ran.get(c.id);
    return r ? [r] : [];
  });
  return { ...results, preflight: stops, cases };
}

/** Off a terminal the progress line is printed every so often (CI logs); CONFORMANCE_PROGRESS_MS sets how often. */
function progressInterval(env: NodeJS.ProcessEnv): number | undefined {
  const n = Number(env.CONFORMANCE_PROGRESS_MS);
  return env.CONFORMANCE_PROGRESS_MS && Number.isFinite(n) && n > 0 ? n : undefined;
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
  // The probes come from the standard depth of the same selection: the same vendors, few cases.
  const probeFrom = generator.generateCases(loaded, { ...options, depth: 'standard' }).filter((c) => matchesFilter(c, opts.filter));
  const pre = await preflight(spec, probeFrom, opts, io, loaded, eng);
  if (pre.unreachable) {
    io.stderr.write(`error [E_UNREACHABLE] ${spec}: no answer from the target (${pre.unreachable}); no case was run: is it running, and is the address right?\n`);
    return EXIT.inconclusive;
  }
  for (const stop of pre.stops) io.stderr.write(`preflight: ${stop.message}; its cases are skipped\n`);
  const stopped = new Map(pre.stops.map((s) => [s.vendor, s]));
  const preset = stopped.size ? (c: Case) => { const s = stopped.get(c.call.vendor); return s ? preflightSkipped(c, s) : undefined; } : undefined;
  const { runSuite, version } = await eng.runner();
  const target = await openTarget(spec, targetOptionsFor(spec, opts, io, loaded), eng);
  const progress = createProgress(io.stderr, total, { color: useColor(io.stderr, io.env), perOperation, intervalMs: progressInterval(io.env) });
  const interrupt = watchInterrupts((s) => io.stderr.write(s));
  // The results go to disk as they come (results.ndjson) and are read back from there by the
  // reporters: memory stays flat however many cases the run has.
  const dir = resolve(io.cwd, opts.out);
  mkdirSync(dir, { recursive: true });
  const store = new NdjsonCases(join(dir, NDJSON_FILE));
  try {
    let results: RunResults<NdjsonCases>;
    try {
      results = await runSuite({
        ...opts.runnerOptions, cases: selected(), target, concurrency: opts.concurrency, onResult: (r) => progress.update(r),
        seed: opts.seed, depth: opts.depth, loaded, allowDestructive: opts.allowDestructive, safety: opts.safety, ...(opts.shard ? { shard: opts.shard } : {}),
        signal: interrupt.signal, preset, store,
        onEvent: (e) => { if (e.type === 'run-start') store.start({ ...e.header, toolVersion: version() }); },
      });
    } finally {
      interrupt.dispose();
      progress.done();
      await target.close?.();
    }
    results = { ...withStops(results, pre.stops), rerunArgs: shapingArgs(spec, opts) };
    const { cases: _cases, ...header } = results;
    store.end(header);
    const skips = skipShareOf([results]);
    const skipNote = skipShareWarning(skips, Boolean(opts.allowSkips));
    if (skipNote) io.stderr.write(skipNote);
    writeReports([results], opts.reporters, opts.out, io, { verbose: opts.verbose });
    if (interrupt.signal.aborted) return INTERRUPT_EXIT[interrupt.by ?? 'SIGINT'] ?? 130;
    return exitWithSkips(exitCodeFor([results]), skips, Boolean(opts.allowSkips));
  } finally {
    store.close();
  }
}
