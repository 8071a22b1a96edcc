// README "Add an operation", end to end, on a made-up operation: the fictional Alibaba-style
// DescribeWidgets (test/fixtures/added-operation/: its page, the contract finished from the importer's
// draft, and its emulator handler) is added to a copy of contracts/. Nothing else changes: the
// importer drafts it, the loader and the page comparison accept it, the generators, the emulator,
// the suite, the CLI, the OpenAPI export and the real-cloud plan all pick it up; a nonconforming
// handler fails. No other test names the operations: they read them from the loaded contracts.
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, RunResults } from '../../core/types.ts';
import { createInprocessTarget } from '../../adapters/inprocess.ts';
import { main } from '../../cli/main.ts';
import { checkDraft } from '../../drift/draft-check.ts';
import { createEmulator, type OpHandler, type OpSpec } from '../../emulator/index.ts';
import { generateCases } from '../../generators/index.ts';
import { compareContractToPage } from '../../importer/compare.ts';
import { draftContract } from '../../importer/draft.ts';
import { parsePage } from '../../importer/pages.ts';
import { checkContracts, DEFAULT_CONTRACTS_DIR, loadContracts, pageFileOf, type LoadedContracts } from '../../loader/index.ts';
import { exportOpenApi } from '../../openapi/index.ts';
import { runSuite } from '../../runner/index.ts';
import { describeWidgets, describeWidgetsIgnoringUnknown } from '../fixtures/added-operation/describe-widgets.ts';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/added-operation');
const PAGE = 'aliyun-ecs-2014-05-26-DescribeWidgets.md';
const ID = 'aliyun.ecs.DescribeWidgets';

/** A copy of contracts/ with the made-up operation added where README step 1 puts it. */
function contractsWithWidgets(): string {
  const dir = mkdtempSync(join(tmpdir(), 'added-operation-'));
  cpSync(DEFAULT_CONTRACTS_DIR, dir, { recursive: true });
  const folder = join(dir, 'aliyun', 'ecs', '2014-05-26');
  copyFileSync(join(FIXTURE, 'DescribeWidgets.yaml'), join(folder, 'DescribeWidgets.yaml'));
  copyFileSync(join(FIXTURE, PAGE), join(folder, 'pages', PAGE));
  return dir;
}

let dir: string;
let loaded: LoadedContracts;
let cases: Case[];
const widgetCases = () => cases.filter((c) => c.contract === ID);

beforeAll(() => {
  dir = contractsWithWidgets();
  loaded = loadContracts({ dir });
  cases = generateCases(loaded, { seed: 1, depth: 'standard' });
});

describe('steps 1-2: draft, finish, validate against the page', () => {
  it('the importer drafts the page; the finished contract keeps every drafted parameter and error row', () => {
    const page = parsePage(join(FIXTURE, PAGE));
    const { contract: draft } = draftContract(page);
    expect(checkDraft(draft).map((p) => p.message)).toEqual([]);
    const finished = loaded.byId(ID);
    expect(finished.request.parameters.map((p) => p.name)).toEqual(draft.request.parameters.map((p) => p.name));
    expect(finished.errors.map((e) => `${e.status} ${e.code} @${e.line}`)).toEqual(draft.errors.map((e) => `${e.status} ${e.code} @${e.line}`));
    // ...and adds what only a person can: references, rules, triggers.
    expect(finished.request.parameters.find((p) => p.name === 'SnapshotId')?.refersTo).toBe('snapshot');
    expect(finished.rules.map((r) => r.id)).toEqual(['unknown-snapshot', 'new-snapshot-has-no-widgets']);
  });

  it('the loader accepts it beside the others, its page is found beside it, and it says what the page says', () => {
    expect(checkContracts({ dir }).problems.map(String)).toEqual([]);
    const contract = loaded.byId(ID);
    expect(pageFileOf(contract)).toBe(join(dir, 'aliyun', 'ecs', '2014-05-26', 'pages', PAGE));
    expect(compareContractToPage(contract, parsePage(pageFileOf(contract)!), { profile: loaded.profiles.aliyun })).toEqual([]);
    expect(loaded.contracts.length).toBe(loadContracts().contracts.length + 1);
  });
});

