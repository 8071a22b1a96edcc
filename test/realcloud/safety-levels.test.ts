// `--safety read-only | negative | destructive` (runner/safety.ts) as data over the generated cases
// and over the plan: every call is marked with the level it needs, each level sends exactly what it
// allows, a negative run changes nothing in the world and names only the caller's own Huawei
// project, and `--budget` spends first on one case per operation, then one error-table case each.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, Contract, RunResults } from '../../core/types.ts';
import { alternativesOf } from '../../core/expectations.ts';
import { budgetCases } from '../../cli/budget.ts';
import { main } from '../../cli/main.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts, type LoadedContracts } from '../../loader/index.ts';
import { classifyCase, isStateChangingAction, permits, SAFETY_LEVELS, type SafetyLevel } from '../../runner/safety.ts';
import { CANARY, CANARY_ENV, captureIo, startCloud, type TestCloud } from './helpers.ts';

const PROFILES = ['current', 'page'] as const;
const loadedUnder = Object.fromEntries(PROFILES.map((p) => [p, loadContracts({ expect: p })])) as Record<(typeof PROFILES)[number], LoadedContracts>;
const casesUnder = Object.fromEntries(PROFILES.map((p) => [p, generateCases(loadedUnder[p], { seed: 1, depth: 'standard' })])) as Record<(typeof PROFILES)[number], Case[]>;
const loaded = loadedUnder.current;
const cases = casesUnder.current;
const levelOf = (c: Case, l: LoadedContracts = loaded) => classifyCase(c, l.byId(c.contract)).level;
const VENDOR_TARGETS = [...new Set(loaded.contracts.map((c) => c.vendor))].flatMap((v) => ['--target', v]);
const CONTEXT_KINDS = new Set(['project', 'region']);

describe('classification: every answer a case accepts', () => {
  it.each(PROFILES)('under %s: read-only iff the action reads; success accepted -> destructive; negative names only minted ids', (profile) => {
    const l = loadedUnder[profile];
    for (const c of casesUnder[profile]) {
      const level = levelOf(c, l);
      const contract = l.byId(c.contract);
      expect(level === 'read-only', c.id).toBe(!isStateChangingAction(c.call.operation, contract));
      const answers = [...alternativesOf(c.expect), ...(c.then ? alternativesOf(c.then.expect) : [])];
      if (level === 'read-only') continue;
      if (answers.some((a) => a.kind === 'success') || c.tweak?.auth === 'reused-nonce') expect(level, c.id).toBe('destructive');
      if (level === 'negative') {
        expect(answers.every((a) => a.kind === 'error'), c.id).toBe(true);
        expect((c.setup ?? []).filter((f) => !CONTEXT_KINDS.has(f.kind)), c.id).toEqual([]);
      }
    }
  });

  it.each([
    // [case id (current profile), level, why]
    ['aliyun.ecs.DeleteSnapshot/required/SnapshotId-missing', 'negative', 'only MissingParameter is accepted, no resource is named'],
    ['aliyun.ecs.DeleteSnapshot/positive/doc-example', 'destructive', 'a delete that succeeds'],
    ['aliyun.ecs.DeleteSnapshot/error-table/InvalidSnapshotId.NotFound', 'destructive', 'the page says an unknown id is ignored (line 9): success is accepted'],
    ['aliyun.ecs.CreateSnapshotGroup/positive/instant-access-retention-days--invalid-ignored-when-off', 'destructive', 'the generator flagged it non-destructive, yet it expects success'],
    ['aliyun.ecs.DeleteSnapshot/auth-signing/reused-nonce', 'destructive', 'the priming call is a valid request'],
    ['huaweicloud.evs.DeleteSnapshot/error-table/EVS.5404', 'negative', 'a made-up snapshot in the caller\'s own project: only 404 is accepted'],
    ['volcengine.ecs.DeleteInstances/auth-signing/unsigned', 'negative', 'rejected before the vendor acts'],
  ] as [string, SafetyLevel, string][])('%s is %s (%s)', (id, level) => {
    const c = cases.find((x) => x.id === id);
    expect(c, id).toBeDefined();
    expect(levelOf(c!)).toBe(level);
  });

  it('a negative case that a profile lets succeed becomes destructive; read actions are read-only by verb or REST method', () => {
    const neg = cases.find((c) => levelOf(c) === 'negative' && c.category === 'required')!;
    expect(classifyCase({ ...neg, expect: { note: 'a profile allows success', alternatives: [...alternativesOf(neg.expect), { kind: 'success' }] } }, loaded.byId(neg.contract)).level).toBe('destructive');
    const call = (operation: string) => ({ ...neg.call, operation });
    expect(classifyCase({ ...neg, call: call('DescribeSnapshots'), expect: { kind: 'success' } }).level).toBe('read-only');
    expect(classifyCase({ ...neg, call: call('FrobnicateDisks') }).level).toBe('negative'); // an unknown verb changes state
    const rest = (method: string) => ({ http: { method, path: '/v2/{project_id}/x' } }) as Pick<Contract, 'http'>;
    expect(isStateChangingAction('DeleteSnapshot', rest('DELETE'))).toBe(true);
    expect(isStateChangingAction('ShowSnapshot', rest('POST'))).toBe(true); // the method decides for REST
    expect(isStateChangingAction('Anything', rest('GET'))).toBe(false);
  });
});

