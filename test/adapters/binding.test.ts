// The SDK binding harness (issue 17 item 2): how a binding's result or thrown error becomes an answer
// the checks judge, what the harness configures for signing cases, and a binding module's errors.
// Table-driven over a scripted binding; the reference SDK's own proof is `npm run mutants:sdk`.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindingSender, CannotSend, type BindingFactory, type BindingSettings } from '../../adapters/sdk/binding.ts';
import { createTarget } from '../../adapters/index.ts';
import type { OperationCall, ProtocolTweak } from '../../core/types.ts';

const CALL: OperationCall = { vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation: 'DeleteSnapshot', params: { SnapshotId: 's-1' } };
const BASE = { vendor: 'aliyun' as const, endpoint: new URL('http://127.0.0.1:1'), credentials: { accessKeyId: 'AKID', accessKeySecret: 'SECRET' }, region: 'cn-hangzhou', timeoutMs: 1000 };

/** A binding whose DeleteSnapshot does what `outcome` says; records the settings it was built with. */
function scripted(outcome: () => unknown, extra: Partial<ReturnType<BindingFactory>> = {}) {
  const built: BindingSettings[] = [];
  const calls: { params: Record<string, unknown>; version: string; method?: string }[] = [];
  const factory: BindingFactory = (s) => {
    built.push(s);
    return {
      enforces: ['SnapshotId.required'],
      operations: {
        DeleteSnapshot: {
          call: async (params, ctx) => { calls.push({ params, version: ctx.version, ...(ctx.method ? { method: ctx.method } : {}) }); return outcome(); },
          fields: { RequestId: 'requestId' },
        },
        CreateSnapshotGroup: { call: async () => outcome(), fills: ['RegionId'] },
      },
      ...extra,
    };
  };
  return { send: bindingSender({ ...BASE, factory }), built, calls };
}

const throws = (e: unknown) => () => { throw e; };

