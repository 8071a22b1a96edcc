// Runs the protocol test vectors (test/vectors/<vendor>.yaml) through our signers and verifiers only:
// this module imports the protocols and a YAML parser, no SDK. Used by vectors.test.ts in-process, and
// in a child process whose loader refuses every SDK package (proving none is needed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Credentials, OperationCall, Vendor, WireRequest } from '../../core/types.ts';
import { protocolFor } from '../../protocols/index.ts';
import type { SigningStrings } from '../../protocols/types.ts';
import { lowerCaseHeaders } from '../../protocols/common/headers.ts';
import { parsePairs, splitPath } from '../../protocols/common/rfc3986.ts';

export interface Vector {
  name: string;
  /** false: our builder cannot express what the SDK sent (repeated keys); only the verifier runs. */
  rebuildable?: boolean;
  input: { call: OperationCall; credentials: Credentials; host: string; now: string; nonce?: string; scheme?: 'acs3' | 'rpc-v1'; method?: string; route?: { method: string; path: string } };
  expected: WireRequest & SigningStrings;
}

export const VENDORS_WITH_VECTORS: Vendor[] = ['aliyun', 'volcengine', 'huaweicloud'];

export function loadVectors(vendor: Vendor): Vector[] {
  return (parse(readFileSync(join(import.meta.dirname, `${vendor}.yaml`), 'utf8')) as { vectors: Vector[] }).vectors;
}

/** The signature a request carries: the Authorization header's, or the v1 `Signature` parameter. */
export function signatureOf(w: WireRequest): string | undefined {
  const h = lowerCaseHeaders(w.headers);
  return /Signature=([^,\s]+)/.exec(h.authorization ?? '')?.[1] ?? parsePairs(splitPath(w.path)[1]).find(([k]) => k === 'Signature')?.[1];
}

/** What our signer builds from the vector's inputs, and what our verifier says of the frozen request. */
export function runVector(vendor: Vendor, v: Vector, expected: WireRequest = v.expected) {
  const p = protocolFor(vendor);
  const built = v.rebuildable === false ? undefined : p.buildRequest(v.input.call, {
    credentials: v.input.credentials, host: v.input.host, now: new Date(v.input.now),
    ...(v.input.nonce ? { nonce: v.input.nonce } : {}), ...(v.input.route ? { route: v.input.route } : {}),
    tweak: { ...(v.input.scheme ? { scheme: v.input.scheme } : {}), ...(v.input.method ? { method: v.input.method as 'GET' } : {}) },
  });
  const verdict = p.verify(expected, (ak) => (ak === v.input.credentials.accessKeyId ? v.input.credentials : undefined), {
    now: new Date(v.input.now), seenNonce: () => false,
  });
  const strings = p.signingStrings(expected);
  return {
    // a vector our builder cannot express compares the frozen request with itself
    signature: { built: signatureOf(built ?? expected), expected: signatureOf(expected) },
    path: { built: (built ?? expected).path, expected: expected.path },
    body: { built: (built ?? expected).body ?? '', expected: expected.body ?? '' },
    canonicalRequest: { rebuilt: strings?.canonicalRequest, expected: v.expected.canonicalRequest },
    stringToSign: { rebuilt: strings?.stringToSign, expected: v.expected.stringToSign },
    verified: verdict.ok ? 'ok' : verdict.reason,
    // on a mismatch, what the verifier says it signed (the emulator's signature-mismatch finding)
    ...(!verdict.ok && verdict.strings ? { mismatchStrings: verdict.strings } : {}),
  };
}

// Run as a script (the child process of vectors.test.ts): every vector, as JSON.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const out = VENDORS_WITH_VECTORS.flatMap((vendor) => loadVectors(vendor).map((v) => ({ name: v.name, ...runVector(vendor, v) })));
  process.stdout.write(JSON.stringify(out));
}
