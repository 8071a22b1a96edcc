// Run cases on a Target: fixtures, send (timeout, bounded retries with backoff + jitter on transport
// errors and transient codes), replay, state read-back, judge. The harness adds microseconds per case;
// the target's time dominates.
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import type { Case, CaseList, CaseResult, CheckResult, NotSent, RunResults, Target, TargetResponse, Verdict } from '../core/types.ts';
import { RESULTS_SCHEMA_VERSION } from '../core/types.ts';
import type { LoadedContracts } from '../core/contracts.ts';
import { ConformanceError } from '../core/errors.ts';
import { isJsonObject } from '../core/json.ts';
import type { ExpectProfile } from '../core/evidence.ts';
import { judge, missingCapability, type StateAfter } from '../checks/index.ts';
import { actualSummary } from '../checks/util.ts';
import { addTargeted, uncoveredFrom, type Targeted } from '../generators/coverage.ts';
import { caseContext } from '../core/case-context.ts';
import { newRunSalt, saltTokens } from './tokens.ts';
import { hasRefs, RefError, resolveRefs } from '../core/refs.ts';
import { createFixtures, removeFixtures, readState } from './fixtures.ts';
import { fixtureRegions, readStateThroughReadCalls } from './read-back.ts';
import { runFlow } from './flow.ts';
import { followPages } from './pages.ts';
import { FixtureBatcher, type Prepared } from './fixture-batch.ts';
import { requestLine } from './request-line.ts';
import { sendWithRetries, type RetryOptions } from './retry.ts';
import { exchangeOf } from './exchange.ts';
import type { ExchangeLimits } from '../core/exchange.ts';
import { classifyCase, refusedBySafety, safetyOf, type SafetyLevel } from './safety.ts';

export { requestLine } from './request-line.ts';
export type { RunEvent } from './run-events.ts';
import type { RunEvent } from './run-events.ts';
export { FixtureBatcher } from './fixture-batch.ts';

/** timeoutMs, retries, backoffMs, maxBackoffMs, random: see RetryOptions (retry.ts). */
export interface RunCaseOptions extends RetryOptions {
  loaded: LoadedContracts;
  /** Restrict the checks run (names from CHECKS). */
  checks?: string[];
  /** Run destructive cases on a real cloud (`capabilities.realCloud`); elsewhere they always run. Same as `safety: 'destructive'`. */
  allowDestructive?: boolean;
  /** What a real cloud may be sent (safety.ts; default negative, or destructive with allowDestructive); elsewhere every case runs. */
  safety?: SafetyLevel;
  /** Makes idempotency tokens unique to this run (tokens.ts); runSuite draws one per run, runCase alone one per process. */
  runSalt?: string;
  /** Fixtures made in batches (fixture-batch.ts): the batcher, and the cases that will run after `c`, in order. */
  fixtureBatch?: { batcher: FixtureBatcher; ahead: (c: Case) => Iterable<Case> };
  /** Which results carry their wire exchange: failing and inconclusive ones (default), or all (`replay`), with these bounds. */
  exchanges?: { all?: boolean; limits?: ExchangeLimits };
  /**
   * How `after:` state is read back: through the emulator's control API (`control`), or through the
   * vendor's own read calls (`read-calls`, read-back.ts) as real clients do. `auto` (default): the
   * control API where the target's fixtures can read state, else the read calls.
   */
  stateVia?: 'auto' | 'control' | 'read-calls';
  /** Read-back: how long a state may take to settle (ms of the target's clock; default 30 s). */
  settleTimeoutMs?: number;
}

/** A client-flow case (runner/flow.ts runs its steps). */
const hasFlow = (c: Case): c is Case & { flow: NonNullable<Case['flow']> } => c.flow !== undefined;

const PROCESS_SALT = newRunSalt();

// Sending with a deadline and bounded retries lives in retry.ts (state-changing calls: see there).
function result(c: Case, verdict: Verdict, t0: number, extra: Partial<CaseResult>): CaseResult {
  const r: CaseResult = {
    id: c.id, contract: c.contract, vendor: c.call.vendor, operation: c.call.operation, category: c.category, title: c.title,
    verdict, expected: c.expect, actual: undefined, checks: [], source: c.source,
    ...(c.mutation ? { mutation: c.mutation } : {}),
    ...(c.evidence ? { evidence: c.evidence } : {}),
    durationMs: Math.round((performance.now() - t0) * 100) / 100, ...extra,
  };
  // A passing check repeats what the case's expected/actual already say: keep its name only, so a
  // 100k-case run holds (and writes) about half as much. Failing checks keep every detail.
  // A passing check that lists something (request findings not failed, a refusal it accepted) keeps its message.
  const kept = (k: CheckResult) => k.ok && k.message !== undefined && LISTING_CHECKS.has(k.name);
  r.checks = r.checks.every((k) => k.ok && !kept(k)) ? passedChecks(r.checks) : r.checks.map((k) => (k.ok ? (kept(k) ? { name: k.name, ok: true, message: k.message } : { name: k.name, ok: true }) : k));
  return r;
}

