// Everything a real-cloud run creates is journaled before it is created and deleted at the end;
// an interrupted run is finished by `conformance cleanup <journal>`; Ctrl-C (SIGINT) cleans up.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRealCloudTarget } from '../../adapters/real-cloud.ts';
import { readJournal } from '../../adapters/journal.ts';
import { main } from '../../cli/main.ts';
import type { Case } from '../../core/types.ts';
import { loadContracts } from '../../loader/index.ts';
import { runCase } from '../../runner/index.ts';
import { CANARY_ENV, captureIo, startCloud, tempDir, type TestCloud } from './helpers.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let cloud: TestCloud;
beforeAll(async () => { cloud = await startCloud({ canary: true }); });
afterAll(async () => { await cloud?.close(); });

function fixturesFor(dir: string): { file: string; inst: string } {
  const inst = cloud.create('aliyun', 'instance', { regionId: 'cn-hangzhou', status: 'Stopped' });
  const disk = cloud.create('aliyun', 'disk', { instanceId: inst, category: 'cloud_essd', status: 'In_use', sizeGiB: 40 });
  const file = join(dir, 'conformance.fixtures.yaml');
  writeFileSync(file, `aliyun:\n  resources:\n    - { id: ${inst}, kind: instance, fields: { regionId: cn-hangzhou, status: Stopped } }\n`
    + `    - { id: ${disk}, kind: disk, fields: { instanceId: ${inst}, category: cloud_essd, status: In_use, sizeGiB: 40 } }\n`);
  return { file, inst };
}

const groups = () => ((cloud.emulator.state.dump() as { aliyun?: { snapshotGroup?: { id: string }[] } }).aliyun?.snapshotGroup ?? []).map((g) => g.id);
const groupExists = (id: string) => cloud.exists('aliyun', 'snapshotGroup', id);
const create = (inst: string) => ({ vendor: 'aliyun' as const, service: 'ecs', version: '2014-05-26', operation: 'CreateSnapshotGroup', params: { RegionId: 'cn-hangzhou', InstanceId: inst } });

