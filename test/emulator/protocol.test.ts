// Protocol errors on the wire, per vendor, in the vendor's envelope with the profile's codes.
// Tests as data: each row is a call, a tweak and the profile role (or code) it must answer.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OperationCall, ProtocolTweak, Vendor } from '../../core/types.ts';
import { callFor, send, signed, startEmulator } from './http-helpers.ts';
import { LOADED } from './scenario.ts';
import { roleError } from '../../emulator/validate/errors.ts';
import { v1Pairs, v1StringToSign } from '../../protocols/aliyun/rpc-v1.ts';

const PID = '0123456789abcdef0123456789abcdef';
const BASE: Record<Vendor, OperationCall> = {
  aliyun: callFor('aliyun.ecs.DeleteSnapshot', { SnapshotId: 's-demoplain00000000001' }),
  volcengine: callFor('volcengine.ecs.DeleteInstances', { InstanceIds: ['i-demopostpaidrun001'] }),
  huaweicloud: callFor('huaweicloud.evs.DeleteSnapshot', { project_id: PID, snapshot_id: '5f0b8a52-0001-4a1e-9c3d-000000000001' }),
};

/** role -> the code (and status) the vendor profile gives it; a fallback role where the profile has none. */
function roleCode(vendor: Vendor, role: string, fallback = 'bad-signature') {
  const e = LOADED.profiles[vendor].errors[role] ?? LOADED.profiles[vendor].errors[fallback]!;
  return { code: e.code, status: e.status };
}

interface Row { name: string; vendor: Vendor; tweak?: ProtocolTweak; params?: Record<string, unknown>; role?: string; fallback?: string; success?: number }

const ROWS: Row[] = [];
for (const vendor of ['aliyun', 'volcengine', 'huaweicloud'] as Vendor[]) {
  ROWS.push(
    { name: 'valid', vendor, success: vendor === 'huaweicloud' ? 202 : 200 },
    { name: 'no auth', vendor, tweak: { auth: 'none' }, role: 'missing-auth' },
    { name: 'bad signature', vendor, tweak: { auth: 'bad-signature' }, role: 'bad-signature' },
    { name: 'unknown key', vendor, tweak: { auth: 'unknown-key' }, role: 'unknown-key' },
    { name: 'expired timestamp', vendor, tweak: { auth: 'expired' }, role: 'expired' },
  );
}
ROWS.push(
  { name: 'unknown action', vendor: 'aliyun', tweak: { action: 'NoSuchAction' }, role: 'unknown-action' },
  { name: 'unknown action', vendor: 'volcengine', tweak: { action: 'NoSuchAction' }, role: 'unknown-action' },
  { name: 'unsupported version', vendor: 'aliyun', tweak: { version: '2099-01-01' }, role: 'bad-version' },
  { name: 'unsupported version', vendor: 'volcengine', tweak: { version: '2099-01-01' }, role: 'bad-version' },
  { name: 'wrong method', vendor: 'aliyun', tweak: { method: 'PUT' }, role: 'bad-method' },
  { name: 'wrong method', vendor: 'volcengine', tweak: { method: 'DELETE' }, role: 'bad-method' },
  { name: 'wrong method', vendor: 'huaweicloud', tweak: { method: 'PATCH' }, role: 'bad-method' }, // GET on this path is ShowSnapshot
  { name: 'missing parameter', vendor: 'aliyun', params: {}, role: 'missing-parameter' },
  { name: 'invalid parameter', vendor: 'aliyun', params: { SnapshotId: 's-demoplain00000000001', Force: 'maybe' }, role: 'invalid-parameter' },
  { name: 'v1 signature (HMAC-SHA1)', vendor: 'aliyun', tweak: { scheme: 'rpc-v1' }, success: 200 },
  { name: 'v1 bad signature', vendor: 'aliyun', tweak: { scheme: 'rpc-v1', auth: 'bad-signature' }, role: 'bad-signature' },
  { name: 'v1 expired', vendor: 'aliyun', tweak: { scheme: 'rpc-v1', auth: 'expired' }, role: 'expired' },
  { name: 'v1 GET', vendor: 'aliyun', tweak: { scheme: 'rpc-v1', method: 'GET' }, success: 200 },
);

