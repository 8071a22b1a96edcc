// The wire exchange a failing case carries: credentials redacted wherever they sit (headers, the
// query of the old RPC signature, a form or JSON body, the Huawei project id in the path), bodies
// bounded; built from what the signed targets really sent.
import { describe, expect, it } from 'vitest';
import { createTarget } from '../../adapters/index.ts';
import { redactPathIds } from '../../adapters/exchange.ts';
import { EXCHANGE_LIMITS, redactAuthorization, redactExchange } from '../../core/exchange.ts';
import { EMULATOR_TEST_CREDENTIALS } from '../../core/test-credentials.ts';
import type { CaseExchange, OperationCall } from '../../core/types.ts';
import { createEmulator } from '../../emulator/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { logicalExchange } from '../../runner/exchange.ts';

const loaded = loadContracts();

describe('redaction by structure', () => {
  it.each([
    ['ACS3-HMAC-SHA256 Credential=LTAIkey,SignedHeaders=host;x-acs-date,Signature=abcdef0123',
      'ACS3-HMAC-SHA256 Credential=<access-key-id>,SignedHeaders=host;x-acs-date,Signature=<signature>'],
    ['HMAC-SHA256 Credential=AKLTkey/20260101/cn-beijing/ecs/request, SignedHeaders=host;x-date, Signature=ff00',
      'HMAC-SHA256 Credential=<access-key-id>/20260101/cn-beijing/ecs/request, SignedHeaders=host;x-date, Signature=<signature>'],
    ['SDK-HMAC-SHA256 Access=HWKEY, SignedHeaders=host;x-sdk-date, Signature=0a0b',
      'SDK-HMAC-SHA256 Access=<access-key-id>, SignedHeaders=host;x-sdk-date, Signature=<signature>'],
    ['Bearer opaque-token-value', 'Bearer <signature>'],
  ])('Authorization keeps the scheme and signed headers: %s', (value, shown) => {
    expect(redactAuthorization(value)).toBe(shown);
  });

  it('query, form and JSON credentials, token headers; other bytes as sent', () => {
    const x: CaseExchange = {
      request: {
        method: 'POST',
        url: 'http://h/?Action=DeleteSnapshot&AccessKeyId=LTAIkey&Signature=a%2Bb%3D&SignatureNonce=n1&SecurityToken=sts&SnapshotId=s-1',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-acs-security-token': 'sts', 'x-acs-action': 'DeleteSnapshot' },
        body: 'RegionId=cn-hangzhou&Signature=zz&AccessKeyId=LTAIkey',
      },
      response: { status: 400, headers: { 'content-type': 'application/json', 'set-cookie': 'sid=1' }, body: '{"Code":"X","Echo":{"Password":"p4ss","SecretKey":"sk1"}}' },
    };
    const r = redactExchange(x);
    expect(r.request.url).toBe('http://h/?Action=DeleteSnapshot&AccessKeyId=<access-key-id>&Signature=<signature>&SignatureNonce=n1&SecurityToken=<security-token>&SnapshotId=s-1');
    expect(r.request.body).toBe('RegionId=cn-hangzhou&Signature=<signature>&AccessKeyId=<access-key-id>');
    expect(r.request.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded', 'x-acs-security-token': '<security-token>', 'x-acs-action': 'DeleteSnapshot' });
    expect(r.response!.headers['set-cookie']).toBe('***');
    expect(JSON.parse(r.response!.body!)).toEqual({ Code: 'X', Echo: { Password: '***', SecretKey: '***' } });
  });

  it('known values go wherever they sit (the path too), after the structure', () => {
    const project = '0123456789abcdef0123456789abcdef';
    const x: CaseExchange = { request: { method: 'DELETE', url: `http://h/v2/${project}/cloudsnapshots/s1`, headers: { 'x-project-id': project } } };
    const r = redactExchange(x, (s) => s.split(project).join('{project_id}'));
    expect(r.request.url).toBe('http://h/v2/{project_id}/cloudsnapshots/s1');
    expect(r.request.headers['x-project-id']).toBe('{project_id}');
  });

  it('a REST route\'s project segment shows as the template names it, whichever id it carried', () => {
    const route = '/v2/{project_id}/cloudsnapshots/{snapshot_id}';
    expect(redactPathIds('/v2/aaaabbbbccccddddeeeeffff00001111/cloudsnapshots/s-1?x=1', route)).toBe('/v2/{project_id}/cloudsnapshots/s-1?x=1');
    expect(redactPathIds('/v2//cloudsnapshots/s-1', route)).toBe('/v2//cloudsnapshots/s-1'); // an empty id stays visibly empty
    expect(redactPathIds('/v2/p/extra/cloudsnapshots/s-1', route)).toBe('/v2/p/extra/cloudsnapshots/s-1'); // not the route's shape: as sent
    expect(redactPathIds('/?Action=DeleteSnapshot', undefined)).toBe('/?Action=DeleteSnapshot');
  });

  it('bounds each body and header, and counts what it cut', () => {
    const big = 'x'.repeat(EXCHANGE_LIMITS.body + 500);
    const r = redactExchange({ request: { method: 'POST', url: 'http://h/', headers: { a: 'y'.repeat(EXCHANGE_LIMITS.header + 7) }, body: big } });
    expect(r.request.body!.startsWith('x'.repeat(EXCHANGE_LIMITS.body))).toBe(true);
    expect(r.request.body).toContain('…[500 more characters]');
    expect(r.truncated).toBe(507);
    expect(r.request.headers.a!.length).toBeLessThan(EXCHANGE_LIMITS.header + 40);
  });
});

describe('the exchange of a signed target (in-process emulator, its test credentials)', () => {
  const emu = createEmulator({ contracts: loaded });
  const secrets = Object.values(EMULATOR_TEST_CREDENTIALS).flatMap((c) => [c.accessKeyId, c.accessKeySecret, ...(c.projectId ? [c.projectId] : [])]);

  it('the old RPC signature (query) and a Huawei path: nothing of the credentials is left, the rest is as sent', async () => {
    const target = await createTarget('inprocess', { handler: emu.handler, loaded });
    const rpc = await target.send({ vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation: 'DeleteSnapshot', params: { SnapshotId: 's-doesnotexist000000' } }, { scheme: 'rpc-v1' });
    const hw = await target.send({ vendor: 'huaweicloud', service: 'evs', version: 'v2', operation: 'DeleteSnapshot', params: { snapshot_id: '00000000-0000-0000-0000-000000000000' } });
    const a = rpc.exchange!();
    const h = hw.exchange!();
    const text = JSON.stringify([a, h]);
    for (const s of secrets) expect(text).not.toContain(s);
    expect(a.request.method).toMatch(/GET|POST/);
    expect(`${a.request.url} ${a.request.body ?? ''}`).toMatch(/Signature=<signature>/);
    expect(`${a.request.url} ${a.request.body ?? ''}`).toMatch(/AccessKeyId=<access-key-id>/);
    expect(`${a.request.url} ${a.request.body ?? ''}`).toContain('SnapshotId=s-doesnotexist000000');
    expect(a.response?.status).toBe(rpc.status);
    expect(h.request.url).toMatch(/^http:\/\/127\.0\.0\.1\/v2\/\{project_id\}\/cloudsnapshots\/00000000-0000-0000-0000-000000000000$/);
    expect(h.request.headers.Authorization ?? h.request.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=<access-key-id>, SignedHeaders=[^,]+, Signature=<signature>$/);
    expect(h.response?.body).toBe(hw.raw);
  });

  it('a transport failure keeps the request and says why there is no answer', async () => {
    const target = await createTarget('http://127.0.0.1:1', { loaded, probe: false });
    const res = await target.send({ vendor: 'volcengine', service: 'ecs', version: '2020-04-01', operation: 'DeleteInstances', params: { InstanceIds: ['i-1'] } });
    const x = res.exchange!();
    expect(x.response).toBeUndefined();
    expect(x.failure?.kind).toBe('connection');
    expect(x.request.url).toMatch(/^http:\/\/127\.0\.0\.1:1\/\?Action=DeleteInstances/);
    await target.close?.();
  });

  it('targets that build their own wire (SDK, module) carry the logical call and the answer they saw', () => {
    const call: OperationCall = { vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation: 'DeleteSnapshot', params: { SnapshotId: 's-1', AccessKeySecret: 'leak' } };
    const x = logicalExchange(call, { outcome: 'answered', status: 404, headers: { 'x-acs-request-id': 'r1' }, raw: '{"Code":"NotFound"}' });
    expect(x).toEqual({
      logical: true,
      request: { method: 'CALL', url: 'aliyun:ecs/2014-05-26/DeleteSnapshot', headers: { 'content-type': 'application/json' }, body: '{"SnapshotId":"s-1","AccessKeySecret":"***"}' },
      response: { status: 404, headers: { 'x-acs-request-id': 'r1' }, body: '{"Code":"NotFound"}' },
    });
  });
});