describe('step 3-4: generation, the emulator, the suite', () => {
  it('the generators give it cases in every category its contract implies, each traced to its lines', () => {
    const categories = new Set(widgetCases().map((c) => c.category));
    for (const k of ['positive', 'required', 'type', 'range-length', 'error-table', 'state-rules', 'auth-signing', 'envelope']) expect(categories, k).toContain(k);
    for (const c of widgetCases()) {
      // The contract's line, or the vendor profile's for protocol cases; both in the copied folder.
      expect(c.source.file, c.id).toMatch(/\/aliyun\/(ecs\/2014-05-26\/DescribeWidgets|_protocol)\.yaml$/);
      expect(existsSync(join(dirname(dir), c.source.file)), c.id).toBe(true);
      expect(c.docSource?.file).toMatch(new RegExp(`pages/${PAGE.replace(/\./g, '\\.')}$`));
    }
    expect(widgetCases().some((c) => c.category === 'error-table' && JSON.stringify(c.expect).includes('InvalidSnapshotId.NotFound'))).toBe(true);
    expect(widgetCases().some((c) => c.category === 'range-length' && JSON.stringify(c.expect).includes('InvalidMaxResults.ValueNotSupported'))).toBe(true);
  });

  const runOn = async (handler: OpHandler | OpSpec): Promise<RunResults> => {
    const emu = createEmulator({ contracts: loaded, world: 'demo', snapshotCreationMs: 0, handlers: { 'aliyun.DescribeWidgets': handler } });
    const target = await createInprocessTarget({ handler: emu.handler, loaded });
    return runSuite({ cases, target, loaded, seed: 1, depth: 'standard', concurrency: 8 });
  };

  it('with its handler the emulator serves it, and the whole suite passes, its cases included', async () => {
    const emu = createEmulator({ contracts: loaded, handlers: { 'aliyun.DescribeWidgets': describeWidgets } });
    expect(emu.runtime.engine.served().map((c) => c.id)).toEqual(loaded.contracts.map((c) => c.id));
    const r = await runOn(describeWidgets);
    const bad = r.cases.filter((c) => c.verdict === 'fail' || c.verdict === 'inconclusive').map((c) => `${c.id}: ${c.reason}`);
    expect(bad).toEqual([]);
    const mine = r.cases.filter((c) => c.contract === ID);
    expect(mine.length).toBe(widgetCases().length);
    expect(mine.filter((c) => c.verdict === 'pass').length).toBeGreaterThan(mine.length / 2);
    expect(r.contracts.map((c) => c.id)).toContain(ID);
    // Every triggerable error row is covered.
    expect(r.uncovered.filter((u) => u.contract === ID).map((u) => u.code)).toEqual(['InternalError']);
  });

  it('a handler that ignores an unknown snapshot fails exactly the cases about it', async () => {
    const r = await runOn(describeWidgetsIgnoringUnknown);
    const failed = r.cases.filter((c) => c.verdict === 'fail').map((c) => c.id).sort();
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((id) => id.startsWith(`${ID}/`))).toBe(true);
    expect(failed).toContain(`${ID}/state-rules/unknown-snapshot--unknown-snapshot-id`);
  });

  it('without a handler the emulator answers unknown action, and the suite fails its cases (nothing is silently skipped)', async () => {
    const emu = createEmulator({ contracts: loaded, world: 'demo', snapshotCreationMs: 0 });
    expect(emu.runtime.engine.served().map((c) => c.id)).not.toContain(ID);
    const target = await createInprocessTarget({ handler: emu.handler, loaded });
    const r = await runSuite({ cases: widgetCases().filter((c) => c.category === 'positive'), target, loaded, seed: 1, depth: 'standard' });
    expect(r.cases.every((c) => c.verdict === 'fail')).toBe(true);
  });
});

describe('the rest of the tool picks it up with no other change', () => {
  it('the CLI lists and plans it from --contracts; a real cloud may send its cases under --safety read-only', async () => {
    const io = { cwd: tmpdir(), env: {}, stdout: { write: (s: string) => { out += s; return true; } }, stderr: { write: (s: string) => { err += s; return true; } } };
    let out = '';
    let err = '';
    expect(await main(['list', '--contracts', dir, '--operation', 'DescribeWidgets', '--json'], io), err).toBe(0);
    expect((JSON.parse(out) as { id: string }[]).map((c) => c.id)).toEqual(widgetCases().map((c) => c.id));
    out = '';
    expect(await main(['plan', '--target', 'aliyun', '--contracts', dir, '--safety', 'read-only'], io), err).toBe(0);
    const sent = out.split('\n').filter((l) => /^\[/.test(l) && !l.includes('(skip)'));
    const widget = sent.filter((l) => l.includes(`${ID}/`));
    expect(widget.length).toBe(widgetCases().length);
    expect(widget.every((l) => l.startsWith(`[read-only]   ${ID}/`))).toBe(true);
    // the only other calls a read-only run sends are the vendor's read calls (they change nothing)
    expect(sent.filter((l) => !l.includes(`${ID}/`)).every((l) => /^\[read-only\] +aliyun\.ecs\.Describe/.test(l)), sent.filter((l) => !l.includes(`${ID}/`)).slice(0, 3).join('\n')).toBe(true);
  });

  it('the OpenAPI export has its route', () => {
    const docs = exportOpenApi(loaded);
    expect(JSON.stringify(docs)).toContain('DescribeWidgets');
  });
});

afterAll(() => {
  // The copied contracts are in the OS temp dir; the fixture page is the only page of its name.
  expect(readFileSync(join(FIXTURE, PAGE), 'utf8')).toContain('FICTIONAL');
});