const LISTING_CHECKS = new Set(['request', 'client-rejected']);

/** All-passing check lists are few distinct name sequences: share one frozen copy of each. */
const passedLists = new Map<string, CheckResult[]>();
function passedChecks(checks: CheckResult[]): CheckResult[] {
  let key = '';
  for (const k of checks) key += `${k.name},`;
  let list = passedLists.get(key);
  if (!list) {
    // frozen: one list shared by every result with these checks
    list = checks.map((k) => Object.freeze({ name: k.name, ok: true }));
    Object.freeze(list);
    passedLists.set(key, list);
  }
  return list;
}


export async function runCase(testCase: Case, target: Target, opts: RunCaseOptions): Promise<CaseResult> {
  // The case is visible below (real-cloud fixtures and guard, differential mode) through caseContext, when the target asks.
  const batch = opts.fixtureBatch?.batcher.handles(testCase) ? opts.fixtureBatch : undefined;
  const restore = batch ? [] : await preserveSingletons(testCase, target);
  const created: { kind: string; id: string }[] = [];
  try {
    return await (target.caseAware
      ? caseContext.run(testCase, () => runCaseIn(testCase, target, opts, created, batch))
      : runCaseIn(testCase, target, opts, created, batch));
  } finally {
    // Tidy up so a long run's world stays bounded (and under the snapshot quota), then restore account state.
    if (batch) batch.batcher.release(testCase.call.vendor, created);
    else await removeFixtures(testCase.call.vendor, created, target.fixtures);
    for (const undo of restore.reverse()) await undo().catch(() => undefined);
  }
}

/** Account-wide fixtures (balance, quotas) are put back after the case, so no later case or run sees them. */
async function preserveSingletons(c: Case, target: Target): Promise<(() => Promise<void>)[]> {
  const f = target.fixtures;
  if (!f?.preserve || !c.setup?.length) return [];
  const undo: (() => Promise<void>)[] = [];
  for (const kind of new Set(c.setup.map((s) => s.kind))) {
    const u = await f.preserve(c.call.vendor, kind).catch(() => undefined);
    if (u) undo.push(u);
  }
  return undo;
}

/** Skipped, never judged: the adapter's safety guard would not send the call. */
const refusedResult = (c: Case, t0: number, r: NotSent, request: string) =>
  result(c, 'skipped', t0, { reason: `refused by the real-cloud guard: ${r.message}`, request });

async function fromBatch(c: Case, batch: NonNullable<RunCaseOptions['fixtureBatch']>, created: { kind: string; id: string }[]): Promise<Prepared> {
  const p = await batch.batcher.prepare(c, batch.ahead(c));
  created.push(...p.created);
  return p;
}

