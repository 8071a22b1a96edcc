// A vitest reporter that collects the CaseResult each generated test stores in `task.meta.conformance`
// (specs/conformance.spec.ts) into RunResults, streaming each one as it arrives. The CLI adds it to
// vitest's reporters; the rendering itself belongs to reporters/.
import type { TaskMeta } from 'vitest';
import { RESULTS_SCHEMA_VERSION, type CaseResult, type RunResults } from '../core/types.ts';

/** What the spec stores on its file: the results header runSuite built (runner/index.ts resultsHeader). */
export type ConformanceRunMeta = Omit<RunResults, 'cases'>;

declare module '@vitest/runner' {
  interface TaskMeta {
    conformance?: CaseResult;
    /** Position of the case in the generated list (results are reported in this order). */
    conformanceIndex?: number;
    /** On the spec file: the run-level facts. */
    conformanceRun?: ConformanceRunMeta;
  }
}

/** Structural views of vitest's reporter objects (vitest/node types, without importing vitest here). */
interface MetaHolder { meta(): TaskMeta }
interface TestModuleLike extends MetaHolder { children?: { allTests(): Iterable<MetaHolder> } }

export interface ConformanceReporterOptions {
  /** Called for each case as its test finishes. */
  onResult?: (result: CaseResult) => void;
  /** Called once with the whole run when vitest finishes. */
  onRunEnd?: (results: RunResults) => void;
  shard?: RunResults['shard'];
}

export class ConformanceVitestReporter {
  private readonly entries: { index: number; result: CaseResult }[] = [];
  private run?: ConformanceRunMeta;
  private started = Date.now();
  private finished?: RunResults;

  constructor(private readonly opts: ConformanceReporterOptions = {}) {}

  onTestRunStart(): void { this.started = Date.now(); this.entries.length = 0; this.finished = undefined; }

  onTestModuleCollected(module: TestModuleLike): void { this.readRun(module); }

  onTestCaseResult(testCase: MetaHolder): void {
    const meta = testCase.meta();
    if (meta.conformanceRun) this.run = meta.conformanceRun;
    if (!meta.conformance) return;
    this.entries.push({ index: meta.conformanceIndex ?? this.entries.length, result: meta.conformance });
    this.opts.onResult?.(meta.conformance);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModuleLike>): void {
    for (const m of modules) this.readRun(m);
    this.finished = this.results();
    this.opts.onRunEnd?.(this.finished);
  }

  private readRun(m: TestModuleLike): void {
    const run = m.meta().conformanceRun;
    if (run) this.run = run;
  }

  /** The run so far (complete after onTestRunEnd), cases in generated order. */
  results(): RunResults {
    if (this.finished) return this.finished;
    const cases = [...this.entries].sort((a, b) => a.index - b.index).map((e) => e.result);
    // the header runSuite built; a run that never got that far still says when it started
    const header: ConformanceRunMeta = this.run ?? {
      schemaVersion: RESULTS_SCHEMA_VERSION, tool: { name: 'cloud-api-conformance', version: '0.0.0' }, target: { name: 'unknown', kind: 'unknown' },
      seed: 0, depth: 'standard', startedAt: new Date(this.started).toISOString(), durationMs: Date.now() - this.started, contracts: [], uncovered: [],
    };
    return { ...header, ...(this.opts.shard ? { shard: this.opts.shard } : {}), cases };
  }
}

export default ConformanceVitestReporter;
