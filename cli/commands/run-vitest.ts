// `conformance run` as a vitest run: the generated spec (specs/conformance.spec.ts) executes the
// selected cases, and our vitest reporter streams each CaseResult back here. Vitest gives the run
// its test-runner semantics (concurrency, timeouts, isolation, its ecosystem); the selection
// (filters, --shard, --last-failed) is done here and handed over as a list of case ids.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConformanceError } from '../../core/errors.ts';
import type { Case, CaseResult, RunResults } from '../../core/types.ts';
import { ConformanceVitestReporter } from '../../runner/vitest-reporter.ts';
import { OPTIONS_ENV, type ConformanceOptions } from '../../compose/options.ts';
import type { RunOptions } from '../options.ts';
import type { Reporter } from 'vitest/reporters';
import type { Interrupt } from '../../runner/interrupt.ts';

/**
 * A reporter that only holds vitest's handle: vitest's own SIGINT/SIGTERM handler exits the
 * process a millisecond later (no partial report); it is replaced by a graceful cancel, so the
 * tests in flight finish and the command writes what ran.
 */
function cancelOnInterrupt(interrupt: Interrupt) {
  const before = new Map((['SIGINT', 'SIGTERM'] as const).map((s) => [s, new Set(process.listeners(s))]));
  return {
    onInit(vitest: { cancelCurrentRun(reason: 'keyboard-input'): Promise<void> }) {
      for (const [sig, known] of before) for (const l of process.listeners(sig)) if (!known.has(l)) process.off(sig, l);
      interrupt.on(() => { void vitest.cancelCurrentRun('keyboard-input'); });
    },
  };
}

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The sources' config, or its build in dist/ (an installed package: plain JS, imported as it is). */
const CONFIG = ['vitest.config.ts', 'vitest.config.js'].map((f) => join(PACKAGE_ROOT, f)).find((f) => existsSync(f)) ?? '';
const CONFIG_LOADER = CONFIG.endsWith('.ts') ? 'runner' : 'native';

export interface VitestRunInput {
  spec: string;
  opts: RunOptions;
  cases: Case[];
  onResult: (r: CaseResult) => void;
  /** Ctrl-C: vitest's run is cancelled (the tests in flight finish) and the results say `interrupted`. */
  interrupt?: Interrupt;
}

export async function runThroughVitest({ spec, opts, cases, onResult, interrupt }: VitestRunInput): Promise<RunResults> {
  const { startVitest } = await import('vitest/node');
  // Ids go through a file: a deep run's list is far larger than an environment variable may be.
  const dir = mkdtempSync(join(tmpdir(), 'conformance-run-'));
  const idsFile = join(dir, 'case-ids.json');
  writeFileSync(idsFile, JSON.stringify(cases.map((c) => c.id)));
  const { mutants, behaviour, ...targetOptions } = opts.targetOptions;
  const options: ConformanceOptions = {
    target: spec, targetOptions: { ...targetOptions, concurrency: opts.concurrency },
    seed: opts.seed, depth: opts.depth, caseIdsFile: idsFile,
    contractsDir: opts.contractsDir ? resolve(opts.contractsDir) : undefined,
    allowDestructive: opts.allowDestructive,
    ...opts.runnerOptions,
    expect: opts.expect,
    emulator: mutants?.length || behaviour ? { ...(mutants?.length ? { mutants } : {}), ...(behaviour ? { behaviour } : {}) } : undefined,
  };
  const previousEnv = process.env[OPTIONS_ENV];
  const previousExit = process.exitCode;
  process.env[OPTIONS_ENV] = JSON.stringify(options);
  const reporter = new ConformanceVitestReporter({ onResult, shard: opts.shard });
  const cancelling = interrupt ? cancelOnInterrupt(interrupt) : undefined;
  try {
    const vitest = await startVitest('test', [], {
      root: PACKAGE_ROOT, config: CONFIG, project: ['conformance'], configLoader: CONFIG_LOADER,
      reporters: [reporter as unknown as Reporter, ...(cancelling ? [cancelling as unknown as Reporter] : [])],
      watch: false, maxConcurrency: opts.concurrency, passWithNoTests: true,
    });
    await vitest?.close();
    const results = reporter.results();
    if (interrupt?.signal.aborted) return { ...results, interrupted: true };
    // A spec that could not start (target unreachable, bad options) must not pass as an empty run.
    const errors = [
      ...(vitest?.state.getUnhandledErrors() ?? []),
      ...(vitest?.state.getFiles() ?? []).flatMap((f) => [...(f.result?.errors ?? []), ...f.tasks.flatMap((t) => t.result?.errors ?? [])]),
    ];
    if (results.cases.length !== cases.length) {
      const why = errors.length ? String((errors[0] as Error)?.message ?? errors[0]) : 'no error reported';
      throw new ConformanceError('E_RUN', `the conformance spec ran ${results.cases.length} of ${cases.length} cases: ${why.split('\n')[0]}`);
    }
    return results;
  } finally {
    // Vitest sets the exit code for failed tests; the CLI decides its own (0/1/2/3).
    process.exitCode = previousExit;
    if (previousEnv === undefined) delete process.env[OPTIONS_ENV]; else process.env[OPTIONS_ENV] = previousEnv;
    rmSync(dir, { recursive: true, force: true });
  }
}
