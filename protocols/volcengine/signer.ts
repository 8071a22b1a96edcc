// Volcengine HMAC-SHA256 (sdk-wire.md 2.3): derived key, scope `date/region/service/request`.
// The SDK signs only the headers it set before signing (X-Date, X-Security-Token,
// X-Content-Sha256): host and content-type are not signed.
import type { WireRequest } from '../../core/types.ts';
import type { CredentialLookup, SigningStrings, VerifyOptions, VerifyResult } from '../types.ts';
import { parseWireDate, skewProblem } from '../common/dates.ts';
import { getHeader, lowerCaseHeaders } from '../common/headers.ts';
import { hmacSha256, hmacSha256Hex, sameSignature, sha256Hex } from '../common/hmac.ts';
import { canonicalQuery, parsePairs, splitPath } from '../common/rfc3986.ts';

export const VOLC_ALGORITHM = 'HMAC-SHA256';

export interface Scope { date: string; region: string; service: string }

/** Derived keys change once a day per secret, region and service: kept, as SigV4 clients keep theirs. */
const signingKeys = new Map<string, Buffer>();

export function volcSigningKey(secret: string, scope: Scope): Buffer {
  const id = `${secret}\0${scope.date}\0${scope.region}\0${scope.service}`;
  let key = signingKeys.get(id);
  if (!key) {
    const kDate = hmacSha256(secret, scope.date);
    const kRegion = hmacSha256(kDate, scope.region);
    const kService = hmacSha256(kRegion, scope.service);
    key = hmacSha256(kService, 'request');
    if (signingKeys.size >= 64) signingKeys.clear(); // bounded: tweaks and tests make odd scopes
    signingKeys.set(id, key);
  }
  return key;
}

export function volcCanonicalRequest(req: WireRequest, signed: string[], payloadHash: string): string {
  const [pathname, query] = splitPath(req.path);
  const lower = lowerCaseHeaders(req.headers);
  const headerLines = signed.map((h) => `${h}:${(lower[h] ?? '').replace(/\s+/g, ' ').trim()}`).join('\n');
  return [req.method.toUpperCase(), pathname || '/', canonicalQuery(parsePairs(query)), `${headerLines}\n`, signed.join(';'), payloadHash].join('\n');
}

export function volcStringToSign(xDate: string, scope: Scope, canonicalRequest: string): string {
  return [VOLC_ALGORITHM, xDate, `${scope.date}/${scope.region}/${scope.service}/request`, sha256Hex(canonicalRequest)].join('\n');
}

export function volcSignature(secret: string, xDate: string, scope: Scope, canonicalRequest: string): string {
  return hmacSha256Hex(volcSigningKey(secret, scope), volcStringToSign(xDate, scope, canonicalRequest));
}

function payloadHashOf(req: WireRequest): string {
  return getHeader(req.headers, 'x-content-sha256') ?? sha256Hex(req.body ?? '');
}

/** Authorization for a request; `signed` are the lower-case header names to sign. */
export function volcAuthorization(req: WireRequest, signed: string[], accessKeyId: string, secret: string, region: string, service: string): string {
  const xDate = getHeader(req.headers, 'x-date') ?? '';
  const scope = { date: xDate.slice(0, 8), region, service };
  const names = [...signed].sort();
  const signature = volcSignature(secret, xDate, scope, volcCanonicalRequest(req, names, payloadHashOf(req)));
  return `${VOLC_ALGORITHM} Credential=${accessKeyId}/${scope.date}/${region}/${service}/request, SignedHeaders=${names.join(';')}, Signature=${signature}`;
}

const AUTH_RE = /^HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$/;

export function parseVolcAuthorization(auth: string): { accessKeyId: string; scope: Scope; signed: string[]; signature: string } | undefined {
  const m = AUTH_RE.exec(auth.trim());
  if (!m) return undefined;
  return { accessKeyId: m[1]!, scope: { date: m[2]!, region: m[3]!, service: m[4]! }, signed: m[5]!.split(';'), signature: m[6]! };
}

export function volcSigningStrings(req: WireRequest): SigningStrings | undefined {
  const parsed = parseVolcAuthorization(getHeader(req.headers, 'authorization') ?? '');
  if (!parsed) return undefined;
  const canonicalRequest = volcCanonicalRequest(req, parsed.signed, payloadHashOf(req));
  return { canonicalRequest, stringToSign: volcStringToSign(getHeader(req.headers, 'x-date') ?? '', parsed.scope, canonicalRequest) };
}

export function verifyVolc(req: WireRequest, lookup: CredentialLookup, opts: VerifyOptions): VerifyResult {
  const auth = getHeader(req.headers, 'authorization');
  if (!auth || !auth.trim()) return { ok: false, reason: 'missing', detail: 'no Authorization header' };
  const parsed = parseVolcAuthorization(auth);
  if (!parsed) return { ok: false, reason: 'malformed', detail: 'Authorization is not "HMAC-SHA256 Credential=AK/date/region/service/request, SignedHeaders=.., Signature=.."' };
  const { accessKeyId, scope, signed, signature } = parsed;
  const lower = lowerCaseHeaders(req.headers);
  const xDate = lower['x-date'];
  if (!xDate) return { ok: false, reason: 'malformed', detail: 'missing header X-Date' };
  if (!signed.includes('x-date')) return { ok: false, reason: 'malformed', detail: 'x-date is not signed' };
  const absent = signed.filter((h) => lower[h] === undefined);
  if (absent.length) return { ok: false, reason: 'malformed', detail: `signed headers absent: ${absent.join(', ')}` };
  const date = parseWireDate(xDate);
  if (!date || !/^\d{8}T\d{6}Z$/.test(xDate)) return { ok: false, reason: 'malformed', detail: `X-Date "${xDate}" is not YYYYMMDDTHHMMSSZ` };

  const creds = lookup(accessKeyId);
  if (!creds) return { ok: false, reason: 'unknown-key', detail: `unknown AccessKeyId ${accessKeyId}` };
  const skew = skewProblem(date, opts.now, opts.maxSkewMs);
  if (skew) return { ok: false, reason: 'expired', detail: skew };
  // The scope date is part of the signing key: a different day cannot verify.
  if (scope.date !== xDate.slice(0, 8)) return { ok: false, reason: 'bad-signature', detail: `credential scope date ${scope.date} differs from X-Date ${xDate}` };

  const bodyHash = lower['x-content-sha256'];
  if (bodyHash !== undefined && bodyHash !== sha256Hex(req.body ?? '')) return { ok: false, reason: 'bad-signature', detail: 'X-Content-Sha256 does not match the body' };
  const canonicalRequest = volcCanonicalRequest(req, signed, payloadHashOf(req));
  const stringToSign = volcStringToSign(xDate, scope, canonicalRequest);
  const expected = hmacSha256Hex(volcSigningKey(creds.accessKeySecret, scope), stringToSign);
  if (!sameSignature(expected, signature.toLowerCase())) return { ok: false, reason: 'bad-signature', detail: 'HMAC-SHA256 signature does not match', strings: { canonicalRequest, stringToSign } };
  return { ok: true, accessKeyId };
}
