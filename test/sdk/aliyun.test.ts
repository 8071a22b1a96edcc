// The emulator's proof with the real @alicloud/ecs20140526 client: typed results filled in,
// documented errors as SDK errors with the right code and statusCode, signatures in both schemes.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_TEST_CREDENTIALS } from '../../core/test-credentials.ts';
import { startEmulator, type RunningEmulator } from './emulator.ts';

const require = createRequire(import.meta.url);
const Ecs = require('@alicloud/ecs20140526');
const { $OpenApiUtil } = require('@alicloud/openapi-core');
const CREDS = EMULATOR_TEST_CREDENTIALS.aliyun;
const INSTANCE = 'i-demorunning000000001';

let emu: RunningEmulator;
beforeAll(async () => { emu = await startEmulator(); });
afterAll(async () => { await emu?.close(); });

function client(opts: { secret?: string; v1?: boolean } = {}) {
  return new Ecs.default(new $OpenApiUtil.Config({
    accessKeyId: CREDS.accessKeyId, accessKeySecret: opts.secret ?? CREDS.accessKeySecret,
    endpoint: emu.host, protocol: 'http', regionId: 'cn-hangzhou',
    ...(opts.v1 ? { signatureAlgorithm: 'v2' } : {}),
  }));
}

async function sdkError(p: Promise<unknown>): Promise<{ name: string; code: string; statusCode: number; data: Record<string, unknown> }> {
  try { await p; } catch (e) { return e as never; }
  throw new Error('expected the SDK to throw');
}

async function newSnapshot(fields: Record<string, unknown> = {}): Promise<string> {
  return emu.create('aliyun', 'snapshot', { regionId: 'cn-hangzhou', diskId: 'd-demosystem0000000001', status: 'accomplished', progress: 100, ...fields });
}

describe('@alicloud/ecs20140526 against the emulator', () => {
  it('CreateSnapshotGroup then DeleteSnapshotGroup: typed results are filled in', async () => {
    const created = await client().createSnapshotGroup(new Ecs.CreateSnapshotGroupRequest({
      regionId: 'cn-hangzhou', instanceId: INSTANCE, instantAccess: true, instantAccessRetentionDays: 1,
      name: 'sdk-proof-group', description: 'made by the SDK proof test', excludeDiskId: ['d-demodata000000000001'],
    }));
    expect(created.statusCode).toBe(200);
    expect(created.body).toBeInstanceOf(Ecs.CreateSnapshotGroupResponseBody);
    expect(created.body.requestId).toMatch(/\S/);
    expect(created.body.snapshotGroupId).toMatch(/^ssg-/);
    expect(await emu.get('aliyun', 'snapshotGroup', created.body.snapshotGroupId)).toBeDefined();

    const deleted = await client().deleteSnapshotGroup(new Ecs.DeleteSnapshotGroupRequest({
      regionId: 'cn-hangzhou', snapshotGroupId: created.body.snapshotGroupId,
    }));
    expect(deleted.statusCode).toBe(200);
    expect(deleted.body.requestId).toMatch(/\S/);
    const progress = deleted.body.operationProgressSet.operationProgress;
    expect(Array.isArray(progress)).toBe(true);
    expect(progress.length).toBeGreaterThan(0);
    for (const p of progress) {
      expect(p.operationStatus).toBe('Success');
      expect(Array.isArray(p.relatedItemSet.relatedItem)).toBe(true);
      expect(p.relatedItemSet.relatedItem[0]).toMatchObject({ name: 'SnapshotId', value: expect.stringMatching(/^s-/) });
    }
  });

  it('DeleteSnapshot succeeds and the snapshot is gone', async () => {
    const id = await newSnapshot();
    const res = await client().deleteSnapshot(new Ecs.DeleteSnapshotRequest({ snapshotId: id }));
    expect(res.statusCode).toBe(200);
    expect(res.body.requestId).toMatch(/\S/);
    expect(await emu.get('aliyun', 'snapshot', id)).toBeUndefined();
  });

  it('a snapshot used by an image: ClientError SnapshotCreatedImage 403', async () => {
    const id = await newSnapshot();
    await emu.create('aliyun', 'image', { regionId: 'cn-hangzhou', snapshotIds: [id] });
    const e = await sdkError(client().deleteSnapshot(new Ecs.DeleteSnapshotRequest({ snapshotId: id })));
    expect(e).toMatchObject({ name: 'ClientError', code: 'SnapshotCreatedImage', statusCode: 403 });
    expect(e.data.RequestId).toMatch(/\S/);
    expect(await emu.get('aliyun', 'snapshot', id)).toBeDefined();
  });

  it('no SnapshotId: ClientError MissingParameter 400', async () => {
    const e = await sdkError(client().deleteSnapshot(new Ecs.DeleteSnapshotRequest({})));
    expect(e).toMatchObject({ name: 'ClientError', code: 'MissingParameter', statusCode: 400 });
  });

  it('an unknown snapshot: InvalidSnapshotId.NotFound 404', async () => {
    const e = await sdkError(client().deleteSnapshot(new Ecs.DeleteSnapshotRequest({ snapshotId: 's-doesnotexist00000001' })));
    expect(e).toMatchObject({ code: 'InvalidSnapshotId.NotFound', statusCode: 404 });
  });

  it('a wrong secret: SignatureDoesNotMatch (ACS3)', async () => {
    const e = await sdkError(client({ secret: 'WrongSecretWrongSecretWrong0000' }).deleteSnapshot(new Ecs.DeleteSnapshotRequest({ snapshotId: 's-demoplain00000000001' })));
    expect(e).toMatchObject({ code: 'SignatureDoesNotMatch', statusCode: 400 });
  });

  it('the v1 scheme (signatureAlgorithm v2, HMAC-SHA1) is accepted, and checked', async () => {
    const id = await newSnapshot();
    const res = await client({ v1: true }).deleteSnapshot(new Ecs.DeleteSnapshotRequest({ snapshotId: id }));
    expect(res.statusCode).toBe(200);
    expect(res.body.requestId).toMatch(/\S/);
    const e = await sdkError(client({ v1: true, secret: 'WrongSecretWrongSecretWrong0000' }).deleteSnapshot(new Ecs.DeleteSnapshotRequest({ snapshotId: 's-demoplain00000000001' })));
    expect(e).toMatchObject({ code: 'SignatureDoesNotMatch', statusCode: 400 });
  });

  it('an injected throttle surfaces as ThrottlingError with its status', async () => {
    await emu.fault({ kinds: ['throttle'], count: 1, match: { vendor: 'aliyun', operation: 'DeleteSnapshot' } });
    const e = await sdkError(client().deleteSnapshot(new Ecs.DeleteSnapshotRequest({ snapshotId: 's-demoplain00000000001' })));
    expect(e.name).toBe('ThrottlingError');
    expect(e.code).toMatch(/Throttling/);
    expect(e.statusCode).toBeGreaterThanOrEqual(400);
  });
});
