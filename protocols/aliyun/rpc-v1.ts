// Legacy RPC signature v1 (HMAC-SHA1 `Signature` param), what the SDK sends with
// Config.signatureAlgorithm = 'v2' (sdk-wire.md 1.4). Signed params: query + form body.
import type { WireRequest } from '../../core/types.ts';
import type { CredentialLookup, SigningStrings, VerifyOptions, VerifyResult } from '../types.ts';
import { parseWireDate, skewProblem } from '../common/dates.ts';
import { hmacSha1Base64, sameSignature } from '../common/hmac.ts';
import { bodyPairs, queryPairs } from '../common/params.ts';
import { canonicalQuery, rfc3986 } from '../common/rfc3986.ts';

/** The v1 string to sign: `METHOD&%2F&` and the percent-encoded canonical query of every parameter but Signature. */
export function v1StringToSign(method: string, pairs: [string, string][]): string {
  const canonical = canonicalQuery(pairs.filter(([k]) => k !== 'Signature'));
  return `${method.toUpperCase()}&${rfc3986('/')}&${rfc3986(canonical)}`;
}

export function v1Signature(method: string, pairs: [string, string][], secret: string): string {
  return hmacSha1Base64(`${secret}&`, v1StringToSign(method, pairs));
}

export function v1Pairs(req: WireRequest): [string, string][] {
  return [...queryPairs(req), ...bodyPairs(req)];
}

/** v1 has no canonical request; its canonical query (every parameter but Signature) stands for it. */
export function v1SigningStrings(req: WireRequest): SigningStrings | undefined {
  const pairs = v1Pairs(req);
  if (!pairs.some(([k]) => k === 'Signature')) return undefined;
  return { canonicalRequest: canonicalQuery(pairs.filter(([k]) => k !== 'Signature')), stringToSign: v1StringToSign(req.method, pairs) };
}

export function verifyV1(req: WireRequest, lookup: CredentialLookup, opts: VerifyOptions): VerifyResult {
  const pairs = v1Pairs(req);
  const get = (k: string) => pairs.find(([n]) => n === k)?.[1];
  const signature = get('Signature');
  const accessKeyId = get('AccessKeyId');
  if (!signature) return { ok: false, reason: 'missing', detail: 'no Signature parameter' };
  if (!accessKeyId) return { ok: false, reason: 'malformed', detail: 'Signature without AccessKeyId' };
  if (get('SignatureMethod') !== 'HMAC-SHA1') return { ok: false, reason: 'malformed', detail: `SignatureMethod "${get('SignatureMethod') ?? ''}" is not HMAC-SHA1`, param: 'SignatureMethod' };
  if (get('SignatureVersion') !== '1.0') return { ok: false, reason: 'malformed', detail: `SignatureVersion "${get('SignatureVersion') ?? ''}" is not 1.0`, param: 'SignatureVersion' };
  const nonce = get('SignatureNonce');
  if (!nonce) return { ok: false, reason: 'malformed', detail: 'missing SignatureNonce' };

  const creds = lookup(accessKeyId);
  if (!creds) return { ok: false, reason: 'unknown-key', detail: `unknown AccessKeyId ${accessKeyId}` };

  const date = parseWireDate(get('Timestamp'));
  if (!date) return { ok: false, reason: 'malformed', detail: `Timestamp "${get('Timestamp') ?? ''}" is not YYYY-MM-DDTHH:MM:SSZ`, param: 'Timestamp' };
  const skew = skewProblem(date, opts.now, opts.maxSkewMs);
  if (skew) return { ok: false, reason: 'expired', detail: skew };

  const stringToSign = v1StringToSign(req.method, pairs);
  const expected = hmacSha1Base64(`${creds.accessKeySecret}&`, stringToSign);
  if (!sameSignature(expected, signature)) {
    // the gateway tells the client the string it signed (alibaba-cloud-sdk-go compares it with its own)
    const canonicalRequest = canonicalQuery(pairs.filter(([k]) => k !== 'Signature'));
    return { ok: false, reason: 'bad-signature', detail: 'HMAC-SHA1 Signature does not match', stringToSign, strings: { canonicalRequest, stringToSign } };
  }
  if (opts.seenNonce?.(nonce)) return { ok: false, reason: 'nonce-reused', detail: `SignatureNonce ${nonce} was used before` };
  return { ok: true, accessKeyId };
}
