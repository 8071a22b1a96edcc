// Cassette replay through nock: matching ignores volatile params and signatures, sequences are
// handed out in order, tweaks are part of the key, misses are transport errors that say why.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationCall, Target } from '../../core/types.ts';
import { createTarget, requestKey } from '../../adapters/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { loadCassettes } from '../../adapters/cassette.ts';
import { checkCassette } from '../../adapters/cassette-format.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/cassettes');
const DIR = join(FIXTURES, 'basic');
const del: OperationCall = {
  vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation: 'DeleteSnapshot',
  params: { SnapshotId: 's-bp1c0doj0taqyzzl0001', Force: true },
};
const targets: Target[] = [];
afterEach(async () => { await Promise.all(targets.splice(0).map((t) => t.close?.())); });
async function open(dir = DIR): Promise<Target> {
  const t = await createTarget(`cassette:${dir}`, { loaded: hwRoutes(), timeoutMs: 2000 });
  targets.push(t);
  return t;
}
function hwRoutes() {
  try { return loadContracts(); } catch { return undefined; }
}
const HW_ROUTE = { vendor: 'huaweicloud' as const, service: 'evs', version: 'v2', operation: 'DeleteSnapshot', http: { method: 'DELETE', path: '/v2/{project_id}/cloudsnapshots/{snapshot_id}' } };

describe('cassette target', () => {
  it('replays a recorded sequence in order, then repeats the last answer', async () => {
    const t = await open();
    expect(t.capabilities).toMatchObject({ fixtures: false });
    const first = await t.send(del);
    expect(first).toMatchObject({ status: 200, requestId: 'CEF72CEB-54B6-4AE8-B225-F876FF7BA984', format: 'json' });
    const second = await t.send(del);
    expect(second).toMatchObject({ status: 404, error: { code: 'InvalidSnapshotId.NotFound' } });
    expect((await t.send(del)).status).toBe(404);
  });

  it('the signing scheme is a tweak, so it is part of the key (no rpc-v1 recording here)', async () => {
    const t = await open();
    const res = await t.send(del, { scheme: 'rpc-v1' });
    // scheme is a tweak, so it is part of the key: this cassette has no rpc-v1 recording.
    expect(res).toMatchObject({ outcome: 'transport-error', message: expect.stringMatching(/cassette has no aliyun interaction for POST \/\?.*tweak \{"scheme":"rpc-v1"\}/) });
  });

  it('a tweak selects its own recording', async () => {
    const res = await (await open()).send(del, { auth: 'bad-signature' });
    expect(res).toMatchObject({ status: 400, error: { code: 'SignatureDoesNotMatch' } });
  });

  it('unknown params miss with a message naming the request', async () => {
    const res = await (await open()).send({ ...del, params: { SnapshotId: 's-other' } });
    expect(res).toMatchObject({ outcome: 'transport-error', kind: 'other' });
    expect(res).toMatchObject({ outcome: 'transport-error', message: expect.stringMatching(/no aliyun interaction for POST \/\?SnapshotId=s-other/) });
  });

  it('replays volcengine (flattened list in the query) and huaweicloud (project id placeholder)', async () => {
    const t = await createTarget(`cassette:${DIR}`, { loaded: { contracts: [HW_ROUTE] } });
    targets.push(t);
    const v = await t.send({
      vendor: 'volcengine', service: 'ecs', version: '2020-04-01', operation: 'DeleteInstances',
      params: { InstanceIds: ['i-ybo349sxoncm9t000001', 'i-ybo349sxoncm9t000002'], ClientToken: 'volatile-token' },
    });
    expect(v).toMatchObject({ status: 200, requestId: '20261122102507000000000000000001' });
    const h = await t.send({ vendor: 'huaweicloud', service: 'evs', version: 'v2', operation: 'DeleteSnapshot', params: { snapshot_id: 'f9faf7df-fdc1-4093-9ef3-5cba06eef995' } });
    expect(h).toMatchObject({ status: 202, requestId: 'hw-req-0001' });
  });

  it('requestKey drops volatile params and keeps routing headers', () => {
    const key = requestKey({
      method: 'post', path: '/?Timestamp=1&SignatureNonce=2&Signature=3&SnapshotId=s-1&ExcludeDiskId.1=a&ExcludeDiskId.1=b',
      headers: { 'X-Acs-Action': 'DeleteSnapshot', Authorization: 'secret', 'x-acs-date': 'now' },
    });
    expect(key).toEqual({ method: 'POST', path: '/', query: { SnapshotId: 's-1', 'ExcludeDiskId.1': ['a', 'b'] }, headers: { 'x-acs-action': 'DeleteSnapshot' }, bodyHash: null });
  });

  it('a broken cassette fails with the file and the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cassette-'));
    writeFileSync(join(dir, 'aliyun.json'), JSON.stringify({ format: 'nope', vendor: 'aliyun', interactions: [] }));
    await expect(createTarget(`cassette:${dir}`)).rejects.toThrow(/aliyun.json: format must be "cloud-api-conformance\/cassette@1"/);
  });

  it('every field is checked on load, not trusted: the recorded cassettes load whole, a wrongly typed field is named', () => {
    for (const set of ['basic', 'recorded']) {
      for (const [vendor, c] of loadCassettes(join(FIXTURES, set))) {
        const raw = JSON.parse(readFileSync(join(FIXTURES, set, `${vendor}.json`), 'utf8'));
        expect(c.interactions).toHaveLength(raw.interactions.length);
        expect(c.fixtures).toEqual(raw.fixtures);
        expect(c.interactions.map((it) => it.request.tweak)).toEqual(raw.interactions.map((it: { request: { tweak?: unknown } }) => it.request.tweak));
      }
    }
    const ok = { request: { method: 'POST', path: '/', query: {}, bodyHash: null }, response: { status: 200, headers: {}, body: '' } };
    const file = (interactions: unknown[], extra = {}) => ({ format: 'cloud-api-conformance/cassette@1', vendor: 'aliyun', interactions, ...extra });
    expect(checkCassette(file([ok]), 'c.json').interactions[0]).toEqual(ok);
    expect(() => checkCassette(file([{ ...ok, request: { ...ok.request, query: { A: 1 } } }]), 'c.json')).toThrow(/c\.json: interactions\[0\]: query, headers and tweak hold strings/);
    expect(() => checkCassette(file([{ ...ok, response: { status: '200' } }]), 'c.json')).toThrow(/interactions\[0\]\.response\.status must be a number/);
    expect(() => checkCassette(file([ok], { fixtures: { creates: [{ kind: 'k', key: 'x' }], reads: [] } }), 'c.json')).toThrow(/fixtures: creates\[0\] needs kind, key and id/);
  });
});
