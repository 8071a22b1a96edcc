// What `conformance run` does differently for real clouds, recordings, references and budgets,
// kept out of run.ts: target options from the flags, the cases a vendor target runs, the guard's
// minted ids, the SIGINT cleanup, differential mode.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConformanceError } from '../core/errors.ts';
import type { Case, Contract, RunResults, Target } from '../core/types.ts';
import { mintedIds } from '../adapters/guard.ts';
import { FIXTURES_FILE } from '../adapters/fixtures-file.ts';
import { isRealCloudSpec, type RealCloudTarget } from '../adapters/real-cloud.ts';
import { createCapture, withParity, type Capture } from '../runner/parity.ts';
import { classifyCase, permits } from '../runner/safety.ts';
import { budgetCases, describeBudget } from './budget.ts';
import type { Engine, LoadedContracts } from './engine.ts';
import type { Io } from './io.ts';
import type { RunOptions } from './options.ts';
import { openTarget } from '../compose/open-target.ts';
import type { Interrupt } from '../runner/interrupt.ts';

export { isRealCloudSpec };

/** Real clouds, --reference, --record and --rate run in this process (the direct runner). */
export function needsDirect(spec: string, opts: RunOptions): boolean {
  return isRealCloudSpec(spec) || opts.reference !== undefined || opts.record !== undefined || opts.rate !== undefined;
}

export function checkRealCloudFlags(opts: RunOptions): void {
  const anyCloud = opts.targets.some(isRealCloudSpec);
  for (const [name, v] of [['region', opts.region], ['endpoint', opts.endpoint], ['fixtures', opts.fixtures], ['journal', opts.journal]] as const) {
    if (v !== undefined && !anyCloud) throw new ConformanceError('E_OPTION', `--${name} is for real-cloud targets: use it with --target aliyun, volcengine or huaweicloud`);
  }
}

/** createTarget options of one target spec, from the flags. */
export function targetOptionsFor(spec: string, opts: RunOptions, io: Io, loaded: LoadedContracts): Record<string, unknown> & { loaded: LoadedContracts } {
  const out: Record<string, unknown> & { loaded: LoadedContracts } = { concurrency: opts.concurrency, ...opts.targetOptions, loaded };
  if (opts.rate !== undefined) out.rate = opts.rate;
  if (opts.record) out.record = resolve(io.cwd, opts.record);
  if (isRealCloudSpec(spec)) {
    const defaultFixtures = join(io.cwd, FIXTURES_FILE);
    Object.assign(out, {
      regionName: opts.region,
      endpoint: opts.endpoint,
      fixturesFile: opts.fixtures ? resolve(io.cwd, opts.fixtures) : existsSync(defaultFixtures) ? defaultFixtures : undefined,
      journal: opts.journal ? resolve(io.cwd, opts.journal) : undefined,
      journalDir: resolve(io.cwd, opts.out),
      env: io.env,
      log: (line: string) => io.stderr.write(`${line}\n`),
    });
  }
  return out;
}

/** A vendor target runs only its vendor's cases. */
export function casesForTarget(spec: string, cases: Case[]): Case[] {
  return isRealCloudSpec(spec) ? cases.filter((c) => c.call.vendor === spec) : cases;
}

/** Cases a real-cloud run will not send under its safety level (none when no target is a real cloud). */
export function willSkipFor(opts: Pick<RunOptions, 'targets' | 'safety'>, contract: (id: string) => Contract | undefined): ((c: Case) => boolean) | undefined {
  if (!opts.targets.some(isRealCloudSpec)) return undefined;
  return (c) => !permits(opts.safety, classifyCase(c, contract(c.contract)).level);
}

/** `--budget`: the covering subset, and what it left out on stderr. */
export function applyBudget(cases: Case[], opts: RunOptions, loaded: LoadedContracts, io: Io): Case[] {
  if (!opts.budget) return cases;
  const contract = (id: string) => { try { return loaded.byId(id); } catch { return undefined; } };
  const r = budgetCases(cases, opts.budget, { willSkip: willSkipFor(opts, contract) });
  io.stderr.write(`${describeBudget(r, opts.budget, cases.length)}\n`);
  return r.cases;
}

/**
 * Before a real-cloud run: the guard learns the generator's minted ids; on Ctrl-C (`interrupt`) it
 * refuses further calls, lets the calls in flight settle and deletes what the run created, while
 * the command writes the partial reports. Returns the disposer.
 */
export function guardRealCloud(target: Target, cases: Case[], io: Io, interrupt?: Interrupt): () => void {
  const rc = target as Partial<RealCloudTarget>;
  if (!rc.guard || !rc.interrupt) return () => undefined;
  rc.guard.allowMinted(mintedIds(cases));
  if (!interrupt) return () => undefined;
  interrupt.secondHint = 'finish with `conformance cleanup <journal>`';
  interrupt.on(() => {
    io.stderr.write('interrupted: no further calls; deleting what this run created...\n');
    void rc.interrupt!().then((rep) => {
      const file = rc.journalFile?.();
      if (file) interrupt.secondHint = `finish with \`conformance cleanup ${file}\``;
      if (rep && (rep.failed.length || rep.unresolved.length)) io.stderr.write(`cleanup incomplete: finish with \`conformance cleanup ${file}\`\n`);
      else if (file) io.stderr.write(`cleanup done (journal ${file})\n`);
    });
  });
  return () => undefined;
}

/** Differential mode: capture the target's answers, then run the reference and compare. */
export function parityCapture(opts: RunOptions): Capture | undefined {
  return opts.reference ? createCapture() : undefined;
}

export async function addParity(
  results: RunResults, capture: Capture | undefined, opts: RunOptions, cases: Case[], loaded: LoadedContracts, io: Io, eng: Engine,
): Promise<RunResults> {
  if (!opts.reference || !capture) return results;
  const { runSuite } = await eng.runner();
  const refCapture = createCapture();
  // The reference is opened as it is: no recording, no mutants (those are for the target under test).
  const { mutants: _mutants, ...targetOptions } = opts.targetOptions;
  const ref = await openTarget(opts.reference, targetOptionsFor(opts.reference, { ...opts, record: undefined, targetOptions }, io, loaded), eng);
  try {
    // One at a time: a cassette hands out repeated answers and fixtures in recorded order.
    await runSuite({ ...opts.runnerOptions, cases, target: refCapture.wrap(ref), concurrency: 1, seed: opts.seed, depth: opts.depth, loaded, allowDestructive: true });
  } finally { await ref.close?.(); }
  const out = withParity(results, capture, refCapture);
  const n = out.cases.reduce((m, c) => { m[c.parity!.verdict]++; return m; }, { agrees: 0, differs: 0, 'no-reference': 0 });
  io.stderr.write(`parity with ${opts.reference}: ${n.agrees} agree, ${n.differs} differ, ${n['no-reference']} without reference\n`);
  return out;
}

/** A real cloud's results pass its redactor before any reporter sees them (request lines carry the Huawei project id). */
export function scrubResults(target: Target | undefined, results: RunResults): RunResults {
  const redactor = (target as Partial<RealCloudTarget> | undefined)?.redactor;
  return redactor ? redactor.value(results) : results;
}
