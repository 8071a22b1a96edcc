// The generated conformance suite as vitest tests: one describe per operation, one test per case.
// vitest only presents the run: beforeAll starts runSuite (runner/index.ts, the one pipeline every
// runner shares), and each test waits for its case's result event, so results arrive as cases finish.
// Each test stores its CaseResult in task.meta.conformance (runner/vitest-reporter.ts collects them)
// and the file's meta gets the results header runSuite built; a skipped case is skipped with its
// reason; a fail fails with every failed check, the source and the request.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, test, type TestContext } from 'vitest';
import type { Case, CaseResult, RunResults, Target } from '../core/types.ts';
import type { TaskMeta } from 'vitest';
import { generateCases } from '../generators/index.ts';
import { loadContracts } from '../loader/index.ts';
import { runSuite } from '../runner/index.ts';
import { openTarget } from '../compose/open-target.ts';
import { readConformanceOptions } from '../compose/options.ts';

const options = readConformanceOptions();
const loaded = loadContracts({ ...(options.contractsDir ? { dir: options.contractsDir } : {}), ...(options.expect ? { expect: options.expect } : {}) });
const generated = generateCases(loaded, { seed: options.seed, depth: options.depth, filter: options.filter, variations: options.variations });
const cases = options.caseIdsFile ? pick(generated, JSON.parse(readFileSync(options.caseIdsFile, 'utf8')) as string[]) : generated;

/** The selection the CLI made, in its order (ids it names that the generator no longer makes are ignored). */
function pick(all: Case[], ids: string[]): Case[] {
  const byId = new Map(all.map((c) => [c.id, c]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** One pending result per case: resolved by runSuite's case event (undefined: never run, the run stopped). */
const waiting = new Map<string, { promise: Promise<CaseResult | undefined>; resolve: (r: CaseResult | undefined) => void }>();
for (const c of cases) {
  let resolve!: (r: CaseResult | undefined) => void;
  const promise = new Promise<CaseResult | undefined>((r) => { resolve = r; });
  waiting.set(c.id, { promise, resolve });
}
const indexOf = new Map(cases.map((c, i) => [c.id, i]));
const stop = new AbortController();
let target: Target | undefined;
let run: Promise<RunResults> | undefined;
let fileMeta: TaskMeta | undefined;
let startError: unknown;

async function makeTarget(): Promise<Target> {
  const targetOptions = { ...(options.targetOptions ?? {}), loaded, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
  const mutants = options.emulator?.mutants;
  const behaviour = options.emulator?.behaviour;
  return openTarget(options.target, { ...targetOptions, ...(mutants?.length ? { mutants } : {}), ...(behaviour ? { behaviour } : {}) });
}

beforeAll(async ({}, suite) => {
  fileMeta = suite.meta;
  try {
    target = await makeTarget();
  } catch (e) {
    startError = e;
    for (const w of waiting.values()) w.resolve(undefined);
    throw e;
  }
  const configured = options.targetOptions?.concurrency;
  const concurrency = typeof configured === 'number' ? configured : undefined;
  run = runSuite({
    cases, target, loaded, seed: options.seed, depth: options.depth, signal: stop.signal,
    ...(concurrency ? { concurrency } : {}),
    timeoutMs: options.timeoutMs, retries: options.retries, allowDestructive: options.allowDestructive, checks: options.checks,
    ...(options.stateVia ? { stateVia: options.stateVia } : {}), ...(options.settleTimeoutMs !== undefined ? { settleTimeoutMs: options.settleTimeoutMs } : {}),
    onEvent: (e) => {
      if (e.type === 'case') waiting.get(e.case.id)?.resolve(e.result);
      if (e.type === 'run-end') {
        const { cases: _cases, ...header } = e.results;
        if (fileMeta) fileMeta.conformanceRun = header;
      }
    },
  });
  // a run that throws, or stops early, leaves no test waiting
  void run.then(() => undefined, (e: unknown) => { startError = e; }).finally(() => { for (const w of waiting.values()) w.resolve(undefined); });
}, 60_000);

afterAll(async () => {
  await run?.catch(() => undefined);
  await target?.close?.();
});

async function runOne(c: Case, ctx: TestContext): Promise<void> {
  ctx.signal?.addEventListener('abort', () => stop.abort(), { once: true });
  const r = await waiting.get(c.id)!.promise;
  if (!r) {
    if (startError) throw startError instanceof Error ? startError : new Error(String(startError));
    ctx.skip('the run stopped before this case (interrupted)');
    return;
  }
  ctx.task.meta.conformance = r;
  ctx.task.meta.conformanceIndex = indexOf.get(c.id) ?? -1;
  if (r.verdict === 'skipped') { ctx.skip(r.reason); return; }
  if (r.verdict === 'fail') {
    const failed = r.checks.filter((k) => !k.ok).map((k) => `  ✗ ${k.name}: ${k.message ?? `expected ${JSON.stringify(k.expected)}, got ${JSON.stringify(k.actual)}`}`);
    const message = [r.reason, ...failed, `  source: ${r.source.file}${r.source.line ? `:${r.source.line}` : ''}`, `  request: ${r.request ?? ''}`].join('\n');
    ctx.expect(r.actual, message).toEqual(r.expected);
  }
}

// One describe per operation (the report's rows); runSuite decides the order cases run in.
const groups = new Map<string, Case[]>();
for (const c of cases) {
  if (!groups.has(c.contract)) groups.set(c.contract, []);
  groups.get(c.contract)!.push(c);
}
for (const [contract, list] of groups) {
  describe(contract, () => {
    test.concurrent.for(list)('$id', async (c, ctx) => runOne(c, ctx));
  });
}

if (cases.length === 0) test.skip('no case matches the filters', () => {});