let ctx: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => { ctx = await startEmulator({ world: 'demo' }); });
afterAll(async () => { await ctx.em.close(); });

describe('protocol errors in the vendor envelope', () => {
  test.each(ROWS.map((r) => [`${r.vendor}: ${r.name}`, r] as const))('%s', async (_n, row) => {
    ctx.em.reset('demo');
    const base = BASE[row.vendor];
    const call = { ...base, params: row.params ?? base.params };
    const res = await send(ctx.url, signed(ctx.host, call, row.tweak));
    if (row.success) {
      expect(res.status, res.text).toBe(row.success);
      expect(res.parsed.error).toBeUndefined();
      return;
    }
    const want = roleCode(row.vendor, row.role!, row.fallback);
    expect({ status: res.status, code: res.parsed.error?.code }).toEqual(want);
    expect(res.parsed.requestId).toBeTruthy();
  });

  test('volcengine: InvalidActionOrVersion names the action and the version sent (both placeholders, in order)', async () => {
    const bad = await send(ctx.url, signed(ctx.host, BASE.volcengine, { version: '2099-01-01' }));
    expect(bad.parsed.error?.message).toBe('Could not find operation DeleteInstances for version 2099-01-01.');
    const unknown = await send(ctx.url, signed(ctx.host, BASE.volcengine, { action: 'NoSuchAction' }));
    expect(unknown.parsed.error?.message).toBe('Could not find operation NoSuchAction for version 2020-04-01.');
    // a wrong method is the gateway's MethodNotAllowed 405 (profile role bad-method), not a missing operation
    const method = await send(ctx.url, signed(ctx.host, BASE.volcengine, { method: 'DELETE' }));
    expect({ status: method.status, code: method.parsed.error?.code, message: method.parsed.error?.message }).toEqual({ status: 405, code: 'MethodNotAllowed', message: 'HTTP Method Not Allowed.' });
  });

  test('no error message prints a placeholder literally (<parameter name>, %s)', async () => {
    ctx.em.reset('demo');
    const answers = await Promise.all(ROWS.filter((r) => r.role).map((r) => {
      const base = BASE[r.vendor];
      return send(ctx.url, signed(ctx.host, { ...base, params: r.params ?? base.params }, r.tweak));
    }));
    for (const a of answers) expect(a.parsed.error?.message ?? '', a.text).not.toMatch(/<parameter name>|%s/);
    // A role raised with no parameter to name (the emulator's catch-all): the placeholder goes.
    for (const vendor of ['aliyun', 'volcengine', 'huaweicloud'] as Vendor[]) {
      for (const role of ['invalid-parameter', 'missing-parameter']) expect(roleError(LOADED.profiles[vendor], role).message).not.toMatch(/<parameter name>/);
    }
  });

  test('aliyun: a reused signature nonce is refused (ACS3 and v1)', async () => {
    for (const scheme of ['acs3', 'rpc-v1'] as const) {
      ctx.em.reset('demo');
      const first = await send(ctx.url, signed(ctx.host, BASE.aliyun, { auth: 'reused-nonce', scheme }));
      const again = await send(ctx.url, signed(ctx.host, BASE.aliyun, { auth: 'reused-nonce', scheme }));
      expect(first.status, first.text).toBe(200);
      expect(again.parsed.error?.code).toBe(roleCode('aliyun', 'nonce-reused').code);
    }
  });

  test('aliyun: Format=XML answers XML (success and error)', async () => {
    ctx.em.reset('demo');
    const ok = await send(ctx.url, signed(ctx.host, { ...BASE.aliyun, format: 'XML' }, { scheme: 'rpc-v1' }));
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(/<DeleteSnapshotResponse>.*<RequestId>/s);
    const err = await send(ctx.url, signed(ctx.host, { ...BASE.aliyun, format: 'XML', params: { SnapshotId: 's-nope' } }, { scheme: 'rpc-v1' }));
    expect(err.status).toBe(404);
    expect(err.headers['content-type']).toBe('text/xml;charset=utf-8');
    expect(err.text).toMatch(/<Error>.*<Code>InvalidSnapshotId.NotFound<\/Code>/s);
  });

  test('aliyun: v1 parameters in a form body (POST) are accepted', async () => {
    ctx.em.reset('demo');
    const w = signed(ctx.host, BASE.aliyun, { scheme: 'rpc-v1' });
    const [path, query] = w.path.split('?');
    const form = { ...w, path: path!, body: query!, headers: { ...w.headers, 'content-type': 'application/x-www-form-urlencoded' } };
    const res = await send(ctx.url, form);
    expect(res.status, res.text).toBe(200);
  });

  test('huaweicloud: unknown path is APIGW.0101 and X-Request-Id is set', async () => {
    const call = callFor('huaweicloud.evs.DeleteSnapshot', { project_id: PID, snapshot_id: 'x' });
    const w = signed(ctx.host, call);
    const res = await send(ctx.url, { ...w, path: `/v9/${PID}/nothing/here` });
    expect(res.status).toBe(404);
    expect(res.parsed.error?.code).toBe('APIGW.0101');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
  });

  test('huaweicloud: a project the key does not own is EVS.0001 (unknown-region role)', async () => {
    const call = callFor('huaweicloud.evs.DeleteSnapshot', { project_id: 'ffffffffffffffffffffffffffffffff', snapshot_id: '5f0b8a52-0001-4a1e-9c3d-000000000001' });
    const res = await send(ctx.url, signed(ctx.host, call));
    expect({ status: res.status, code: res.parsed.error?.code }).toEqual(roleCode('huaweicloud', 'unknown-region'));
  });

  test('a request no vendor recognises gets the Alibaba envelope (the fallback vendor): unsigned', async () => {
    const res = await send(ctx.url, { method: 'GET', path: '/', headers: {} });
    expect({ status: res.status, code: res.parsed.error?.code }).toEqual(roleCode('aliyun', 'missing-auth'));
    expect(res.parsed.requestId).toBeTruthy();
  });
});

