// Protocol test vectors (issue 16 item 6): the official SDKs' requests frozen as data, run through
// our signers and verifiers with no SDK. Each vector must rebuild byte for byte (signature, path,
// body), rebuild the frozen canonical request and string to sign, and verify; a tampered request
// or a shifted clock must not. A child process whose loader refuses every SDK package runs them all.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { protocolFor } from '../../protocols/index.ts';
import { loadVectors, runVector, signatureOf, VENDORS_WITH_VECTORS, type Vector } from './run-vectors.ts';

const ROOT = join(import.meta.dirname, '../..');
const REGISTER = join(import.meta.dirname, 'no-sdk-register.mjs');
const all = VENDORS_WITH_VECTORS.flatMap((vendor) => loadVectors(vendor).map((v) => ({ vendor, v })));

/** Every scheme the SDKs speak has vectors: ACS3 and v1, Volcengine GET and form POST, Huawei. */
const COVERAGE: Record<string, RegExp[]> = {
  aliyun: [/acs3/, /v1/, /STS/],
  volcengine: [/GET/, /POST/],
  huaweicloud: [/DELETE/, /GET/],
};

function tamperedSignature(v: Vector): Vector['expected'] {
  const sig = signatureOf(v.expected)!;
  const flipped = (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1);
  const headers = { ...v.expected.headers };
  const auth = Object.keys(headers).find((k) => k.toLowerCase() === 'authorization');
  if (auth) return { ...v.expected, headers: { ...headers, [auth]: headers[auth]!.replace(sig, flipped) } };
  const path = v.expected.path.replace(/([?&]Signature=)(.)/, (_m, k: string, c: string) => k + (c === 'a' ? 'b' : 'a'));
  expect(path).not.toBe(v.expected.path);
  return { ...v.expected, path };
}

describe('protocol vectors as data', () => {
  it.each(Object.entries(COVERAGE))('%s: the vectors cover every scheme', (vendor, schemes) => {
    const names = loadVectors(vendor as 'aliyun').map((v) => v.name);
    for (const s of schemes) expect(names.some((n) => s.test(n)), `${vendor} has no ${s} vector`).toBe(true);
  });

  it.each(all.map(({ vendor, v }) => [v.name, vendor, v] as const))('%s: signer and verifier agree with the SDK', (_n, vendor, v) => {
    const r = runVector(vendor, v);
    expect(r.signature.built).toBe(r.signature.expected);
    expect(r.signature.expected).toMatch(/^[0-9a-f]{64}$|^[A-Za-z0-9+/%]+=*(%3D)*$/);
    expect(r.path.built).toBe(r.path.expected);
    expect(r.body.built).toBe(r.body.expected);
    expect(r.canonicalRequest.rebuilt).toBe(r.canonicalRequest.expected);
    expect(r.stringToSign.rebuilt).toBe(r.stringToSign.expected);
    expect(r.verified).toBe('ok');
  });

  it.each(all.map(({ vendor, v }) => [v.name, vendor, v] as const))('%s: a flipped signature byte fails verification', (_n, vendor, v) => {
    const r = runVector(vendor, v, tamperedSignature(v));
    expect(r.verified).toBe('bad-signature');
    // the signature is not signed over: the verifier reports the vector's own strings
    expect(r.mismatchStrings).toEqual({ canonicalRequest: v.expected.canonicalRequest, stringToSign: v.expected.stringToSign });
  });

  it.each(all.filter(({ v }) => v.rebuildable !== false).map(({ vendor, v }) => [v.name, vendor, v] as const))(
    '%s: a signer one second off does not match the vector', (_n, vendor, v) => {
      const shifted = { ...v, input: { ...v.input, now: new Date(Date.parse(v.input.now) + 1000).toISOString() } };
      const r = runVector(vendor, shifted, v.expected);
      expect(r.signature.built).not.toBe(r.signature.expected);
    });

  it('a changed parameter changes the rebuilt strings and fails verification', () => {
    const { vendor, v } = all.find(({ v }) => v.name.includes('acs3 DeleteSnapshot'))!;
    const changed = { ...v.expected, path: v.expected.path.replace('RegionId=cn-hangzhou', 'RegionId=cn-beijing') };
    expect(changed.path).not.toBe(v.expected.path);
    expect(protocolFor(vendor).signingStrings(changed)?.canonicalRequest).not.toBe(v.expected.canonicalRequest);
    expect(runVector(vendor, v, changed).verified).toBe('bad-signature');
  });

  describe('without the SDKs', () => {
    const node = (args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', '--import', REGISTER, ...args], { cwd: ROOT, timeout: 30_000 });

    it('a child process that cannot load any SDK package runs every vector', async () => {
      const { stdout } = await node([join(import.meta.dirname, 'run-vectors.ts')]);
      const results = JSON.parse(stdout) as ReturnType<typeof runVector>[];
      expect(results).toHaveLength(all.length);
      for (const r of results) {
        expect(r.signature.built).toBe(r.signature.expected);
        expect(r.stringToSign.rebuilt).toBe(r.stringToSign.expected);
        expect(r.verified).toBe('ok');
      }
    }, 40_000);

    it('the same child process fails when it loads an SDK (the hook is live)', async () => {
      await expect(node(['--input-type=module', '-e', "await import('@alicloud/ecs20140526')"])).rejects.toThrow(/an SDK was loaded: @alicloud\/ecs20140526/);
    }, 40_000);
  });
});
