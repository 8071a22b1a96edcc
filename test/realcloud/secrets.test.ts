// Secrets never leave: a full run of the three real-cloud targets (pointed at the emulator, which
// is configured with canary credentials) with every reporter, --record and --allow-destructive
// (so creating calls are journaled and cleaned up), then every output file, the cassettes, the
// journal, stdout and stderr are searched for the canary secrets, access key ids, the security
// token, the Huawei project id, and every signature and Authorization value the emulator received.
// The same search covers the wire exchanges failing cases carry (terminal --verbose, results.json,
// report.html, annotations) and `conformance replay`, which prints a whole exchange.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { createRedactor } from '../../adapters/credentials-env.ts';
import { CANARY, CANARY_ENV, captureIo, startCloud, type TestCloud } from './helpers.ts';

let cloud: TestCloud;
beforeAll(async () => { cloud = await startCloud({ canary: true }); });
afterAll(async () => { await cloud?.close(); });

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('secrets in a real-cloud run', () => {
  it('the redactor masks secrets, ids, tokens, the project id and signatures', () => {
    const r = createRedactor([CANARY.aliyun, CANARY.huaweicloud]);
    const s = r.text(`x ${CANARY.aliyun.accessKeySecret} ${CANARY.aliyun.accessKeyId} /v2/${CANARY.huaweicloud.projectId}/x authorization: ACS3-HMAC-SHA256 Credential=a,Signature=abcdef0123456789abcdef\nGET /?A=1&Signature=zz%2B`);
    expect(s).toBe('x *** <access-key-id> /v2/{project_id}/x authorization: <signature>\nGET /?A=1&Signature=<signature>');
  });

  it('never show up in terminal output, reports, cassettes, journals or errors', { timeout: 25_000 }, async () => {
    const io = captureIo(CANARY_ENV);
    // Pre-provisioned resources, as a user would list them: an instance with a disk (CreateSnapshotGroup),
    // snapshots that may be deleted, a Volcengine instance and a Huawei snapshot that may be deleted.
    const inst = cloud.create('aliyun', 'instance', { regionId: 'cn-hangzhou', status: 'Stopped' });
    const disk = cloud.create('aliyun', 'disk', { instanceId: inst, category: 'cloud_essd', status: 'In_use', sizeGiB: 40 });
    const snap = cloud.create('aliyun', 'snapshot', { regionId: 'cn-hangzhou', status: 'accomplished' });
    const vm = cloud.create('volcengine', 'instance', { region: 'cn-beijing', status: 'RUNNING', billing: 'PostPaid' });
    const hs = cloud.create('huaweicloud', 'snapshot', { projectId: CANARY.huaweicloud.projectId, name: 'snap-01', status: 'available' });
    writeFileSync(join(io.cwd, 'conformance.fixtures.yaml'), [
      'version: 1',
      'aliyun:',
      '  resources:',
      `    - { id: ${inst}, kind: instance, fields: { regionId: cn-hangzhou, status: Stopped } }`,
      `    - { id: ${disk}, kind: disk, fields: { instanceId: ${inst}, category: cloud_essd, status: In_use, sizeGiB: 40 } }`,
      `    - { id: ${snap}, kind: snapshot, fields: { regionId: cn-hangzhou, status: accomplished }, deletable: true }`,
      'volcengine:',
      '  resources:',
      `    - { id: ${vm}, kind: instance, fields: { region: cn-beijing, status: RUNNING, billing: PostPaid }, deletable: true }`,
      'huaweicloud:',
      '  resources:',
      `    - { id: ${hs}, kind: snapshot, fields: { name: snap-01, status: available }, deletable: true }`,
    ].join('\n'));
    const code = await main([
      'run', '--target', 'aliyun', '--target', 'volcengine', '--target', 'huaweicloud', '--endpoint', cloud.url,
      '--allow-destructive', '--rate', '0', '--record', 'cassettes', '--out', 'out',
      '--reporter', 'terminal,json,markdown,html,junit,triage',
    ], io);
    expect([0, 1, 3], io.err()).toContain(code);

    // The run did something worth searching: cases passed, snapshot groups were created, journaled, deleted.
    const results = JSON.parse(readFileSync(join(io.cwd, 'out', 'results.json'), 'utf8'));
    expect(results.cases?.length ?? results.length).toBeGreaterThan(0);
    const journals = files(join(io.cwd, 'out')).filter((f) => f.endsWith('.jsonl'));
    expect(journals.length).toBeGreaterThan(0);
    const journal = readFileSync(journals[0]!, 'utf8');
    expect(journal).toMatch(/"t":"created".*"kind":"snapshotGroup"/);
    expect(journal).toMatch(/"t":"deleted".*"kind":"snapshotGroup"/);
    expect(io.err()).toMatch(/cleanup: deleted aliyun snapshotGroup ssg-/);
    expect(cloud.signatures.size).toBeGreaterThan(100);
    const cassettes = files(join(io.cwd, 'cassettes'));
    expect(cassettes.map((f) => f.split('/').pop()).sort()).toEqual(['aliyun.json', 'huaweicloud.json', 'volcengine.json']);
    expect(readFileSync(join(io.cwd, 'cassettes', 'huaweicloud.json'), 'utf8')).toContain('/v2/{project_id}/cloudsnapshots/');

    const needles = new Map<string, string>();
    for (const [vendor, c] of Object.entries(CANARY)) {
      needles.set(`${vendor} secret`, c.accessKeySecret);
      // The access key id is not a secret, but it names the account's key: kept out of every artefact too.
      needles.set(`${vendor} access key id`, c.accessKeyId);
      if (c.securityToken) needles.set(`${vendor} security token`, c.securityToken);
      if (c.projectId) needles.set(`${vendor} project id`, c.projectId);
    }
    let i = 0;
    for (const s of cloud.signatures) needles.set(`signature #${i++}`, s);
    const haystacks: [string, string][] = [
      ['stdout', io.out()], ['stderr', io.err()],
      ...files(io.cwd).filter((f) => !f.endsWith('conformance.fixtures.yaml')).map((f) => [f.slice(io.cwd.length + 1), readFileSync(f, 'utf8')] as [string, string]),
    ];
    expect(haystacks.length).toBeGreaterThan(10);
    const leaks: string[] = [];
    for (const [where, text] of haystacks) for (const [what, value] of needles) if (text.includes(value)) leaks.push(`${what} in ${where}`);
    expect(leaks).toEqual([]);
  });

  it('nor in the wire exchanges of failing cases (terminal --verbose, every report) or a replay', { timeout: 40_000 }, async () => {
    // A cloud with deviations in every vendor, so every vendor has failing cases that carry their exchange.
    const odd = await startCloud({ canary: true, mutants: ['aliyun.DeleteSnapshot.request-id-missing', 'volcengine.request-id-missing', 'huaweicloud.request-id-missing'] });
    try {
      const io = captureIo(CANARY_ENV);
      const code = await main([
        'run', '--target', 'aliyun', '--target', 'volcengine', '--target', 'huaweicloud', '--endpoint', odd.url, '--rate', '0',
        '--operation', 'DeleteSnapshot', '--operation', 'DeleteInstances', '--verbose', '--out', 'out', '--reporter', 'terminal,json,html,github',
      ], io);
      expect(code, io.err()).toBe(1);
      const runs = JSON.parse(readFileSync(join(io.cwd, 'out', 'results.json'), 'utf8')) as { target: { name: string }; cases: { verdict: string; exchanges?: { request: { url: string; headers: Record<string, string> } }[] }[] }[];
      for (const run of runs) {
        const carried = run.cases.filter((c) => c.verdict === 'fail').map((c) => c.exchanges?.[0]);
        expect(carried.length, run.target.name).toBeGreaterThan(0);
        expect(carried.every(Boolean), run.target.name).toBe(true);
      }
      const hw = runs.find((r) => r.target.name === 'huaweicloud')!.cases.flatMap((c) => c.exchanges ?? []).find((x) => !x.request.url.includes('/v2//'))!;
      expect(hw.request.url).toContain('/v2/{project_id}/cloudsnapshots/');
      expect(io.out()).toContain('Credential=<access-key-id>');
      expect(Object.entries(hw.request.headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1]).toMatch(/^SDK-HMAC-SHA256 Access=<access-key-id>, SignedHeaders=[^,]+, Signature=<signature>$/);

      // replay prints a whole exchange: the old RPC signature (query: Signature, AccessKeyId, SecurityToken),
      // a Volcengine call and a Huawei path with the project id.
      const list = captureIo(CANARY_ENV, io.cwd);
      await main(['list', '--json', '--operation', 'DeleteSnapshot', '--operation', 'DeleteInstances'], list);
      const ids = (JSON.parse(list.out()) as { id: string; destructive: boolean }[]).filter((c) => !c.destructive).map((c) => c.id);
      const picks = ['aliyun.ecs.DeleteSnapshot/auth-signing/rpc-v1-bad-signature', ids.find((i) => i.startsWith('volcengine.'))!, 'huaweicloud.evs.DeleteSnapshot/auth-signing/bad-signature'];
      const replays: [string, string][] = [];
      for (const id of picks) {
        const r = captureIo(CANARY_ENV, io.cwd);
        await main(['replay', id, '--target', id.split('.')[0]!, '--endpoint', odd.url, '--rate', '0'], r);
        expect(r.out(), `${id}: ${r.err()}`).toMatch(/^  > (GET|POST|DELETE) /m);
        replays.push([`replay ${id} stdout`, r.out()], [`replay ${id} stderr`, r.err()]);
      }
      expect(replays[0]![1]).toMatch(/Signature=<signature>/);
      expect(replays[0]![1]).toMatch(/AccessKeyId=<access-key-id>/);
      expect(replays[0]![1]).toMatch(/SecurityToken=<security-token>/);
      expect(replays[4]![1]).toContain('/v2/{project_id}/cloudsnapshots/');

      const needles = new Map<string, string>();
      for (const [vendor, c] of Object.entries(CANARY)) {
        for (const [what, v] of [['secret', c.accessKeySecret], ['access key id', c.accessKeyId], ['security token', c.securityToken], ['project id', c.projectId]] as const) {
          if (v) needles.set(`${vendor} ${what}`, v);
        }
      }
      let i = 0;
      for (const sig of odd.signatures) needles.set(`signature #${i++}`, sig);
      expect(odd.signatures.size).toBeGreaterThan(20);
      const haystacks: [string, string][] = [
        ['stdout', io.out()], ['stderr', io.err()], ...replays,
        ...files(join(io.cwd, 'out')).map((f) => [f.slice(io.cwd.length + 1), readFileSync(f, 'utf8')] as [string, string]),
      ];
      const leaks: string[] = [];
      for (const [where, text] of haystacks) for (const [what, value] of needles) if (text.includes(value)) leaks.push(`${what} in ${where}`);
      expect(leaks).toEqual([]);
    } finally {
      await odd.close();
    }
  });
});
