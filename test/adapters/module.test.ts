// module: targets (a user's Target or factory) and sdk:module: (a user's mock of an official SDK).
import { join } from 'node:path';
import { judge } from '../../checks/index.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
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

  it('answers with the flags of earlier versions are read as the outcome they name', async () => {
    const t = await createTarget(`module:${join(MODULES, 'legacy-flags-target.ts')}`);
    const as = (operation: string) => t.send({ ...call, operation });
    expect(await as('DeleteSnapshot')).toEqual({ outcome: 'answered', status: 200, requestId: 'r-1', attempts: 1 });
    expect(await as('Timeout')).toEqual({ outcome: 'transport-error', kind: 'timeout', message: 'slow', durationMs: 5 });
    expect(await as('Refuse')).toEqual({ outcome: 'client-rejected', message: 'SnapshotId is required', enforced: ['SnapshotId.required'] });
    expect(await as('Cannot')).toEqual({ outcome: 'unsendable', message: 'no field for X' });
    // a flag wins over the answer's fields, as the runner read it: never judged
    expect(await as('Guarded')).toEqual({ outcome: 'refused', message: 'unlisted id' });
    // an answer in the current form is passed through unchanged
    expect(await (await createTarget(`module:${join(MODULES, 'echo-target.ts')}`)).send(call)).toMatchObject({ outcome: 'answered', status: 200 });
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
    expect((await t.send({ ...call, params: { SnapshotId: 's-1', Bogus: 1 } }))).toMatchObject({ outcome: 'unsendable', message: expect.stringMatching(/cannot express Bogus/) });
    expect((await t.send(call, { auth: 'expired' }))).toMatchObject({ outcome: 'unsendable', message: expect.stringMatching(/cannot send these protocol tweaks \(auth: expired\)/) });
  });

  it('an SDK that loses the vendor\'s code on a 4xx: an answer with no code, so an error case fails (not a client-side pass)', async () => {
    const t = await createTarget(`sdk:module:${join(MODULES, 'aliyun-sdk-lossy-mock.ts')}`);
    const lost = await t.send({ ...call, params: {} });
    expect(lost.outcome).not.toBe('client-rejected');
    expect(lost).toMatchObject({ status: 400, error: { message: expect.stringMatching(/without the vendor's code: Request failed with status code 400/) } });
    expect(lost.error?.code).toBeUndefined();
    // judged as the missing-parameter case would be: the error-code check fails it, naming what was lost
    const loaded = loadContracts();
    const k = generateCases(loaded, { seed: 1, depth: 'standard' }).find((c) => c.id === 'aliyun.ecs.DeleteSnapshot/required/SnapshotId-missing')!;
    const j = judge(k, lost, { contract: loaded.byId(k.contract), profile: loaded.profiles.aliyun, capabilities: t.capabilities });
    expect(j.verdict).toBe('fail');
    expect(j.reason).toMatch(/got no error code/);
  });
});
