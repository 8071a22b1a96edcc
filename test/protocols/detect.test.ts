// detectVendor on SDK-captured requests, on our unsigned ones, and on bare requests.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Vendor, WireRequest } from '../../core/types.ts';
import { detectVendor, protocolFor } from '../../protocols/index.ts';
import { type Captured, captureAll, rebuildContext } from './sdk-scenarios.ts';

let captured: Captured[] = [];
beforeAll(async () => { captured = await captureAll(); }, 30_000);

describe('detectVendor', () => {
  it('recognises every SDK-captured request', () => {
    expect(captured.map((s) => [s.name, detectVendor(s.wire)])).toEqual(captured.map((s) => [s.name, s.vendor]));
  });

  it('recognises our requests built without any signature (auth=none)', () => {
    for (const s of captured.filter((c) => c.rebuildable)) {
      const ctx = rebuildContext(s);
      const req = protocolFor(s.vendor).buildRequest(s.call, { ...ctx, tweak: { ...ctx.tweak, auth: 'none' } });
      expect(Object.keys(req.headers).map((h) => h.toLowerCase())).not.toContain('authorization');
      expect([s.name, detectVendor(req)]).toEqual([s.name, s.vendor]);
    }
  });

  const bare = (method: string, path: string, headers: Record<string, string> = {}, body = ''): WireRequest => ({ method, path, headers: { host: '127.0.0.1:1', ...headers }, body });
  const CASES: [string, WireRequest, Vendor | undefined][] = [
    ['Action + Version 2020-04-01', bare('GET', '/?Action=DeleteInstances&Version=2020-04-01'), 'volcengine'],
    ['Action + Version 2014-05-26', bare('POST', '/?Action=DeleteSnapshot&Version=2014-05-26&SnapshotId=s-1'), 'aliyun'],
    ['Action + Version in a form body', bare('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=DeleteInstances&Version=2020-04-01'), 'volcengine'],
    ['v1 AccessKeyId only', bare('GET', '/?AccessKeyId=x&Action=DeleteInstances&Version=2020-04-01'), 'aliyun'],
    ['v1 SignatureMethod', bare('GET', '/?SignatureMethod=HMAC-SHA1'), 'aliyun'],
    ['a REST path', bare('DELETE', '/v2/p/cloudsnapshots/s'), 'huaweicloud'],
    ['x-acs-action header only', bare('POST', '/', { 'x-acs-action': 'DeleteSnapshot' }), 'aliyun'],
    ['X-Sdk-Date on /', bare('GET', '/', { 'X-Sdk-Date': '20261122T102507Z' }), 'huaweicloud'],
    ['X-Date on a REST-looking path', bare('GET', '/v2/x', { 'X-Date': '20261122T102507Z' }), 'volcengine'],
    ['Authorization scheme beats other hints', bare('GET', '/v2/x?Action=A&Version=2020-04-01', { authorization: 'ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=00' }), 'aliyun'],
    ['nothing to go on', bare('GET', '/'), undefined],
    ['Action without Version', bare('GET', '/?Action=DeleteInstances'), undefined],
  ];
  it.each(CASES)('%s', (_name, req, want) => {
    expect(detectVendor(req)).toBe(want);
  });
});
