// Real-cloud safety against the emulator: credentials from the environment (missing -> one line),
// no emulator probe, the guard refuses unlisted ids (never sent, verdict skipped), destructive
// cases skipped by default, the fixtures file validated with file:line, --plan makes no call.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../core/types.ts';
import { createRealCloudTarget, type RealCloudTarget } from '../../adapters/real-cloud.ts';
import { defaultEndpoint } from '../../adapters/credentials-env.ts';
import { parseFixtures } from '../../adapters/fixtures-file.ts';
import { createGuard, idValues, mintedIds } from '../../adapters/guard.ts';
import { main } from '../../cli/main.ts';
import { loadContracts } from '../../loader/index.ts';
import { runCase } from '../../runner/index.ts';
import { CANARY_ENV, captureIo, startCloud, tempDir, type TestCloud } from './helpers.ts';

const loaded = loadContracts();
let cloud: TestCloud;
beforeAll(async () => { cloud = await startCloud({ canary: true }); });
afterAll(async () => { await cloud?.close(); });

const deleteSnapshot = (id: string): Case => ({
  id: `aliyun.ecs.DeleteSnapshot/positive/handmade-${id}`, contract: 'aliyun.ecs.DeleteSnapshot', category: 'positive', title: 'hand-made',
  source: { file: 'test' }, call: { vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation: 'DeleteSnapshot', params: { SnapshotId: id } },
  expect: { kind: 'success' }, destructive: true,
});

describe('credentials and endpoints', () => {
  it('a missing credential is one line naming the variable, exit 2', async () => {
    const { ALIBABA_CLOUD_ACCESS_KEY_SECRET: _, ...env } = CANARY_ENV;
    const io = captureIo(env);
    const code = await main(['run', '--target', 'aliyun', '--endpoint', cloud.url, '--operation', 'DeleteSnapshot', '--reporter', 'json'], io);
    expect(code).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(/^error \[E_CREDENTIALS\] aliyun: ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set/);
    const hw = captureIo({ ...CANARY_ENV, HUAWEICLOUD_SDK_PROJECT_ID: '' });
    expect(await main(['run', '--target', 'huaweicloud', '--endpoint', cloud.url, '--reporter', 'json'], hw)).toBe(2);
    expect(hw.err()).toContain('HUAWEICLOUD_SDK_PROJECT_ID is not set');
  });

  it('public endpoints by region; loopback only when allowed; never plain http to a remote host', async () => {
    expect(defaultEndpoint('aliyun', 'cn-shanghai')).toBe('https://ecs.cn-shanghai.aliyuncs.com');
    expect(defaultEndpoint('huaweicloud', 'cn-north-4')).toBe('https://evs.cn-north-4.myhuaweicloud.com');
    expect(defaultEndpoint('volcengine', 'cn-beijing')).toBe('https://open.volcengineapi.com');
    const env = { ...CANARY_ENV, CONFORMANCE_REAL_CLOUD_LOOPBACK: undefined };
    await expect(createRealCloudTarget('aliyun', { env, endpoint: cloud.url })).rejects.toThrow(/loopback address.*CONFORMANCE_REAL_CLOUD_LOOPBACK=1/);
    await expect(createRealCloudTarget('aliyun', { env, endpoint: 'http://ecs.example.invalid' })).rejects.toThrow(/https only/);
  });

  it('the real-cloud target never probes the emulator control API', async () => {
    const before = cloud.log.filter((l) => l.includes('control')).length;
    const t = await createRealCloudTarget('aliyun', { env: CANARY_ENV, endpoint: cloud.url });
    expect(t.capabilities.realCloud).toBe(true);
    expect(t.capabilities.fixtures).toBe(true); // the caller's own project and region, even without a fixtures file
    const r = await t.send({ vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation: 'DeleteSnapshot', params: { SnapshotId: 's-doesnotexist0000' } });
    expect(r).toMatchObject({ outcome: 'refused', message: expect.stringMatching(/not in the fixtures file/) }); // not minted for this target: refused, not sent
    t.guard.allowMinted(['s-doesnotexist0000']);
    const r2 = await t.send({ vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation: 'DeleteSnapshot', params: { SnapshotId: 's-doesnotexist0000' } });
    expect(r2.status).toBe(404);
    await t.close?.();
    expect(cloud.log.filter((l) => l.includes('control'))).toHaveLength(before);
  });
});

