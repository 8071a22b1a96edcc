// What arrived on the wire: the emulator reports what a client sent that the contract or profile does
// not expect (x-emulator-findings, loopback only), and refuses `Force=True` where the profile spells
// booleans true / false. Each case is a signed request over 127.0.0.1 built as a buggy SDK would.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FINDINGS_HEADER, wireFindings, type Finding } from '../../emulator/validate/findings.ts';
import { LOADED } from './scenario.ts';
import { Runtime } from '../../emulator/runtime.ts';
import { request } from '../../checks/request.ts';
import type { CheckInput } from '../../checks/types.ts';
import type { ProtocolTweak, WireRequest } from '../../core/types.ts';
import { protocolFor } from '../../protocols/index.ts';
import { v1Signature } from '../../protocols/aliyun/rpc-v1.ts';
import { EMULATOR_TEST_CREDENTIALS } from '../../core/test-credentials.ts';
import { randomUUID } from 'node:crypto';
import { callFor, send, signed, startEmulator } from './http-helpers.ts';

let ctx: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => { ctx = await startEmulator({ world: 'demo', snapshotCreationMs: 0 }); });
afterAll(async () => { await ctx.em.close(); });

async function findingsOf(id: string, params: Record<string, unknown>) {
  const r = await send(ctx.url, signed(ctx.host, callFor(id, params)));
  const header = r.headers[FINDINGS_HEADER];
  const judged = request({ response: { status: r.status, headers: r.headers } } as unknown as CheckInput);
  return { status: r.status, judged, findings: header ? (JSON.parse(decodeURIComponent(header)) as Finding[]) : [] };
}

const HW_PROJECT = '0123456789abcdef0123456789abcdef'; // the demo world's project (test/emulator/protocol.test.ts)

/** One character of the signature changed, wherever the scheme carries it. */
function flipSignature(w: WireRequest): Pick<WireRequest, 'headers' | 'path'> {
  const flip = (_m: string, k: string, c: string) => k + (c === 'a' ? 'b' : 'a');
  const auth = w.headers.authorization ?? w.headers.Authorization;
  if (auth) return { path: w.path, headers: { ...w.headers, [w.headers.authorization ? 'authorization' : 'Authorization']: auth.replace(/(Signature=)(.)/, flip) } };
  return { headers: w.headers, path: w.path.replace(/([?&]Signature=)(.)/, flip) };
}

const GROUP = { RegionId: 'cn-hangzhou', InstanceId: 'i-demorunning000000001' };