describe('binding harness', () => {
  it.each([
    ['a result, renamed back to the contract\'s names', () => ({ requestId: 'r-1' }), { outcome: 'answered', body: { RequestId: 'r-1' }, requestId: 'r-1', format: 'json' }],
    ['an error with status, code and request id', throws(Object.assign(new Error('x'), { statusCode: 404, code: 'InvalidSnapshotId.NotFound', requestId: 'r-2' })), { outcome: 'answered', status: 404, error: { code: 'InvalidSnapshotId.NotFound' }, requestId: 'r-2' }],
    ['an error with a status but no code: an answer with no code (undecoded)', throws(Object.assign(new Error('boom'), { statusCode: 400 })), { outcome: 'answered', status: 400, format: 'other', error: { message: expect.stringMatching(/without the vendor's code/) } }],
    ['a message-only HTTP error: undecoded too', throws(new Error('Request failed with status code 403')), { outcome: 'answered', status: 403, format: 'other' }],
    ['no answer (connection refused): a transport error', throws(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), { outcome: 'transport-error', kind: 'connection' }],
    ['a timeout: a transport error', throws(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' })), { outcome: 'transport-error', kind: 'timeout' }],
    ['what the SDK cannot express: skipped', throws(new CannotSend('no field for Bogus')), { outcome: 'unsendable', message: 'no field for Bogus' }],
    ['any other throw: a client-side refusal, with what the binding enforces', throws(new TypeError('snapshotId must be set')), { outcome: 'client-rejected', message: 'TypeError: snapshotId must be set', enforced: ['SnapshotId.required'] }],
  ])('%s', async (_name, outcome, expected) => {
    const { send } = scripted(outcome);
    expect(await send(CALL, undefined)).toMatchObject({ ...expected, attempts: 1 });
  });

  it('decodeResult: a result that carries the vendor\'s error (Volcengine) is an error answer', async () => {
    const { send } = scripted(() => ({ meta: 'x' }), { decodeResult: () => ({ requestId: 'r-3', code: 'InvalidInstance.NotFound', message: 'gone', body: { a: 1 } }) });
    expect(await send(CALL, undefined)).toMatchObject({ error: { code: 'InvalidInstance.NotFound', message: 'gone' }, requestId: 'r-3', body: { a: 1 } });
  });

  it('an operation the binding lacks, and a parameter the SDK fills itself, are skipped', async () => {
    const { send } = scripted(() => ({}));
    expect(await send({ ...CALL, operation: 'DescribeSnapshots' }, undefined)).toMatchObject({ outcome: 'unsendable', message: 'the binding has no operation DescribeSnapshots' });
    expect(await send({ ...CALL, operation: 'CreateSnapshotGroup', params: {} }, undefined)).toMatchObject({ outcome: 'unsendable', message: expect.stringMatching(/fills RegionId itself/) });
    expect(await send({ ...CALL, operation: 'CreateSnapshotGroup', params: { RegionId: 'cn-hangzhou' } }, undefined)).toMatchObject({ outcome: 'answered' });
  });

  it.each<[string, ProtocolTweak, Partial<BindingSettings['credentials']> & { scheme?: string; anonymous?: boolean }]>([
    ['a wrong secret', { auth: 'bad-signature' }, { accessKeyId: 'AKID', accessKeySecret: 'SECRET-wrong' }],
    ['an unknown key', { auth: 'unknown-key' }, { accessKeyId: 'AKIDUnknownKey0000000000', accessKeySecret: 'SECRET' }],
    ['the v1 scheme', { scheme: 'rpc-v1' }, { accessKeyId: 'AKID', scheme: 'rpc-v1' }],
    ['no signature', { auth: 'none' }, { accessKeyId: 'AKID', anonymous: true }],
  ])('a signing case is a client configured with %s', async (_name, tweak, want) => {
    const { send, built } = scripted(() => ({}));
    await send(CALL, undefined);
    await send(CALL, tweak);
    await send(CALL, tweak); // the same configuration is built once
    expect(built).toHaveLength(2);
    const { scheme, anonymous, ...creds } = want;
    expect(built[1]!.credentials).toMatchObject(creds);
    if (scheme) expect(built[1]!.scheme).toBe(scheme);
    if (anonymous) expect(built[1]!.anonymous).toBe(true);
    expect(built[0]!.credentials.accessKeySecret).toBe('SECRET');
  });

  it('a case about another project configures the client with that project; an action, version or method by name reaches the call', async () => {
    const { send, built, calls } = scripted(() => ({}));
    await send({ ...CALL, params: { project_id: 'p-2', SnapshotId: 's-1' } }, undefined);
    expect(built[0]!.credentials.projectId).toBe('p-2');
    await send(CALL, { action: 'DeleteSnapshot', version: '2099-01-01', method: 'PATCH' });
    expect(calls.at(-1)).toMatchObject({ version: '2099-01-01', method: 'PATCH' });
  });
});

describe('sdk:binding: modules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'binding-'));
  const write = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

  it.each([
    ['no bindings export', 'export const x = 1;', /exports `bindings: \{ aliyun\?, volcengine\?, huaweicloud\? \}`/],
    ['a key that is no vendor', 'export const bindings = { aws: () => ({}) };', /bindings\.aws: not a vendor/],
    ['a binding that is no function', "export const bindings = { aliyun: () => ({}), volcengine: 'x' };", /bindings\.volcengine is not a function/],
  ])('%s: a clear error', async (_name, text, message) => {
    await expect(createTarget(`sdk:binding:${write(`${_name.replace(/\W/g, '')}.mjs`, text)}`)).rejects.toThrow(message);
  });

  it('a vendor the module does not bind is skipped with the reason', async () => {
    const t = await createTarget(`sdk:binding:${write('only-aliyun.mjs', "export const endpoint = 'http://127.0.0.1:9';\nexport const bindings = { aliyun: () => ({ operations: {} }) };")}`);
    try {
      expect(t.name).toBe('sdk:binding');
      expect(await t.send({ ...CALL, vendor: 'volcengine' })).toMatchObject({ outcome: 'unsendable', message: 'the binding covers no volcengine operation' });
      expect(await t.send(CALL, { auth: 'expired' })).toMatchObject({ outcome: 'unsendable', message: expect.stringMatching(/cannot send these protocol tweaks \(auth: expired\)/) });
    } finally { await t.close?.(); }
  });
});