describe('the guard', () => {
  it('finds resource ids in params, lists and raw pairs, not regions or tokens', () => {
    expect(idValues({ InstanceId: 'i-1', RegionId: 'cn', ClientToken: 't', ExcludeDiskId: ['d-1', 'd-2'], snapshot_id: 'u' }, [['SnapshotId', 's-9']]))
      .toEqual([['InstanceId', 'i-1'], ['ExcludeDiskId', 'd-1'], ['ExcludeDiskId', 'd-2'], ['snapshot_id', 'u'], ['SnapshotId', 's-9']]);
    const g = createGuard({ listed: () => new Set(['s-listed']), deletable: (_v, id) => id === 's-deletable', caller: () => new Set() });
    const call = (op: string, id: string) => ({ vendor: 'aliyun' as const, service: 'ecs', version: 'v', operation: op, params: { SnapshotId: id } });
    expect(g.check(call('DeleteSnapshot', 's-other'))).toMatch(/not in the fixtures file/);
    expect(g.check(call('DeleteSnapshot', 's-listed'))).toMatch(/not marked deletable/);
    expect(g.check(call('CreateSnapshotGroup', 's-listed'))).toBeUndefined();
    g.created.add('s-mine');
    expect(g.check(call('DeleteSnapshot', 's-mine'))).toBeUndefined();
    g.stop('interrupted');
    expect(g.check(call('CreateSnapshotGroup', 's-listed'))).toBe('interrupted');
  });

  it('refuses an existing resource the fixtures file does not list: skipped with the reason, never sent, still there', async () => {
    const fixtures = join(tempDir(), 'conformance.fixtures.yaml');
    const deletable = cloud.create('aliyun', 'snapshot', { regionId: 'cn-hangzhou', status: 'accomplished' });
    const kept = cloud.create('aliyun', 'snapshot', { regionId: 'cn-hangzhou', status: 'accomplished' });
    writeFileSync(fixtures, `version: 1\naliyun:\n  resources:\n    - { id: ${deletable}, kind: snapshot, deletable: true }\n    - { id: ${kept}, kind: snapshot }\n`);
    const t = await createRealCloudTarget('aliyun', { env: CANARY_ENV, endpoint: cloud.url, fixturesFile: fixtures, rate: 0 }) as RealCloudTarget;
    const sent = () => cloud.requests.filter((r) => r.startsWith('POST')).length;
    const before = sent();
    const opts = { loaded, allowDestructive: true, retries: 0 };
    const unlisted = await runCase(deleteSnapshot('s-demoplain00000000001'), t, opts);
    expect(unlisted.verdict).toBe('skipped');
    expect(unlisted.reason).toMatch(/refused by the real-cloud guard: DeleteSnapshot SnapshotId=s-demoplain00000000001: not in the fixtures file/);
    const notDeletable = await runCase(deleteSnapshot(kept), t, opts);
    expect(notDeletable.verdict).toBe('skipped');
    expect(notDeletable.reason).toMatch(/not marked deletable/);
    expect(sent()).toBe(before); // neither was sent
    expect(cloud.exists('aliyun', 'snapshot', 's-demoplain00000000001')).toBe(true);
    expect(cloud.exists('aliyun', 'snapshot', kept)).toBe(true);
    const ok = await runCase(deleteSnapshot(deletable), t, opts);
    expect(ok.verdict).toBe('pass');
    expect(sent()).toBe(before + 1);
    expect(cloud.exists('aliyun', 'snapshot', deletable)).toBe(false);
    await t.close?.();
  });

  it('minted ids are the generator\'s literal ids, never fixture references', () => {
    const ids = mintedIds([{ call: { vendor: 'aliyun', service: 's', version: 'v', operation: 'DeleteSnapshot', params: { SnapshotId: '$snap.id', InstanceId: 'i-minted' } } }]);
    expect([...ids]).toEqual(['i-minted']);
  });
});

