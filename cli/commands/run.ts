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
import { lastFailedIds, selectCases, unmatchedFilter } from '../select.ts';
import { runThroughVitest } from './run-vitest.ts';
import { openTarget } from './targets.ts';
import { writeReports } from './write-reports.ts';

/** Cases the options select, from the generator's full list (shared with `list`). */
export async function selectedCases(opts: RunOptions, io: Io, eng: Engine = defaultEngine): Promise<{ cases: Case[]; loaded: LoadedContracts }> {
  const { loadContracts } = await eng.loader();
  const { generateCases } = await eng.generators();
  const loaded = loadContracts(opts.contractsDir ? { dir: resolve(io.cwd, opts.contractsDir) } : undefined);
  const all = generateCases(loaded, { seed: opts.seed, depth: opts.depth, filter: opts.filter });
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
  const { cases, loaded } = await selectedCases(opts, io, eng);
  if (!cases.length) throw new ConformanceError('E_NO_CASES', 'no case selected', 'loosen the filters or check --shard');
  const { runSuite } = await eng.runner();
  const perOperation: Record<string, number> = {};
  for (const c of cases) perOperation[c.contract] = (perOperation[c.contract] ?? 0) + 1;
  const runs: RunResults[] = [];
  for (const spec of opts.targets) {
    // Under vitest the spec opens the target in its worker; the direct runner opens it here.
    const target = opts.runner === 'direct' ? await openTarget(spec, { concurrency: opts.concurrency, ...opts.targetOptions, loaded }, eng) : undefined;
    if (opts.targets.length > 1) io.stderr.write(`target ${spec}\n`);
    const progress = createProgress(io.stderr, cases.length, { color: useColor(io.stderr, io.env), perOperation });
    try {
      const results = opts.runner === 'vitest'
        ? await runThroughVitest({ spec, opts, cases, onResult: (r) => progress.update(r) })
        : await runSuite({
          ...opts.runnerOptions, cases, target: target!, concurrency: opts.concurrency, onResult: (r) => progress.update(r),
          seed: opts.seed, depth: opts.depth, loaded, shard: opts.shard, allowDestructive: opts.allowDestructive,
        });
      runs.push(opts.shard && !results.shard ? { ...results, shard: opts.shard } : results);
    } finally {
      progress.done();
      await target?.close?.();
    }
  }
  writeReports(runs, opts.reporters, opts.out, io);
  return exitCodeFor(runs);
}