async function runCaseIn(
  testCase: Case, target: Target, opts: RunCaseOptions, created: { kind: string; id: string }[], batch: RunCaseOptions['fixtureBatch'],
): Promise<CaseResult> {
  const t0 = performance.now();
  const c = testCase;
  // SDK targets see different things per vendor (the Volcengine SDK hides the HTTP status).
  const caps = target.capabilitiesFor?.(c.call.vendor) ?? target.capabilities;
  const missing = missingCapability(c, caps);
  if (missing) return result(c, 'skipped', t0, { reason: missing, request: requestLine(c.call, c.tweak) });
  const contract = opts.loaded.byId(c.contract);
  const unsafe = caps.realCloud ? refusedBySafety(classifyCase(c, contract), safetyOf(opts)) : undefined;
  if (unsafe) return result(c, 'skipped', t0, { reason: unsafe, request: requestLine(c.call, c.tweak) });
  const profile = opts.loaded.profiles[contract.vendor];

  let refs: Record<string, string> = {};
  let kinds: Record<string, string> = {};
  let params = c.call.params;
  try {
    if (c.setup?.length) ({ refs, kinds } = batch ? await fromBatch(c, batch, created) : await createFixtures(c, target.fixtures!, created));
    if (hasRefs(params)) params = resolveRefs(params, refs);
    params = saltTokens(params, c, contract, opts.runSalt ?? PROCESS_SALT);
  } catch (e) {
    // A real cloud's fixtures file without a matching resource: skipped with the reason (not a target problem).
    const message = e instanceof Error ? e.message : undefined;
    if (isJsonObject(e) && e.skip === true) return result(c, 'skipped', t0, { reason: message, request: requestLine(c.call, c.tweak) });
    const why = e instanceof RefError ? `case references an unknown fixture: ${e.message}` : `fixture setup failed: ${message}`;
    return result(c, 'inconclusive', t0, { reason: why, request: requestLine(c.call, c.tweak) });
  }
  const request = requestLine(params === c.call.params ? c.call : { ...c.call, params }, c.tweak);
  if (hasFlow(c)) {
    const o = await runFlow(c, target, profile, { ...opts, runSalt: opts.runSalt ?? PROCESS_SALT }, refs, kinds);
    return result(c, o.verdict, t0, { ...(o.reason ? { reason: o.reason } : {}), checks: o.checks, request, actual: { steps: o.steps } });
  }

  // A reused nonce is only refused the second time: prime it with a first call whose answer is not judged.
  // If the priming call got no answer, the judged call is no replay: inconclusive, not judged.
  if (c.tweak?.auth === 'reused-nonce') {
    const prime = await sendWithRetries(target, c, params, { kind: 'success' }, profile, { ...opts, stateChanging: false });
    if (prime.outcome === 'refused') return refusedResult(c, t0, prime, request);
    if (prime.outcome === 'transport-error') {
      return result(c, 'inconclusive', t0, { reason: `the priming call (first use of the nonce) got no answer: ${prime.message}`, request, exchanges: [exchangeOf(c.call, prime, 'priming', opts.exchanges?.limits)] });
    }
  }
  const response = await sendWithRetries(target, c, params, c.expect, profile, opts);
  if (response.outcome === 'refused') return refusedResult(c, t0, response, request);

  let second: TargetResponse | undefined;
  let p2: Record<string, unknown> | undefined;
  if (c.then && response.outcome !== 'transport-error') {
    p2 = saltTokens(resolveRefs(c.then.params, refs), c, contract, opts.runSalt ?? PROCESS_SALT);
    second = await sendWithRetries(target, { ...c, tweak: undefined }, p2, c.then.expect, profile, opts);
    if (second.outcome === 'refused') return refusedResult(c, t0, second, request);
  }

  // a paging case: the next pages, judged together with the first by the `listed` check
  const pages = c.pages !== undefined && contract.listing ? await followPages(target, c, params, response, contract.listing, profile, opts) : undefined;

  let stateAfter: StateAfter | undefined;
  if (c.after?.length && response.outcome !== 'transport-error') {
    const viaReads = opts.stateVia === 'read-calls' || (opts.stateVia !== 'control' && (!target.fixtures || target.fixtures.readsState === false));
    if (viaReads || target.fixtures?.advanceClock) {
      // read calls anywhere; the control API of an emulator, settling its lifecycles on its clock
      stateAfter = await readStateThroughReadCalls(target, profile, { vendor: c.call.vendor, call: { ...c.call, params }, after: c.after, refs, kinds, response, regions: fixtureRegions(c.setup) }, {
        via: viaReads ? 'read-call' : 'control', ...(opts.settleTimeoutMs !== undefined ? { settleTimeoutMs: opts.settleTimeoutMs } : {}),
      });
    } else if (target.fixtures) {
      stateAfter = await readState(c.call.vendor, c.after, target.fixtures, refs, kinds, response);
    }
  }
  // every pass or fail comes from the registered checks (checks/index.ts): the answer, the state read
  // back, the replay; this function's stages only decide skipped and inconclusive
  const j = judge(c, response, { contract, profile, capabilities: caps, stateAfter, refs, checks: opts.checks, ...(pages ? { pages } : {}), ...(second ? { replay: second } : {}) });
  let verdict = j.verdict;
  let reason = j.reason;
  const checks: CheckResult[] = j.checks;
  // Read back but never settled (still deleting at the bound): neither pass nor fail. Unobservable kinds are listed.
  const reads = Object.entries(stateAfter ?? {});
  const unsettled = reads.filter(([, r]) => r.unsettled).map(([ref, r]) => `${ref}: ${r.unsettled}`);
  if (unsettled.length && verdict !== 'fail') { verdict = 'inconclusive'; reason = `state did not settle: ${unsettled.join('; ')}`; }
  const unseen = reads.filter(([, r]) => r.unobservable).map(([ref, r]) => `${ref} (${r.unobservable})`);
  if (unseen.length) reason = `${reason ? `${reason}; ` : ''}not read back: ${unseen.join(', ')}`;
  // The wire only where it explains something (a failure, no proper answer), or when asked (`replay`).
  const explain = opts.exchanges?.all || verdict === 'fail' || verdict === 'inconclusive';
  const call = params === c.call.params ? c.call : { ...c.call, params };
  return result(c, verdict, t0, {
    ...(reason ? { reason } : {}),
    actual: second ? { first: actualSummary(response), then: actualSummary(second) } : actualSummary(response),
    checks, request,
    ...(explain ? { exchanges: second ? [exchangeOf(call, response, 'call', opts.exchanges?.limits), exchangeOf({ ...c.call, params: p2 ?? c.then!.params }, second, 'replay', opts.exchanges?.limits)] : [exchangeOf(call, response, undefined, opts.exchanges?.limits)] } : {}),
  });
}