interface PlanEntry { level: SafetyLevel; id: string; skipped: boolean; call: string }
const TAGS: Record<string, SafetyLevel> = { '[read-only]': 'read-only', '[negative]': 'negative', '[DESTRUCTIVE]': 'destructive' };

function parsePlan(text: string): PlanEntry[] {
  const lines = text.split('\n');
  const out: PlanEntry[] = [];
  lines.forEach((line, i) => {
    const m = /^(\[read-only\]|\[negative\]|\[DESTRUCTIVE\]) +(\S+)(.*)$/.exec(line);
    if (m) out.push({ level: TAGS[m[1]!]!, id: m[2]!, skipped: m[3]!.includes('(skip)'), call: lines[i + 1]!.trim() });
  });
  return out;
}

async function plan(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({});
  const code = await main(['plan', ...VENDOR_TARGETS, ...args], io);
  return { code, out: io.out(), err: io.err() };
}

/** A read call's case (it changes nothing: every safety level sends it). */
const READ_CALL = /^[a-z]+\.[a-z]+\.(Describe\w+|ShowSnapshot|ListSnapshots)\//;

describe('the plan marks each call with its level; each level sends what it allows', () => {
  it.each(SAFETY_LEVELS)('--safety %s', async (level) => {
    const { code, out } = await plan(['--safety', level]);
    expect(code).toBe(0);
    const entries = parsePlan(out);
    expect(entries.map((e) => e.id).sort()).toEqual(cases.map((c) => c.id).sort());
    for (const e of entries) {
      expect(e.level, e.id).toBe(levelOf(cases.find((c) => c.id === e.id)!));
      expect(e.skipped, `${e.id} (${e.level}) under ${level}`).toBe(!permits(level, e.level));
    }
    const sent = entries.filter((e) => !e.skipped);
    // every seed operation changes state: read-only sends the read calls alone
    if (level === 'read-only') expect(sent.filter((e) => !READ_CALL.test(e.id))).toEqual([]);
    if (level === 'read-only') expect(sent.length).toBeGreaterThan(0);
    if (level === 'negative') expect(new Set(sent.map((e) => e.level))).toEqual(new Set(['negative', 'read-only']));
    if (level === 'destructive') expect(sent).toHaveLength(entries.length);
    expect(out).toContain(`--safety ${level}`);
    // A Huawei call names the caller's own project (or none), never the page's example project.
    for (const e of sent.filter((x) => x.id.startsWith('huaweicloud.'))) {
      expect(e.call, e.id).toMatch(/ project_id=(?:'\{own project\}'|''|'\$\w+\.id')( |$)/);
    }
  });

  it('--allow-destructive plans exactly as --safety destructive; contradicting it is one error', async () => {
    const a = await plan(['--allow-destructive']);
    const b = await plan(['--safety', 'destructive']);
    expect(a.out).toBe(b.out);
    const bad = await plan(['--allow-destructive', '--safety', 'read-only']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--allow-destructive means --safety destructive: it contradicts safety read-only/);
    const unknown = await plan(['--safety', 'reckless']);
    expect(unknown.code).toBe(2);
  });
});