describe('request findings', () => {
  test.each([
    ['Force=True', 'aliyun.ecs.DeleteSnapshot', { SnapshotId: 's-demoplain00000000001', Force: 'True' }, { kind: 'boolean-spelling', parameter: 'Force', verdict: 'rejected' }],
    ['Force=1', 'aliyun.ecs.DeleteSnapshot', { SnapshotId: 's-demoplain00000000001', Force: '1' }, { kind: 'boolean-spelling', parameter: 'Force', verdict: 'rejected' }],
    ['ExcludeDiskId.0', 'aliyun.ecs.CreateSnapshotGroup', { ...GROUP, 'ExcludeDiskId.0': 'd-x' }, { kind: 'list-numbering', parameter: 'ExcludeDiskId.0', verdict: 'rejected' }],
    ['SnapshotName for Name', 'aliyun.ecs.CreateSnapshotGroup', { ...GROUP, SnapshotName: 'n1' }, { kind: 'unknown-parameter', parameter: 'SnapshotName', verdict: 'listed' }],
    ['a gap in a list', 'aliyun.ecs.CreateSnapshotGroup', { ...GROUP, 'ExcludeDiskId.1': 'd-a', 'ExcludeDiskId.3': 'd-b' }, { kind: 'list-numbering', parameter: 'ExcludeDiskId', verdict: 'listed' }],
    // the emulator reads the one value as a disk id (not found); the check fails it for the encoding
    ['a list sent as one JSON value', 'aliyun.ecs.CreateSnapshotGroup', { ...GROUP, ExcludeDiskId: '["d-a"]' }, { kind: 'list-numbering', parameter: 'ExcludeDiskId', verdict: 'rejected' }, 404],
  ])('%s is reported', async (_name, id, params, expected, status?: number) => {
    const r = await findingsOf(id, params);
    expect(r.findings).toContainEqual(expect.objectContaining(expected));
    if (expected.verdict === 'rejected') expect(r.status).toBe(status ?? 400);
    // the registered `request` check: a rejected finding fails naming the parameter; a listed one is shown, not failed
    expect(r.judged).toMatchObject({ name: 'request', ok: expected.verdict !== 'rejected' });
    expect(r.judged?.message).toContain(expected.parameter);
  });

  test('the check names the parameter and the rule (the SDK sent ExcludeDiskId.0)', async () => {
    const r = await findingsOf('aliyun.ecs.CreateSnapshotGroup', { ...GROUP, 'ExcludeDiskId.0': 'd-x', SnapshotName: 'n' });
    expect(r.judged?.message).toMatch(/the SDK sent ExcludeDiskId\.0; the contract's lists start at 1.*also listed: SnapshotName/);
  });

  test('a value the case itself asked for is listed, not failed (a negative case, not a client bug)', () => {
    const header = encodeURIComponent(JSON.stringify([{ kind: 'boolean-spelling', parameter: 'Force', sent: 'yes', verdict: 'rejected', why: 'the SDK sent Force=yes' }]));
    const judge = (force: unknown) => request({ response: { status: 400, headers: { 'x-emulator-findings': header } }, testCase: { call: { params: { Force: force } } } } as unknown as CheckInput);
    expect(judge('yes')?.ok).toBe(true);
    expect(judge(true)?.ok).toBe(false);
  });

  test.each([
    // ids no world holds: the signed request is verified, then answered not-found, changing nothing
    ['aliyun ACS3', callFor('aliyun.ecs.DeleteSnapshot', { SnapshotId: 's-nosuchsnapshot000001' })],
    ['aliyun v1', callFor('aliyun.ecs.DeleteSnapshot', { SnapshotId: 's-nosuchsnapshot000001' }), { scheme: 'rpc-v1' as const }],
    ['volcengine', callFor('volcengine.ecs.DeleteInstances', { InstanceIds: ['i-nosuchinstance0001'] })],
    ['huaweicloud', callFor('huaweicloud.evs.DeleteSnapshot', { project_id: HW_PROJECT, snapshot_id: '5f0b8a52-ffff-4a1e-9c3d-000000000001' })],
  ])('%s: a signature mismatch lists what the emulator signed (its canonical request and string to sign)', async (_name, call, tweak?: ProtocolTweak) => {
    const wire = signed(ctx.host, call, tweak);
    const forged = { ...wire, ...flipSignature(wire) };
    const r = await send(ctx.url, forged);
    expect(r.status).toBeGreaterThanOrEqual(400);
    const findings = JSON.parse(decodeURIComponent(r.headers[FINDINGS_HEADER] ?? '[]')) as Finding[];
    const strings = protocolFor(call.vendor).signingStrings(wire)!;
    expect(findings).toEqual([expect.objectContaining({ kind: 'signature-mismatch', verdict: 'listed' })]);
    // the strings the client signed: an SDK author diffs them with their own
    expect(findings[0]!.why).toContain(strings.canonicalRequest);
    expect(findings[0]!.why).toContain(strings.stringToSign);
    // a correctly signed request carries none
    const ok = await send(ctx.url, signed(ctx.host, call, tweak));
    expect(ok.headers[FINDINGS_HEADER] ?? '').not.toContain('signature-mismatch');
  });

  test('the control API answers a request\'s findings by its request id (for SDKs that hide response headers)', async () => {
    const r = await send(ctx.url, signed(ctx.host, callFor('aliyun.ecs.DeleteSnapshot', { SnapshotId: 's-nosuchsnapshot000002', Force: 'True' })));
    const id = r.parsed.requestId!;
    const got = await fetch(`${ctx.url}/__emulator/findings/${encodeURIComponent(id)}`).then((x) => x.json()) as { findings: Finding[] };
    expect(got.findings).toEqual(JSON.parse(decodeURIComponent(r.headers[FINDINGS_HEADER]!)));
    expect(got.findings).toContainEqual(expect.objectContaining({ kind: 'boolean-spelling', parameter: 'Force' }));
    expect(await fetch(`${ctx.url}/__emulator/findings/no-such-request`).then((x) => x.json())).toEqual({ findings: [] });
  });

  test('a v1 Timestamp with no zone is answered by its own rule (InvalidTimeStamp.Format), not as a bad signature', async () => {
    const { accessKeyId, accessKeySecret } = EMULATOR_TEST_CREDENTIALS.aliyun;
    const answer = async (timestamp: string) => {
      const pairs: [string, string][] = [
        ['AccessKeyId', accessKeyId], ['Action', 'DeleteSnapshot'], ['Format', 'JSON'], ['SignatureMethod', 'HMAC-SHA1'],
        ['SignatureNonce', randomUUID()], ['SignatureVersion', '1.0'], ['SnapshotId', 's-nosuchsnapshot000003'], ['Timestamp', timestamp], ['Version', '2014-05-26'],
      ];
      const path = `/?${[...pairs, ['Signature', v1Signature('POST', pairs, accessKeySecret)]].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
      return send(ctx.url, { method: 'POST', path, headers: { host: ctx.host } });
    };
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, '');
    expect((await answer(now)).parsed.error?.code).toBe('InvalidTimeStamp.Format');
    expect((await answer(`${now}Z`)).parsed.error?.code).toBe('InvalidSnapshotId.NotFound'); // the same request, well formed
  });

  test.each([
    ['encoded twice', 'Name=a%2520b', /encoded twice/],
    ['lower-case escapes', 'Name=a%2fb', /lower-case percent escapes/],
    ['a reserved character sent raw', "Name=a*b(c)", /sent raw, not percent-encoded: \* \( \)/],
  ])('percent-encoding: %s is listed', (_name, query, why) => {
    const c = LOADED.byId('aliyun.ecs.CreateSnapshotGroup');
    const found = wireFindings(c, LOADED.profiles.aliyun, { Name: 'x' }, query);
    expect(found).toContainEqual(expect.objectContaining({ kind: 'percent-encoding', parameter: 'Name', verdict: 'listed', why: expect.stringMatching(why) }));
    expect(wireFindings(c, LOADED.profiles.aliyun, { Name: 'x' }, 'Name=a%2Fb%20c~d-e_f.g').filter((f) => f.kind === 'percent-encoding')).toEqual([]);
  });

  test.each([
    ['numbers with a gap, in order of the list', { 'ExcludeDiskId.3': 'd-b', 'ExcludeDiskId.1': 'd-a' }, '', [['list-numbering', 'ExcludeDiskId', 'ExcludeDiskId.1,ExcludeDiskId.3']]],
    ['a 0-numbered item: rejected, and no gap counted for it', { 'ExcludeDiskId.0': 'd-x', 'ExcludeDiskId.1': 'd-a' }, '', [['list-numbering', 'ExcludeDiskId.0', 'd-x']]],
    ['repeated keys, each once, in the order first sent', {}, 'b=1&a=1&a=2&b=2&b=3', [['repeated-key', 'b', '3 times'], ['repeated-key', 'a', '2 times']]],
    ['a value with a second =: read up to it', {}, 'Name=a+b=c%2fd', [['plus-for-space', 'Name', 'a+b']]],
    ['a key sent without a value', {}, 'Name&Name=x', [['repeated-key', 'Name', '2 times']]],
    // many distinct keys: repeats counted and listed in the order first sent
    ['repeats among 70 distinct keys', {}, [...Array.from({ length: 70 }, (_, i) => `K${i}=v`), 'K68=w', 'K3=w', 'K68=x', 'K69=y'].join('&'),
      [['repeated-key', 'K3', '2 times'], ['repeated-key', 'K68', '3 times'], ['repeated-key', 'K69', '2 times']]],
    ['a repeat of the last of 64 keys', {}, [...Array.from({ length: 64 }, (_, i) => `K${i}=v`), 'K63=w', 'K0=w'].join('&'),
      [['repeated-key', 'K0', '2 times'], ['repeated-key', 'K63', '2 times']]],
  ])('wireFindings: %s', (_name, params, query, expected) => {
    const c = LOADED.byId('aliyun.ecs.CreateSnapshotGroup');
    const found = wireFindings(c, LOADED.profiles.aliyun, { RegionId: 'cn-hangzhou', InstanceId: 'i-x', ...params }, query);
    expect(found.map((f) => [f.kind, f.parameter, f.sent])).toEqual(expected);
  });

  test('a correct request carries no findings (and Force=true is taken)', async () => {
    const r = await findingsOf('aliyun.ecs.DeleteSnapshot', { SnapshotId: 's-demoplain00000000001', Force: true });
    expect(r).toMatchObject({ status: 200, findings: [] });
    const g = await findingsOf('aliyun.ecs.CreateSnapshotGroup', { ...GROUP, Name: 'n1', ExcludeDiskId: ['d-a'] });
    expect(g.findings).toEqual([]);
    expect(r.judged).toBeUndefined(); // nothing to say: the check does not apply
  });
});

describe('findings kept for the control API', () => {
  test('the last 2,000 requests, oldest dropped first, each still answered until then', () => {
    const rt = new Runtime({ contracts: LOADED });
    const ids = Array.from({ length: 2_005 }, (_, i) => `req-${i}`);
    ids.forEach((id, i) => rt.recordFindings(id, [i]));
    expect(rt.findings.size).toBe(2_000);
    for (const gone of ids.slice(0, 5)) expect(rt.findings.has(gone)).toBe(false);
    expect(rt.findings.get('req-5')).toEqual([5]);
    expect(rt.findings.get('req-2004')).toEqual([2004]);
    // the next one drops the oldest kept (req-5), not a newer one
    rt.recordFindings('req-2005', [2005]);
    expect([rt.findings.has('req-5'), rt.findings.has('req-6'), rt.findings.size]).toEqual([false, true, 2_000]);
  });
});
