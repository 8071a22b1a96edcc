// The http and inprocess targets against the reference emulator: health -> fixtures capability,
// fixtures create/get through the control API, signed calls per vendor, a bad-signature tweak,
// and the SDK target (sdk:<url>) through the same send() interface.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationCall, Target } from '../../core/types.ts';
import { createTarget, type VendorAwareTarget } from '../../adapters/index.ts';
import { createEmulator, type Emulator } from '../../emulator/index.ts';
import { loadContracts } from '../../loader/index.ts';

const loaded = loadContracts();
let emulator: Emulator;
let url: string;
const targets: Record<string, Target> = {};
beforeAll(async () => {
  emulator = createEmulator({ world: 'demo', contracts: loaded });
  ({ url } = await emulator.listen({ port: 0, host: '127.0.0.1' }));
  const inproc = createEmulator({ world: 'demo', contracts: loaded });
  targets.http = await createTarget(url, { loaded, concurrency: 4, timeoutMs: 5000 });
  targets.inprocess = await createTarget('inprocess', { loaded, handler: inproc.handler, timeoutMs: 5000 });
  targets.sdk = await createTarget(`sdk:${url}`, { loaded, timeoutMs: 5000 });
});
afterAll(async () => {
  await Promise.all(Object.values(targets).map((t) => t.close?.()));
  await emulator?.close();
});

const aliyunDelete = (SnapshotId?: string): OperationCall => ({
  vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation: 'DeleteSnapshot', params: SnapshotId ? { SnapshotId } : {},
});
const hwDelete = (snapshot_id: string): OperationCall => ({
  vendor: 'huaweicloud', service: 'evs', version: 'v2', operation: 'DeleteSnapshot', params: { snapshot_id },
});
const PROJECT = '0123456789abcdef0123456789abcdef';

describe.each(['http', 'inprocess'])('%s target against the emulator', (name) => {
  const t = () => targets[name]!;

  it('sees the emulator: fixtures, raw HTTP, tweaks, status', () => {
    expect(t().capabilities).toEqual({ fixtures: true, xml: true, tweaks: true });
    expect(t().fixtures).toBeDefined();
  });

  it('creates a fixture and reads it back; a deleted one reads as undefined', async () => {
    const spec = { as: 'snap', kind: 'snapshot', fields: { diskId: 'd-demosystem0000000001', status: 'accomplished' } };
    const id = await t().fixtures!.create('aliyun', spec, spec.fields);
    expect(id).toMatch(/^s-/);
    expect(await t().fixtures!.get('aliyun', 'snapshot', id)).toMatchObject({ id, status: 'accomplished' });
    const res = await t().send(aliyunDelete(id));
    expect(res).toMatchObject({ status: 200, format: 'json', attempts: 1 });
    expect(res.requestId).toMatch(/\S/);
    expect(await t().fixtures!.get('aliyun', 'snapshot', id)).toBeUndefined();
  });

  it('documented errors come back normalised (status, code, requestId)', async () => {
    const missing = await t().send(aliyunDelete());
    expect(missing).toMatchObject({ status: 400, error: { code: 'MissingParameter' } });
    const unknown = await t().send(hwDelete('5f0b8a52-ffff-4a1e-9c3d-00000000ffff'));
    expect(unknown).toMatchObject({ status: 404, error: { code: 'EVS.5404' } });
    expect(unknown.requestId).toMatch(/\S/);
  });

  it('a signed Huawei DELETE (route from the contract) gets 202 with no body', async () => {
    const spec = { as: 's', kind: 'snapshot', fields: { projectId: PROJECT, name: 'adapter-test', status: 'available' } };
    const id = await t().fixtures!.create('huaweicloud', spec, spec.fields);
    expect(await t().send(hwDelete(id))).toMatchObject({ status: 202, format: 'none' });
  });

  it('a Volcengine DeleteInstances with a list is flattened and signed', async () => {
    const spec = { as: 'i', kind: 'instance', fields: { status: 'RUNNING', billing: 'PostPaid' } };
    const a = await t().fixtures!.create('volcengine', spec, spec.fields);
    const b = await t().fixtures!.create('volcengine', spec, spec.fields);
    const res = await t().send({ vendor: 'volcengine', service: 'ecs', version: '2020-04-01', operation: 'DeleteInstances', params: { InstanceIds: [a, b] } });
    expect(res.status).toBe(200);
    expect((res.body as { Result: { OperationDetails: unknown[] } }).Result.OperationDetails).toHaveLength(2);
  });

  it.each([
    ['aliyun', aliyunDelete('s-demoplain00000000001'), 'SignatureDoesNotMatch', 400],
    ['huaweicloud', hwDelete('5f0b8a52-0001-4a1e-9c3d-000000000001'), 'APIGW.0301', 401],
    ['volcengine', { vendor: 'volcengine', service: 'ecs', version: '2020-04-01', operation: 'DeleteInstances', params: { InstanceIds: ['i-demopostpaidrun001'] } } as OperationCall, 'SignatureDoesNotMatch', 401],
  ] as const)('a bad-signature tweak gets the %s signature error', async (_v, call, code, status) => {
    const res = await t().send(call, { auth: 'bad-signature' });
    expect(res).toMatchObject({ status, error: { code } });
  });

  it('the Alibaba v1 scheme and an XML answer', async () => {
    const res = await t().send({ ...aliyunDelete(), format: 'XML' }, { scheme: 'rpc-v1' });
    expect(res).toMatchObject({ status: 400, format: 'xml', error: { code: 'MissingParameter' } });
  });
});

