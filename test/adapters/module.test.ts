// module: targets (a user's Target or factory) and sdk:module: (a user's mock of an official SDK).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTarget } from '../../adapters/index.ts';

const MODULES = join(import.meta.dirname, '../fixtures/modules');
const call = { vendor: 'aliyun' as const, service: 'ecs', version: '2014-05-26', operation: 'DeleteSnapshot', params: { SnapshotId: 's-1' } };

describe('module targets', () => {
  it('loads a factory export and passes it the options', async () => {
    const t = await createTarget(`module:${join(MODULES, 'echo-target.ts')}`, { region: { aliyun: 'cn-shanghai' } });
    expect(t.name).toBe('echo');
    expect(await t.send(call)).toMatchObject({ status: 200, body: { Operation: 'DeleteSnapshot', Region: 'cn-shanghai' } });
  });

  it('loads a default-exported Target object', async () => {
    const t = await createTarget(`module:${join(MODULES, 'static-target.ts')}`);
    expect((await t.send(call)).status).toBe(204);
  });

  it('a module without a target says what to export', async () => {
    await expect(createTarget(`module:${join(MODULES, 'aliyun-sdk-mock.ts')}`)).rejects.toThrow(/export a Target .* or a factory `createTarget\(opts\)`/);
    await expect(createTarget(`module:${join(MODULES, 'missing.ts')}`)).rejects.toThrow(/cannot import/);
  });

  it('sdk:module: drives the SDK adapter over a user mock of the SDK', async () => {
    const t = await createTarget(`sdk:module:${join(MODULES, 'aliyun-sdk-mock.ts')}`);
    expect(t.capabilities.tweaks).toBe(false);
    expect(await t.send(call)).toMatchObject({ status: 200, body: { RequestId: 'mock-1' }, requestId: 'mock-1' });
    expect(await t.send({ ...call, params: {} })).toMatchObject({ status: 400, error: { code: 'MissingParameter' }, requestId: 'mock-2' });
    expect((await t.send({ ...call, params: { SnapshotId: 's-1', Bogus: 1 } })).clientRejected).toMatch(/cannot express Bogus/);
    expect((await t.send(call, { auth: 'bad-signature' })).clientRejected).toMatch(/cannot send protocol tweaks \(auth: bad-signature\)/);
  });
});