describe('against the emulator as a real cloud', () => {
  let cloud: TestCloud;
  beforeAll(async () => { cloud = await startCloud({ canary: true }); });
  afterAll(async () => { await cloud?.close(); });

  const run = async (level: SafetyLevel) => {
    const io = captureIo(CANARY_ENV);
    const before = cloud.requests.length;
    // --allow-skips: the read calls' filter and paging cases need fixtures the canary's fixtures file does not hold (skipped, each saying so)
    const code = await main(['run', ...VENDOR_TARGETS, '--endpoint', cloud.url, '--safety', level, '--reporter', 'json', '--out', 'o', '--rate', '0', '--allow-skips'], io);
    const results = JSON.parse(readFileSync(join(io.cwd, 'o', 'results.json'), 'utf8')) as RunResults | RunResults[];
    return { code, err: io.err(), requests: cloud.requests.slice(before), results };
  };

  it('read-only sends nothing to a state-changing action; every case says why', async () => {
    const world = JSON.stringify(cloud.emulator.state.dump());
    const r = await run('read-only');
    // the read calls are sent (fixtures from the fixtures file), and the world is unchanged after them
    expect(JSON.stringify(cloud.emulator.state.dump())).toBe(world);
    const all = [r.results].flat().flatMap((x) => x.cases);
    expect(all.length).toBeGreaterThan(0);
    expect(all.some((c) => READ_CALL.test(c.id) && c.verdict !== 'skipped')).toBe(true);
    for (const c of all.filter((x) => !READ_CALL.test(x.id))) {
      expect(c.verdict, c.id).toBe('skipped');
      expect(c.reason, c.id).toMatch(/^real-cloud safety read-only: \w+ changes state.*; needs --safety (negative|destructive)/);
    }
  });

  it('negative sends only negative cases, changes nothing in the world, and names only the caller\'s own project', async () => {
    const world = JSON.stringify(cloud.emulator.state.dump());
    const r = await run('negative');
    expect(r.code, r.err).toBe(0);
    expect(r.requests.length).toBeGreaterThan(50);
    expect(JSON.stringify(cloud.emulator.state.dump())).toBe(world);
    const all = [r.results].flat().flatMap((x) => x.cases);
    for (const c of all) {
      const level = levelOf(cases.find((x) => x.id === c.id)!);
      if (!permits('negative', level)) expect(c.verdict, c.id).toBe('skipped');
      else if (level === 'negative') expect(c.verdict, `${c.id}: ${c.reason}`).not.toBe('skipped');
    }
    const huawei = r.requests.filter((q) => q.includes('/cloudsnapshots/'));
    expect(huawei.length).toBeGreaterThan(0);
    for (const q of huawei) expect(q).toMatch(new RegExp(`^\\w+ /v2/(?:${CANARY.huaweicloud.projectId})?/cloudsnapshots/`));
  });
});

describe('--budget spends first on one case per operation, then one error-table case each', () => {
  const skipAbove = (level: SafetyLevel) => (c: Case) => !permits(level, levelOf(c));

  it.each(SAFETY_LEVELS)('--safety %s, --budget 40', (level) => {
    const r = budgetCases(cases, 40, { willSkip: skipAbove(level) });
    expect(r.calls).toBeLessThanOrEqual(40);
    const sent = r.cases.filter((c) => permits(level, levelOf(c)));
    for (const k of loaded.contracts) {
      const allowed = cases.filter((c) => c.contract === k.id && permits(level, levelOf(c)));
      const mine = sent.filter((c) => c.contract === k.id);
      // One case for every operation the level lets send anything, positive where a positive case is allowed.
      expect(mine.length > 0, `${k.id} under ${level}`).toBe(allowed.length > 0);
      expect(mine.some((c) => c.category === 'positive'), `${k.id} positive under ${level}`).toBe(allowed.some((c) => c.category === 'positive'));
      expect(mine.some((c) => c.category === 'error-table'), `${k.id} error-table under ${level}`).toBe(allowed.some((c) => c.category === 'error-table'));
      expect(r.firsts[k.id]?.first !== undefined).toBe(allowed.length > 0);
    }
  });

  it('the CLI says so, and the plan of a budgeted destructive run has a positive call for every operation', async () => {
    const { code, out, err } = await plan(['--safety', 'destructive', '--budget', '40']);
    expect(code).toBe(0);
    const withErrorTable = loaded.contracts.filter((k) => cases.some((c) => c.contract === k.id && c.category === 'error-table')).length;
    expect(err).toContain(`first ${loaded.contracts.length} operation(s) one case each, ${withErrorTable} an error-table case`);
    const entries = parsePlan(out);
    for (const k of loaded.contracts) expect(entries.some((e) => e.id.startsWith(`${k.id}/positive/`) && !e.skipped), k.id).toBe(true);
  });
});