describe('sdk target against the emulator', () => {
  const t = () => targets.sdk as VendorAwareTarget;

  it('capabilities: no tweaks, fixtures through the control API, unobservable checks per vendor', () => {
    expect(t().capabilities).toMatchObject({ tweaks: false, fixtures: true });
    expect(t().capabilitiesFor('huaweicloud').unobservable).toContain('envelope');
    expect(t().capabilitiesFor('aliyun').unobservable).not.toContain('envelope');
  });

  it('aliyun: typed result re-keyed to the wire form; errors with status, code, requestId', async () => {
    const spec = { as: 'g', kind: 'snapshot', fields: { diskId: 'd-demosystem0000000001', status: 'accomplished' } };
    const id = await t().fixtures!.create('aliyun', spec, spec.fields);
    const ok = await t().send(aliyunDelete(id));
    expect(ok).toMatchObject({ status: 200, format: 'json', body: { RequestId: expect.any(String) } });
    const group = await t().send({
      vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation: 'CreateSnapshotGroup',
      params: { RegionId: 'cn-hangzhou', InstanceId: 'i-demorunning000000001', ExcludeDiskId: ['d-demodata000000000001'], Name: 'sdk-adapter' },
    });
    expect(group).toMatchObject({ status: 200, body: { SnapshotGroupId: expect.stringMatching(/^ssg-/) } });
    const del = await t().send({
      vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation: 'DeleteSnapshotGroup',
      params: { RegionId: 'cn-hangzhou', SnapshotGroupId: (group.body as { SnapshotGroupId: string }).SnapshotGroupId },
    });
    expect((del.body as { OperationProgressSet: { OperationProgress: unknown[] } }).OperationProgressSet.OperationProgress.length).toBeGreaterThan(0);
    const missing = await t().send(aliyunDelete());
    expect(missing).toMatchObject({ status: 400, error: { code: 'MissingParameter' }, requestId: expect.any(String) });
    expect((await t().send(aliyunDelete(id), { scheme: 'rpc-v1' })).status).toBe(404);
    // a signing case the SDK's settings express: a client configured with a wrong secret
    expect(await t().send(aliyunDelete(id), { auth: 'bad-signature' })).toMatchObject({ status: 400, error: { code: 'SignatureDoesNotMatch' } });
    expect(await t().send(aliyunDelete(id), { auth: 'unknown-key' })).toMatchObject({ status: 404, error: { code: 'InvalidAccessKeyId.NotFound' } });
    expect((await t().send(aliyunDelete(id), { auth: 'expired' }))).toMatchObject({ outcome: 'unsendable', message: expect.stringMatching(/cannot send these protocol tweaks \(auth: expired\)/) });
  });

  it('volcengine: no status, error from ResponseMetadata.Error', async () => {
    const res = await t().send({ vendor: 'volcengine', service: 'ecs', version: '2020-04-01', operation: 'DeleteInstances', params: {} });
    expect(res.status).toBeUndefined();
    expect(res.error?.code).toMatch(/MissingParameter|InvalidParameter/);
    expect(res.requestId).toMatch(/\S/);
  });

  it('huaweicloud: 202; errors as status + code; a missing path param is rejected client-side', async () => {
    const spec = { as: 's', kind: 'snapshot', fields: { projectId: PROJECT, name: 'sdk-adapter', status: 'available' } };
    const id = await t().fixtures!.create('huaweicloud', spec, spec.fields);
    expect(await t().send(hwDelete(id))).toMatchObject({ status: 202, format: 'none' });
    // deleting until the emulator's clock moves on (--deletion-ms), then gone: a second delete is a 404
    await t().fixtures!.advanceClock!(60_000);
    expect(await t().send(hwDelete(id))).toMatchObject({ status: 404 });
    const rejected = await t().send({ ...hwDelete('x'), params: {} });
    expect(rejected).toMatchObject({ outcome: 'client-rejected', message: 'RequiredError: Required parameter snapshotId was null or undefined when calling deleteSnapshot.' });
  });
});

describe('an emulator started with a control token', () => {
  const TOKEN = 'adapter-s3cret';
  let guarded: Emulator;
  let guardedUrl: string;
  beforeAll(async () => {
    guarded = createEmulator({ world: 'demo', contracts: loaded, controlToken: TOKEN });
    ({ url: guardedUrl } = await guarded.listen({ port: 0, host: '127.0.0.1' }));
  });
  afterAll(async () => { await guarded?.close(); });

  const specFor = (kind: string) => (kind === 'inprocess' ? 'inprocess' : kind === 'sdk' ? `sdk:${guardedUrl}` : guardedUrl);
  it.each(['http', 'inprocess', 'sdk'])('%s: fixtures only with the token (sent as x-emulator-token)', async (kind) => {
    const opened: Target[] = [];
    try {
      const open = async (controlToken?: string) => {
        const t = await createTarget(specFor(kind), { loaded, handler: guarded.handler, timeoutMs: 5000, controlToken });
        opened.push(t);
        return t;
      };
      const without = await open();
      expect(without.capabilities.fixtures).toBe(false);
      expect(without.fixtures).toBeUndefined();
      expect((await open('wrong')).capabilities.fixtures).toBe(false);
      const withToken = await open(TOKEN);
      expect(withToken.capabilities.fixtures).toBe(true);
      const spec = { as: 'snap', kind: 'snapshot', fields: { diskId: 'd-demosystem0000000001', status: 'accomplished' } };
      const id = await withToken.fixtures!.create('aliyun', spec, spec.fields);
      expect(await withToken.fixtures!.get('aliyun', 'snapshot', id)).toMatchObject({ id });
    } finally {
      await Promise.all(opened.map((t) => t.close?.()));
    }
  });
});