describe('safe by default', () => {
  it('without --allow-destructive only cases that cannot change anything are sent; the rest are skipped', async () => {
    const io = captureIo(CANARY_ENV);
    const out = join(io.cwd, 'out');
    const code = await main(['run', '--target', 'volcengine', '--endpoint', cloud.url, '--reporter', 'json', '--out', out, '--rate', '0', '--allow-skips'], io); // (the read calls' filter cases need fixtures no fixtures file gives here)
    expect(code, io.err()).toBe(0);
    const results = JSON.parse((await import('node:fs')).readFileSync(join(out, 'results.json'), 'utf8'));
    const cases = results.cases as { id: string; verdict: string; reason?: string }[];
    expect(cases.every((c) => c.id.startsWith('volcengine.'))).toBe(true);
    const skipped = cases.filter((c) => c.verdict === 'skipped');
    expect(skipped.length).toBeGreaterThan(10);
    // Destructive cases: skipped for safety (or, needing fixtures, because no fixtures file was given).
    expect(skipped.map((c) => c.reason).filter((r) => !/^real-cloud safety negative: .*; needs --safety destructive|the fixtures file lists no/.test(r ?? ''))).toEqual([]);
    expect(skipped.some((c) => /^real-cloud safety negative: DeleteInstances changes state and the case accepts success; needs --safety destructive \(or --allow-destructive\)$/.test(c.reason ?? ''))).toBe(true);
    expect(cases.filter((c) => c.verdict === 'pass').length).toBeGreaterThan(10);
  });

  it('--plan lists every call, destructive ones marked, and makes none', async () => {
    const io = captureIo(CANARY_ENV);
    const before = cloud.requests.length;
    const code = await main(['run', '--plan', '--target', 'aliyun', '--endpoint', cloud.url, '--operation', 'DeleteSnapshot'], io);
    expect(code).toBe(0);
    expect(cloud.requests.length).toBe(before);
    expect(io.out()).toMatch(/plan for aliyun \(real cloud, region cn-hangzhou, http:\/\/127\.0\.0\.1:\d+; credentials: set\): \d+ cases/);
    expect(io.out()).toMatch(/\[DESTRUCTIVE\] aliyun\.ecs\.DeleteSnapshot\/positive\/\S+ +\(skip\)/);
    expect(io.out()).toMatch(/\[negative\] +aliyun\.ecs\.DeleteSnapshot\/required\/SnapshotId-missing/);
    expect(io.out()).toContain('no call was made');
    const plan = captureIo({});
    expect(await main(['plan', '--target', 'huaweicloud', '--depth', 'smoke'], plan)).toBe(0);
    expect(plan.out()).toContain('credentials: MISSING HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID');
  });
});

describe('conformance.fixtures.yaml', () => {
  it('is validated with ajv; every problem at its file:line', () => {
    const text = [
      'version: 1',
      'aliyun:',
      '  resources:',
      '    - id: i-ok000000000001',
      '      kind: instance',
      '    - id: s-two',
      '      kind: snapshot',
      '      deletable: "yes"',
      '    - kind: disk',
      '      colour: red',
      'volcano: {}',
    ].join('\n');
    let err: Error | undefined;
    try { parseFixtures(text, 'f.yaml'); } catch (e) { err = e as Error; }
    expect(err?.message.split('\n')).toEqual(expect.arrayContaining([
      'f.yaml:11: (top level): unknown key "volcano"',
      'f.yaml:8: aliyun.resources.1.deletable: must be boolean',
      'f.yaml:9: aliyun.resources.2: missing "id"',
      'f.yaml:10: aliyun.resources.2: unknown key "colour"',
    ]));
    expect(() => parseFixtures('aliyun:\n  resources:\n    - { id: a-1, kind: disk }\n    - { id: a-1, kind: disk }\n', 'g.yaml')).toThrow('g.yaml:4: aliyun.resources.1.id: "a-1" is listed twice');
    expect(() => parseFixtures('aliyun: [', 'h.yaml')).toThrow(/^h\.yaml:1: invalid YAML/);
  });
});
