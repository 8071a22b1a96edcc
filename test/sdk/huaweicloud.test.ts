// The emulator's proof with the real @huaweicloud/huaweicloud-sdk-core: DELETE a snapshot -> 202;
// the documented errors -> ClientRequestException with the status. The SDK's logger must stay
// silent (it would print Authorization headers) and its application_id file must not land in HOME.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_TEST_CREDENTIALS } from '../../core/test-credentials.ts';
import { silenceHuaweiLogging } from '../../adapters/sdk/huaweicloud.ts';
import { startEmulator, type RunningEmulator } from './emulator.ts';

const require = createRequire(import.meta.url);
const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core');
const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js');
const CREDS = EMULATOR_TEST_CREDENTIALS.huaweicloud;
const PROJECT = CREDS.projectId!;

let emu: RunningEmulator;
let hc: { sendRequest(o: Record<string, unknown>): Promise<Record<string, unknown>> };
beforeAll(async () => {
  emu = await startEmulator();
  silenceHuaweiLogging();
  const home = process.env.HOME;
  process.env.HOME = mkdtempSync(join(tmpdir(), 'hw-sdk-home-'));
  try {
    hc = new ClientBuilder((c: unknown) => c).withEndpoint(emu.url)
      .withCredential(new BasicCredentials().withAk(CREDS.accessKeyId).withSk(CREDS.accessKeySecret).withProjectId(PROJECT)).build();
  } finally { process.env.HOME = home; }
});
afterAll(async () => { await emu?.close(); });

const del = (id: string) => hc.sendRequest({
  method: 'DELETE', url: '/v2/{project_id}/cloudsnapshots/{snapshot_id}', contentType: 'application/json',
  queryParams: {}, pathParams: { snapshot_id: id }, headers: {}, data: {}, responseHeaders: [''],
});
const snapshot = (fields: Record<string, unknown>) => emu.create('huaweicloud', 'snapshot', { projectId: PROJECT, name: 'sdk-proof', status: 'available', ...fields });

async function rejected(p: Promise<unknown>): Promise<{ name?: string; constructor: { name: string }; httpStatusCode: number; errorCode?: string; errorMsg?: string; requestId?: string }> {
  try { await p; } catch (e) { return e as never; }
  throw new Error('expected the SDK to throw');
}

/** Run fn with stdout captured; returns what was printed. */
async function captureStdout(fn: () => Promise<unknown>): Promise<string> {
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => { out += String(chunk); return true; }) as typeof process.stdout.write;
  try { await fn(); } finally { process.stdout.write = write; }
  return out;
}

describe('@huaweicloud/huaweicloud-sdk-core against the emulator', () => {
  it('deletes an available snapshot: httpStatusCode 202, and it is gone', async () => {
    const id = await snapshot({});
    const res = await del(id);
    expect(res.httpStatusCode).toBe(202);
    // deleting first (as Terraform sees it), gone once the emulator's clock has moved on
    expect(await emu.get('huaweicloud', 'snapshot', id)).toMatchObject({ status: 'deleting' });
    await emu.advanceClock(60_000);
    expect(await emu.get('huaweicloud', 'snapshot', id)).toBeUndefined();
  });

  it('an error-status snapshot is deletable too', async () => {
    expect((await del(await snapshot({ status: 'error' }))).httpStatusCode).toBe(202);
  });

  it('an autobk_snapshot_ snapshot: ClientRequestException 400', async () => {
    const e = await rejected(del(await snapshot({ name: 'autobk_snapshot_sdkproof' })));
    expect(e.constructor.name).toBe('ClientRequestException');
    expect(e.httpStatusCode).toBe(400);
    expect(e.errorCode).toBe('badRequest');
    expect(e.errorMsg).toMatch(/autobk_snapshot_/);
    expect(e.requestId).toMatch(/\S/);
  });

  it('a snapshot in the wrong status (creating): ClientRequestException 400 EVS.1047 (the EVS appendix)', async () => {
    const e = await rejected(del(await snapshot({ status: 'creating' })));
    expect(e.constructor.name).toBe('ClientRequestException');
    expect(e.httpStatusCode).toBe(400);
    expect(e.errorCode).toBe('EVS.1047');
  });

  it('an unknown snapshot id: ClientRequestException 404 EVS.5404, the code cloudmux reads as not found', async () => {
    const e = await rejected(del('5f0b8a52-ffff-4a1e-9c3d-00000000ffff'));
    expect(e.constructor.name).toBe('ClientRequestException');
    expect(e.httpStatusCode).toBe(404);
    expect(e.errorCode).toBe('EVS.5404');
  });

  it('the SDK logger prints nothing, in particular no Authorization header', async () => {
    const printed = await captureStdout(() => rejected(del('5f0b8a52-ffff-4a1e-9c3d-00000000fffe')));
    expect(printed).not.toMatch(/SDK-HMAC-SHA256|Authorization/i);
    expect(printed).toBe('');
  });
});