export interface RunSuiteOptions extends Omit<RunCaseOptions, 'loaded'> {
  /** An array, or any iterable (e.g. generators' iterateCases): cases are pulled as workers free up,
   * so a 100k-case deep run never holds every generated case at once. */
  cases: Iterable<Case>;
  target: Target;
  loaded: LoadedContracts;
  concurrency?: number;
  /** Streams each result as it completes (completion order); `index` is its position in `cases`. */
  onResult?: (result: CaseResult, index: number) => void;
  /** The run's lifecycle (run-events.ts): the vitest spec, progress, reporters and recorders subscribe here. */
  onEvent?: (event: RunEvent) => void;
  seed: number;
  depth: RunResults['depth'];
  shard?: RunResults['shard'];
  /** Make fixtures in batches when the target can (fixture-batch.ts); default true. */
  batchFixtures?: boolean;
  /**
   * The expectation profile the results declare (default: the one `loaded` was loaded under). The cases
   * must come from contracts loaded under it: `loadContracts({ expect })`, then generate.
   */
  expect?: ExpectProfile;
  /** Stops pulling cases when aborted (Ctrl-C): the cases in flight finish, the results say `interrupted`. */
  signal?: AbortSignal;
  /** A result decided before the case runs (the CLI's preflight skips a vendor's cases): the case is not run. */
  preset?: (c: Case) => CaseResult | undefined;
}

/**
 * Where a run keeps its results instead of an array: each is handed over as it completes, with its
 * position in `cases`, and the store is the returned run's `cases` (reporters/ndjson.ts keeps them on
 * disk, so a 100k-case run's memory does not grow with it).
 */
export interface CaseStore extends CaseList {
  put(result: CaseResult, index: number): void;
}

/** How far ahead of the running cases runSuite looks for fixtures to batch (bounds memory on lazy sources). */
const LOOKAHEAD = 256;
/** Account-wide cases set aside at most, before they run alone (a standard run has fewer: all run at the end). */
const ALONE_BATCH = 512;

