// The emulator's proof with the real @volcengine/openapi Service: DeleteInstances with several
// ids, per-instance errors in a 200, ClientToken idempotency (same answer, and a mismatch).
import { createRequire } from 'node:module';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_TEST_CREDENTIALS } from '../../core/test-credentials.ts';
import { createTarget } from '../../adapters/index.ts';
import { startEmulator, type RunningEmulator } from './emulator.ts';

const require = createRequire(import.meta.url);
const { Service } = require('@volcengine/openapi');
const CREDS = EMULATOR_TEST_CREDENTIALS.volcengine;

let emu: RunningEmulator;
beforeAll(async () => { emu = await startEmulator(); });
afterAll(async () => { await emu?.close(); });

type Answer = { ResponseMetadata: { RequestId: string; Error?: { Code: string; Message: string } }; Result?: { OperationDetails: { InstanceId: string; Error?: { Code: string; Message: string } }[] } };

function deleteInstances(params: Record<string, string>): Promise<Answer> {
  const svc = new Service({
    host: emu.host, protocol: 'http:', region: 'cn-beijing', serviceName: 'ecs',
    accessKeyId: CREDS.accessKeyId, secretKey: CREDS.accessKeySecret, defaultVersion: '2020-04-01',
  });
  return svc.createAPI('DeleteInstances', { Version: '2020-04-01', method: 'GET' })(params);
}
const ids = (list: string[]) => Object.fromEntries(list.map((id, i) => [`InstanceIds.${i + 1}`, id]));
const postPaid = () => emu.create('volcengine', 'instance', { region: 'cn-beijing', status: 'RUNNING', billing: 'PostPaid' });

describe('@volcengine/openapi against the emulator', () => {
  it('deletes several instances: one OperationDetails entry each, no errors', async () => {
    const list = [await postPaid(), await postPaid(), await postPaid()];
    const res = await deleteInstances(ids(list));
    expect(res.ResponseMetadata.Error).toBeUndefined();
    expect(res.ResponseMetadata.RequestId).toMatch(/\S/);
    expect(res.Result?.OperationDetails.map((d) => d.InstanceId).sort()).toEqual([...list].sort());
    for (const d of res.Result!.OperationDetails) expect(d.Error).toBeUndefined();
  });

  it('a PrePaid non-expired instance among deletable ones: 200 with OperationDetails[i].Error', async () => {
    const ok = await postPaid();
    const prepaid = await emu.create('volcengine', 'instance', { region: 'cn-beijing', status: 'RUNNING', billing: 'PrePaid', expired: false });
    const res = await deleteInstances(ids([ok, prepaid]));
    expect(res.ResponseMetadata.Error).toBeUndefined();
    const byId = Object.fromEntries(res.Result!.OperationDetails.map((d) => [d.InstanceId, d]));
    expect(byId[ok]!.Error).toBeUndefined();
    expect(byId[prepaid]!.Error?.Code).toMatch(/\S/);
    expect(byId[prepaid]!.Error?.Message).toMatch(/\S/);
    // The SDK hides the status; the same call over raw HTTP shows the 200.
    const t = await createTarget(emu.url, {});
    const again = await t.send({ vendor: 'volcengine', service: 'ecs', version: '2020-04-01', operation: 'DeleteInstances', params: { InstanceIds: [prepaid] } });
    await t.close?.();
    expect(again.status).toBe(200);
  });

  it('a retry with the same ClientToken gets the same answer; other params with it: IdempotentParameterMismatch', async () => {
    const list = [await postPaid(), await postPaid()];
    const token = `sdk-proof-${Date.now()}`;
    const first = await deleteInstances({ ...ids(list), ClientToken: token });
    const second = await deleteInstances({ ...ids(list), ClientToken: token });
    expect(first.ResponseMetadata.Error).toBeUndefined();
    expect(second.ResponseMetadata.Error).toBeUndefined();
    expect(second.Result).toEqual(first.Result);
    const other = await postPaid();
    const mismatch = await deleteInstances({ ...ids([other]), ClientToken: token });
    expect(mismatch.ResponseMetadata.Error?.Code).toBe('IdempotentParameterMismatch');
  });

  it('a wrong secret: ResponseMetadata.Error SignatureDoesNotMatch (resolved, not thrown)', async () => {
    const svc = new Service({ host: emu.host, protocol: 'http:', region: 'cn-beijing', serviceName: 'ecs', accessKeyId: CREDS.accessKeyId, secretKey: 'WrongSecretWrongSecretWrong00000', defaultVersion: '2020-04-01' });
    const res: Answer = await svc.createAPI('DeleteInstances', { Version: '2020-04-01', method: 'GET' })(ids(['i-demopostpaidrun001']));
    expect(res.ResponseMetadata.Error?.Code).toBe('SignatureDoesNotMatch');
  });

  it('health endpoint answers (sanity of the helper)', async () => {
    const r = await request(`${emu.url}/__emulator/health`);
    expect(r.statusCode).toBe(200);
    await r.body.dump();
  });
});
