// The generated conformance suite as vitest tests: one describe per operation, one test per case.
// Each test stores its CaseResult in task.meta.conformance (runner/vitest-reporter.ts collects them);
// a skipped case is skipped with its reason; a fail fails with expected vs actual and the request.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, test, type TestContext } from 'vitest';
import type { Case, Target } from '../core/types.ts';
import { generateCases, uncoveredRows } from '../generators/index.ts';
import { loadContracts } from '../loader/index.ts';
import { FixtureBatcher, runCase, version, type RunCaseOptions } from '../runner/index.ts';
import { newRunSalt } from '../runner/tokens.ts';
import type { ConformanceRunMeta } from '../runner/vitest-reporter.ts';
import { openTarget } from './open-target.ts';
import { readConformanceOptions } from './options.ts';

const options = readConformanceOptions();
const loaded = loadContracts({ ...(options.contractsDir ? { dir: options.contractsDir } : {}), ...(options.expect ? { expect: options.expect } : {}) });
const generated = generateCases(loaded, { seed: options.seed, depth: options.depth, filter: options.filter, variations: options.variations });
const cases = options.caseIdsFile ? pick(generated, JSON.parse(readFileSync(options.caseIdsFile, 'utf8')) as string[]) : generated;

/** The selection the CLI made, in its order (ids it names that the generator no longer makes are ignored). */
function pick(all: Case[], ids: string[]): Case[] {
  const byId = new Map(all.map((c) => [c.id, c]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
/** This run's idempotency-token salt (runner/tokens.ts): each spec evaluation is one run. */
const runSalt = newRunSalt();
const indexOf = new Map(cases.map((c, i) => [c.id, i]));

let target: Target | undefined;
let runMeta: ConformanceRunMeta | undefined;
/** Fixtures in batches (runner/fixture-batch.ts), looking ahead within each describe's list. */
let fixtureBatch: RunCaseOptions['fixtureBatch'];
const position = new Map<Case, { list: Case[]; index: number }>();
function* ahead(c: Case): Iterable<Case> {
  const at = position.get(c);
  if (at) for (let k = at.index + 1; k < at.list.length; k++) yield at.list[k]!;
}

async function makeTarget(): Promise<Target> {
  const targetOptions = { ...(options.targetOptions ?? {}), loaded, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
  const mutants = options.emulator?.mutants;
  const behaviour = options.emulator?.behaviour;
  return openTarget(options.target, { ...targetOptions, ...(mutants?.length ? { mutants } : {}), ...(behaviour ? { behaviour } : {}) });
}

beforeAll(async ({}, suite) => {
  target = await makeTarget();
  const batcher = FixtureBatcher.for(target.fixtures);
  if (batcher) fixtureBatch = { batcher, ahead };
  const root = loaded.dir.replace(/[/\\]contracts$/, '');
  const used = new Set(cases.map((c) => c.contract));
  runMeta = {
    target: { name: target.name, kind: target.kind },
    seed: options.seed, depth: options.depth, ...(loaded.expect ? { expect: loaded.expect } : {}),
    tool: { name: 'cloud-api-conformance', version: version() },
    contracts: loaded.contracts.filter((c) => used.has(c.id)).map((c) => ({ id: c.id, file: (c.$file ?? c.id).replace(`${root}/`, ''), sha256: c.$sha256 ?? '' })),
    uncovered: uncoveredRows(loaded, cases),
  };
  suite.meta.conformanceRun = runMeta;
}, 60_000);

afterAll(async () => {
  await fixtureBatch?.batcher.flush();
  await target?.close?.();
});

async function runOne(c: Case, ctx: TestContext): Promise<void> {
  if (!target) throw new Error('target not ready (see the beforeAll error)');
  const r = await runCase(c, target, {
    runSalt, fixtureBatch,
    loaded, timeoutMs: options.timeoutMs, retries: options.retries, allowDestructive: options.allowDestructive, checks: options.checks,
    ...(options.stateVia ? { stateVia: options.stateVia } : {}), ...(options.settleTimeoutMs !== undefined ? { settleTimeoutMs: options.settleTimeoutMs } : {}),
  });
  const index = indexOf.get(c.id) ?? -1;
  ctx.task.meta.conformance = r;
  ctx.task.meta.conformanceIndex = index;
  if (index === 0 && runMeta) ctx.task.meta.conformanceRun = runMeta;
  if (r.verdict === 'skipped') { ctx.skip(r.reason); return; }
  if (r.verdict === 'fail') {
    const failed = r.checks.filter((k) => !k.ok).map((k) => `  ✗ ${k.name}: ${k.message ?? `expected ${JSON.stringify(k.expected)}, got ${JSON.stringify(k.actual)}`}`);
    const message = [r.reason, ...failed, `  source: ${r.source.file}${r.source.line ? `:${r.source.line}` : ''}`, `  request: ${r.request ?? ''}`].join('\n');
    ctx.expect(r.actual, message).toEqual(r.expected);
  }
}

const groups = new Map<string, Case[]>();
for (const c of cases) {
  const key = c.exclusive ? '' : c.contract;
  if (!groups.has(key)) groups.set(key, []);
  const list = groups.get(key)!;
  position.set(c, { list, index: list.length });
  list.push(c);
}

for (const [contract, list] of groups) {
  if (contract === '') continue;
  describe(contract, () => {
    test.concurrent.for(list)('$id', async (c, ctx) => runOne(c, ctx));
  });
}

// Cases touching account-wide state run one at a time, after everything else.
const exclusive = groups.get('');
if (exclusive) {
  describe.sequential('exclusive (account-wide state)', () => {
    beforeAll(async () => { await fixtureBatch?.batcher.flush(); }); // the world is clean again first
    test.for(exclusive)('$id', async (c, ctx) => runOne(c, ctx));
  });
}

if (cases.length === 0) test.skip('no case matches the filters', () => {});
