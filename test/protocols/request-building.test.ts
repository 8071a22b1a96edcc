// buildRequest details the SDK comparison does not reach (tweaks, raw params, XML, routes) and
// parseRequest on the server side.
import { describe, expect, it } from 'vitest';
import type { OperationCall } from '../../core/types.ts';
import { protocolFor } from '../../protocols/index.ts';
import { parsePairs, splitPath } from '../../protocols/common/rfc3986.ts';
import { ALIYUN_CREDS, HW_CREDS, HW_DELETE_ROUTE, VOLC_CREDS } from './sdk-harness.ts';

const now = new Date('2026-11-22T10:25:06Z');
const aliyun = protocolFor('aliyun');
const call = (params: Record<string, unknown>, extra: Partial<OperationCall> = {}): OperationCall =>
  ({ vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation: 'DeleteSnapshot', params, ...extra });
const query = (path: string) => parsePairs(splitPath(path)[1]);
const lookup = (id: string) => [ALIYUN_CREDS, VOLC_CREDS, HW_CREDS].find((c) => c.accessKeyId === id);

describe('buildRequest', () => {
  it('Alibaba: booleans, 1-based lists, raw params appended verbatim and signed', () => {
    const req = aliyun.buildRequest(call({ SnapshotId: 's-1', Force: false, DiskId: ['a', 'b'] }, { rawParams: [['DiskId.0', 'zero'], ['Force', 'maybe']] }), { credentials: ALIYUN_CREDS, host: 'h:1', now });
    expect(query(req.path)).toEqual([['DiskId.1', 'a'], ['DiskId.2', 'b'], ['Force', 'false'], ['SnapshotId', 's-1'], ['DiskId.0', 'zero'], ['Force', 'maybe']]);
    expect(aliyun.verify(req, lookup, { now })).toEqual({ ok: true, accessKeyId: ALIYUN_CREDS.accessKeyId });
  });

  it('Alibaba: tweak action/version/method win; Action: null in params sends no action at all', () => {
    const tweaked = aliyun.buildRequest(call({ SnapshotId: 's-1' }), { credentials: ALIYUN_CREDS, host: 'h', now, tweak: { action: 'NoSuchAction', version: '1999-01-01', method: 'GET' } });
    expect(tweaked).toMatchObject({ method: 'GET', headers: { 'x-acs-action': 'NoSuchAction', 'x-acs-version': '1999-01-01' } });
    expect(aliyun.verify(tweaked, lookup, { now }).ok).toBe(true);
    const none = aliyun.buildRequest(call({ Action: null, SnapshotId: 's-1' }), { credentials: ALIYUN_CREDS, host: 'h', now });
    expect(none.headers['x-acs-action']).toBeUndefined();
    const v1 = aliyun.buildRequest(call({ Action: null, SnapshotId: 's-1' }), { credentials: ALIYUN_CREDS, host: 'h', now, tweak: { scheme: 'rpc-v1' } });
    expect(query(v1.path).map(([k]) => k)).not.toContain('Action');
    expect(aliyun.verify(v1, lookup, { now }).ok).toBe(true);
  });

  it('Alibaba: format XML -> accept: application/xml (ACS3) / Format=XML (v1); parseRequest sees it', () => {
    const acs3 = aliyun.buildRequest(call({ SnapshotId: 's-1' }, { format: 'XML' }), { credentials: ALIYUN_CREDS, host: 'h', now });
    expect(acs3.headers.accept).toBe('application/xml');
    const v1 = aliyun.buildRequest(call({ SnapshotId: 's-1' }, { format: 'XML' }), { credentials: ALIYUN_CREDS, host: 'h', now, tweak: { scheme: 'rpc-v1' } });
    expect(query(v1.path)).toContainEqual(['Format', 'XML']);
    for (const r of [acs3, v1]) expect(aliyun.parseRequest(r)).toMatchObject({ operation: 'DeleteSnapshot', version: '2014-05-26', format: 'XML', params: { SnapshotId: 's-1' }, accessKeyId: ALIYUN_CREDS.accessKeyId });
    const json = aliyun.buildRequest(call({ SnapshotId: 's-1', RegionId: 'cn-hangzhou' }), { credentials: ALIYUN_CREDS, host: 'h', now });
    expect(aliyun.parseRequest(json)).toEqual({ operation: 'DeleteSnapshot', version: '2014-05-26', format: 'JSON', region: 'cn-hangzhou', params: { SnapshotId: 's-1', RegionId: 'cn-hangzhou' }, accessKeyId: ALIYUN_CREDS.accessKeyId });
  });

  it('Alibaba: parseRequest reads a form body, and v1 routes on the signed Action param over the header', () => {
    const form = { method: 'POST', path: '/?Action=DeleteSnapshot&Signature=x&Version=2014-05-26', headers: { 'x-acs-action': 'DeleteImage', 'content-type': 'application/x-www-form-urlencoded' }, body: 'SnapshotId=s-%2A1&Force=true' };
    expect(aliyun.parseRequest(form)).toMatchObject({ operation: 'DeleteSnapshot', params: { SnapshotId: 's-*1', Force: 'true' } });
  });

  it('Volcengine: POST puts params in a form body, JSON bodies are parsed too', () => {
    const volc = protocolFor('volcengine');
    const c: OperationCall = { vendor: 'volcengine', service: 'ecs', version: '2020-04-01', operation: 'DeleteInstances', params: { InstanceIds: ['i-1', 'i-2'] } };
    const post = volc.buildRequest(c, { credentials: VOLC_CREDS, host: 'h', now, tweak: { method: 'POST' } });
    expect(post.path).toBe('/?Action=DeleteInstances&Version=2020-04-01');
    expect(post.body).toBe('InstanceIds.1=i-1&InstanceIds.2=i-2');
    expect(volc.verify(post, lookup, { now }).ok).toBe(true);
    expect(volc.parseRequest(post).params).toEqual({ 'InstanceIds.1': 'i-1', 'InstanceIds.2': 'i-2' });
    const json = { method: 'POST', path: '/?Action=DeleteInstances&Version=2020-04-01', headers: { 'content-type': 'application/json' }, body: '{"InstanceIds":["a","b"],"ClientToken":"t"}' };
    expect(volc.parseRequest(json).params).toEqual({ 'InstanceIds.1': 'a', 'InstanceIds.2': 'b', ClientToken: 't' });
  });

  it('Huawei: project_id from the credentials, segments encoded, route matched back with decoded path params', () => {
    const hw = protocolFor('huaweicloud');
    const c: OperationCall = { vendor: 'huaweicloud', service: 'evs', version: 'v2', operation: 'DeleteSnapshot', params: { snapshot_id: 'snap id+中~*' } };
    const req = hw.buildRequest(c, { credentials: HW_CREDS, host: 'h', now, route: HW_DELETE_ROUTE });
    expect(req.path).toBe(`/v2/${HW_CREDS.projectId}/cloudsnapshots/snap%20id%2B%E4%B8%AD~%2A`);
    expect(req.headers['X-Project-Id']).toBe(HW_CREDS.projectId);
    expect(hw.verify(req, lookup, { now }).ok).toBe(true);
    expect(hw.parseRequest(req, [{ ...HW_DELETE_ROUTE, operation: 'DeleteSnapshot' }])).toMatchObject({
      operation: 'DeleteSnapshot', version: 'v2', format: 'JSON', accessKeyId: HW_CREDS.accessKeyId,
      pathParams: { project_id: HW_CREDS.projectId, snapshot_id: 'snap id+中~*' },
    });
    expect(hw.parseRequest(req, [{ method: 'GET', path: HW_DELETE_ROUTE.path, operation: 'X' }]).operation).toBeUndefined();
    expect(() => hw.buildRequest(c, { credentials: HW_CREDS, host: 'h', now })).toThrow(/ctx.route/);
  });
});