let toolVersion: string | undefined;
export function version(): string {
  if (toolVersion) return toolVersion;
  try {
    // By the package's own name: the same file from the sources and from the build (dist/runner/).
    const pkg: unknown = createRequire(import.meta.url)('cloud-api-conformance/package.json');
    toolVersion = isJsonObject(pkg) && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch { toolVersion = '0.0.0'; }
  return toolVersion;
}

export async function runSuite<S extends CaseStore>(opts: RunSuiteOptions & { store: S }): Promise<RunResults<S>>;
export async function runSuite(opts: RunSuiteOptions): Promise<RunResults>;
export async function runSuite(opts: RunSuiteOptions & { store?: CaseStore }): Promise<RunResults<CaseList>> {
  const expect = opts.expect ?? opts.loaded.expect;
  const emit = opts.onEvent ?? (() => undefined);
  if (opts.expect && opts.loaded.expect && opts.expect !== opts.loaded.expect) {
    throw new ConformanceError('E_OPTION', `runSuite: expect is "${opts.expect}" but the contracts were loaded under "${opts.loaded.expect}"; load them with loadContracts({ expect: '${opts.expect}' }) and generate the cases from those`);
  }
  const started = new Date();
  const t0 = performance.now();
  const { target } = opts;
  const source = opts.cases[Symbol.iterator]();
  const results: CaseResult[] = [];
  const alone: { c: Case; i: number }[] = [];
  const targeted: Targeted = new Map();
  let count = 0;
  /** Cases pulled from the source but not yet run (the batcher's look-ahead), in order. */
  const buffered: { c: Case; i: number }[] = [];
  let exhausted = false;
  /**
   * Pull until `n` cases wait in the buffer; account-wide (exclusive) ones are set aside, to run alone
   * once the others are done, or sooner when ALONE_BATCH of them wait (a long run never holds them all).
   */
  const fill = (n: number): boolean => {
    while (buffered.length < n) {
      if (alone.length >= ALONE_BATCH) return false;
      const next = source.next();
      if (next.done) { exhausted = true; return false; }
      const item = { c: next.value, i: count++ };
      addTargeted(targeted, item.c);
      if (item.c.exclusive) alone.push(item); else buffered.push(item);
    }
    return true;
  };
  const pull = () => (!opts.signal?.aborted && fill(1) ? buffered.shift() : undefined);
  function* ahead(): Iterable<Case> {
    for (let k = 0; k < LOOKAHEAD && fill(k + 1); k++) yield buffered[k]!.c;
  }
  const batcher = opts.batchFixtures === false ? undefined : FixtureBatcher.for(target.fixtures);
  // One salt per run: a second run against the same target must not meet the first run's tokens.
  const caseOpts: RunCaseOptions = { ...opts, runSalt: opts.runSalt ?? newRunSalt(), ...(batcher ? { fixtureBatch: { batcher, ahead } } : {}) };
  const { store } = opts;
  let done = 0;
  const run = async ({ c, i }: { c: Case; i: number }) => {
    const r = opts.preset?.(c) ?? await runCase(c, target, caseOpts);
    if (store) store.put(r, i); else results[i] = r;
    done++;
    opts.onResult?.(r, i);
    emit({ type: 'case', result: r, index: i, case: c });
  };
  emit({ type: 'run-start', header: { target: { name: target.name, kind: target.kind }, seed: opts.seed, depth: opts.depth, ...(expect ? { expect } : {}), startedAt: started.toISOString() } });
  do {
    try {
      await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 8) }, async () => {
        for (let item = pull(); item; item = pull()) await run(item);
      }));
    } finally {
      // The world is clean again before the account-wide cases run (and when a run is interrupted).
      await batcher?.flush();
    }
    for (const item of alone.splice(0)) if (!opts.signal?.aborted) await run(item);
  } while (!exhausted && !opts.signal?.aborted);
  const interrupted = opts.signal?.aborted === true;

  if (interrupted) emit({ type: 'interrupted', done });
  const out: RunResults<CaseList> = {
    ...resultsHeader({ loaded: opts.loaded, target, seed: opts.seed, depth: opts.depth, expect, started, durationMs: performance.now() - t0, targeted, shard: opts.shard }),
    ...(interrupted ? { interrupted } : {}),
    // a store skips the cases never run; an array has holes where an interrupted run's cases never ran
    cases: store ?? (interrupted ? results.filter((r) => r !== undefined) : results),
  };
  emit({ type: 'run-end', results: out });
  return out;
}

/**
 * The results header: the one place it is built (runSuite, for every runner: vitest, direct, deep).
 * `targeted`: the contracts (and error rows) the run's cases aimed at.
 */
export function resultsHeader(o: {
  loaded: LoadedContracts; target: Pick<Target, 'name' | 'kind'>; seed: number; depth: RunResults['depth']; expect?: ExpectProfile;
  started: Date; durationMs: number; targeted: Targeted; shard?: RunResults['shard'];
}): Omit<RunResults, 'cases'> {
  const root = dirname(o.loaded.dir);
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    ...(o.expect ? { expect: o.expect } : {}),
    tool: { name: 'cloud-api-conformance', version: version() },
    target: { name: o.target.name, kind: o.target.kind },
    seed: o.seed,
    depth: o.depth,
    startedAt: o.started.toISOString(),
    durationMs: o.durationMs,
    contracts: o.loaded.contracts.filter((c) => o.targeted.has(c.id)).map((c) => ({ id: c.id, file: c.$file ? relative(root, c.$file) : c.id, sha256: c.$sha256 ?? '' })),
    uncovered: uncoveredFrom(o.loaded, o.targeted),
    ...(o.shard ? { shard: o.shard } : {}),
  };
}