describe('journal and cleanup', () => {
  it('journals a creation before it is sent; `conformance cleanup` deletes what an interrupted run left', async () => {
    const dir = tempDir();
    const { file, inst } = fixturesFor(dir);
    const journal = join(dir, 'j.jsonl');
    const t = await createRealCloudTarget('aliyun', { env: CANARY_ENV, endpoint: cloud.url, fixturesFile: file, journal, rate: 0 });
    // Journaled before sending: with the emulator refusing the call, the intent is there and resolved as no-create.
    const first = await t.send({ ...create(inst), params: { RegionId: 'cn-hangzhou', InstanceId: inst, Name: 'x'.repeat(200) } });
    expect(first.error?.code).toBeDefined();
    const made = await t.send(create(inst));
    const id = (made.body as { SnapshotGroupId: string }).SnapshotGroupId;
    expect(groupExists(id)).toBe(true);
    let state = readJournal(journal);
    expect(state.entries.map((e) => e.t)).toEqual(['run', 'intent', 'no-create', 'intent', 'created']);
    expect(state.pending.map((e) => e.id)).toEqual([id]);
    // The run is "killed" here: no close(), no cleanup.
    const io = captureIo(CANARY_ENV, dir);
    expect(await main(['cleanup', 'j.jsonl', '--rate', '0'], io), io.err()).toBe(0);
    expect(io.out()).toContain(`cleanup: deleted aliyun snapshotGroup ${id}`);
    expect(groupExists(id)).toBe(false);
    state = readJournal(journal);
    expect(state.pending).toEqual([]);
    const again = captureIo(CANARY_ENV, dir);
    expect(await main(['cleanup', 'j.jsonl'], again)).toBe(0);
    expect(again.out()).toContain('nothing left to clean up');
  });

  it('run by the runner, each intent names its case (the target is case-aware)', async () => {
    const dir = tempDir();
    const { file, inst } = fixturesFor(dir);
    const journal = join(dir, 'j.jsonl');
    const t = await createRealCloudTarget('aliyun', { env: CANARY_ENV, endpoint: cloud.url, fixturesFile: file, journal, rate: 0 });
    expect(t.caseAware).toBe(true);
    const c: Case = {
      id: 'aliyun.ecs.CreateSnapshotGroup/positive/handmade', contract: 'aliyun.ecs.CreateSnapshotGroup', category: 'positive', title: 'hand-made',
      source: { file: 'test' }, call: create(inst), expect: { kind: 'success' }, destructive: false,
    };
    // A create that may succeed is destructive whatever the case's own flag says (runner/safety.ts).
    expect((await runCase(c, t, { loaded: loadContracts(), retries: 0 })).reason).toMatch(/^real-cloud safety negative: CreateSnapshotGroup changes state and the case accepts success/);
    const r = await runCase(c, t, { loaded: loadContracts(), retries: 0, safety: 'destructive' });
    expect(r.verdict, r.reason).toMatch(/^pass/);
    expect(readJournal(journal).entries.filter((e) => e.t === 'intent').map((e) => (e as { caseId?: string }).caseId)).toEqual([c.id]);
    await t.close?.();
  });

  it('close() deletes what the run created; an intent that never got an answer is reported, exit 1', async () => {
    const dir = tempDir();
    const { file, inst } = fixturesFor(dir);
    const journal = join(dir, 'k.jsonl');
    const logs: string[] = [];
    const t = await createRealCloudTarget('aliyun', { env: CANARY_ENV, endpoint: cloud.url, fixturesFile: file, journal, rate: 0, timeoutMs: 300, log: (l) => logs.push(l) });
    const id = ((await t.send(create(inst))).body as { SnapshotGroupId: string }).SnapshotGroupId;
    cloud.emulator.runtime.faults.add({ kinds: ['drop'], rate: 1, latencyMs: 0, count: 1, match: { vendor: 'aliyun' } });
    const dropped = await t.send(create(inst));
    expect(dropped).toMatchObject({ outcome: 'transport-error', kind: 'connection' });
    await t.close?.();
    expect(groupExists(id)).toBe(false);
    expect(logs).toEqual(expect.arrayContaining([`cleanup: deleted aliyun snapshotGroup ${id}`, expect.stringMatching(/^cleanup: unresolved aliyun CreateSnapshotGroup at .*no answer named what it created/)]));
    const io = captureIo(CANARY_ENV, dir);
    expect(await main(['cleanup', 'k.jsonl'], io)).toBe(1);
    expect(io.out()).toMatch(/unresolved aliyun CreateSnapshotGroup/);
  });

  it('Ctrl-C mid-run: no further calls, what was created is deleted, exit 130', { timeout: 20_000 }, async () => {
    const dir = tempDir();
    const { file } = fixturesFor(dir);
    const journal = join(dir, 'sigint.jsonl');
    const before = new Set(groups());
    const child = spawn(process.execPath, [join(ROOT, 'bin/conformance.js'), 'run', '--target', 'aliyun', '--endpoint', cloud.url,
      '--allow-destructive', '--fixtures', file, '--journal', journal, '--operation', 'CreateSnapshotGroup', '--category', 'positive',
      '--category', 'enum', '--category', 'range-length', '--rate', '3', '--concurrency', '1', '--reporter', 'json', '--out', join(dir, 'out')],
    { cwd: dir, env: { ...process.env, ...CANARY_ENV, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    // Wait until the run has created something, then interrupt it.
    const t0 = Date.now();
    while (!(existsSync(journal) && readFileSync(journal, 'utf8').includes('"t":"created"'))) {
      if (Date.now() - t0 > 15_000) { child.kill('SIGKILL'); throw new Error(`nothing created in time: ${err}`); }
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    expect(await exited, err).toBe(130);
    const state = readJournal(journal);
    const created = state.entries.filter((e) => e.t === 'created');
    expect(created.length).toBeGreaterThan(0);
    expect(state.pending, err).toEqual([]);
    expect(groups().filter((g) => !before.has(g))).toEqual([]);
    for (const c of created) expect(groupExists((c as { id: string }).id)).toBe(false);
    expect(err).toContain('interrupted: no further calls');
    // The partial results are written, marked interrupted, after the cleanup.
    const partial = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')) as { interrupted?: boolean; cases: unknown[] };
    expect(partial.interrupted).toBe(true);
    expect(partial.cases.length).toBeGreaterThan(0);
  });
});

describe('reading a journal', () => {
  const RUN = JSON.stringify({ t: 'run', runId: 'r1', vendor: 'aliyun', endpoint: 'http://x', region: 'cn-hangzhou', startedAt: '2026-01-01T00:00:00Z' });
  const CREATED = JSON.stringify({ t: 'created', seq: 1, vendor: 'aliyun', kind: 'snapshotGroup', id: 'ssg-1', at: '2026-01-01T00:00:01Z' });
  it('keeps every entry and tolerates a torn last line (killed mid-write)', () => {
    const file = join(tempDir(), 'j.jsonl');
    writeFileSync(file, `${RUN}\n${CREATED}\n{"t":"deleted","vend`);
    expect(readJournal(file).pending.map((e) => e.id)).toEqual(['ssg-1']);
  });
  it('a JSON line that is no journal entry is an error naming its line, not an entry', () => {
    const file = join(tempDir(), 'j.jsonl');
    for (const wrong of ['{"t":"created","seq":"1","vendor":"aliyun","kind":"k","id":"i","at":"a"}', '{"t":"deleted","vendor":"nowhere","kind":"k","id":"i","at":"a"}', '[1,2]']) {
      writeFileSync(file, `${RUN}\n${wrong}\n${CREATED}\n`);
      expect(() => readJournal(file)).toThrow(/j\.jsonl:2: not a journal entry/);
    }
  });
});