describe('request log', () => {
  test('one line per request with its request id; no secrets, no Authorization values', async () => {
    const lines: string[] = [];
    const t = await startEmulator({ world: 'demo', log: (l) => lines.push(l) });
    try {
      const w = signed(t.host, callFor('aliyun.ecs.DeleteSnapshot', { SnapshotId: 's-demoplain00000000001' }), { scheme: 'rpc-v1' });
      const r = await send(t.url, w);
      const w2 = signed(t.host, BASE.volcengine);
      await send(t.url, w2);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain(r.parsed.requestId!);
      const sig = new URLSearchParams(w.path.split('?')[1]).get('Signature')!;
      const auth = Object.entries(w2.headers).find(([k]) => k.toLowerCase() === 'authorization')![1];
      for (const l of lines) {
        expect(l).not.toContain(sig);
        expect(l).not.toContain(auth.split('Signature=')[1]!);
        for (const c of Object.values(LOADED.profiles)) expect(l).not.toContain(c.vendor === 'aliyun' ? 'EmulatorTestSecretAliyun' : 'EmulatorTestSecret');
      }
    } finally { await t.em.close(); }
  });

  test('a v1 (HMAC-SHA1) signature mismatch names the string the gateway signed, which is the one the client should have signed', async () => {
    const wire = signed(ctx.host, BASE.aliyun, { scheme: 'rpc-v1', auth: 'bad-signature' });
    const res = await send(ctx.url, wire);
    expect(res.parsed.error?.code).toBe('SignatureDoesNotMatch');
    const [text, served] = (res.parsed.error?.message ?? '').split(' server string to sign is:');
    expect(text).toBe('Specified signature is not matched with our calculation.');
    // the string to sign of the very request, from its own parameters (the corrupted Signature left out)
    expect(served).toBe(v1StringToSign(wire.method, v1Pairs(wire)));
    expect(served).toMatch(/^(GET|POST)&%2F&.*AccessKeyId%3D/);
    // an ACS3 mismatch has no such tail (no source says the gateway adds one there)
    const acs3 = await send(ctx.url, signed(ctx.host, BASE.aliyun, { auth: 'bad-signature' }));
    expect(acs3.parsed.error?.message).not.toContain('string to sign');
  });
});
