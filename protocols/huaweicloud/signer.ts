// Huawei SDK-HMAC-SHA256 (sdk-wire.md 3.3): raw SK as the key, no scope; canonical URI always
// ends in `/`; header values are signed untrimmed; every header present at signing is signed.
import type { WireRequest } from '../../core/types.ts';
import type { CredentialLookup, SigningStrings, VerifyOptions, VerifyResult } from '../types.ts';
import { parseWireDate, skewProblem } from '../common/dates.ts';
import { getHeader, lowerCaseHeaders } from '../common/headers.ts';
import { hmacSha256Hex, sameSignature, sha256Hex } from '../common/hmac.ts';
import { canonicalQuery, decodeComponent, parsePairs, rfc3986, splitPath } from '../common/rfc3986.ts';

export const HW_ALGORITHM = 'SDK-HMAC-SHA256';

/**
 * Decode then RFC 3986-encode each segment. The SDK encodes the already-escaped path instead,
 * so ids with characters outside RFC 3986's unreserved set (never the case for EVS UUIDs) sign
 * differently there (sdk-wire.md 3.5).
 */
export function hwCanonicalUri(pathname: string): string {
  const uri = pathname.split('/').map((seg) => rfc3986(decodeComponent(seg.replace(/\+/g, '%2B')))).join('/');
  return uri.endsWith('/') ? uri : `${uri}/`;
}

export function hwPayloadHash(req: WireRequest): string {
  return getHeader(req.headers, 'x-sdk-content-sha256') ?? sha256Hex(req.body ?? '');
}

export function hwCanonicalRequest(req: WireRequest, signed: string[], payloadHash: string): string {
  const [pathname, query] = splitPath(req.path);
  const lower = lowerCaseHeaders(req.headers);
  const headerLines = signed.map((h) => `${h}:${lower[h] ?? ''}\n`).join('');
  return [req.method.toUpperCase(), hwCanonicalUri(pathname), canonicalQuery(parsePairs(query)), headerLines, signed.join(';'), payloadHash].join('\n');
}

export function hwStringToSign(sdkDate: string, canonicalRequest: string): string {
  return `${HW_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest)}`;
}

export function hwSignature(secret: string, sdkDate: string, canonicalRequest: string): string {
  return hmacSha256Hex(secret, hwStringToSign(sdkDate, canonicalRequest));
}

/** Signs every header currently on the request, as the SDK does before axios adds its own. */
export function hwAuthorization(req: WireRequest, accessKeyId: string, secret: string): string {
  const signed = Object.keys(lowerCaseHeaders(req.headers)).sort();
  const sdkDate = getHeader(req.headers, 'x-sdk-date') ?? '';
  const signature = hwSignature(secret, sdkDate, hwCanonicalRequest(req, signed, hwPayloadHash(req)));
  return `${HW_ALGORITHM} Access=${accessKeyId}, SignedHeaders=${signed.join(';')}, Signature=${signature}`;
}

const AUTH_RE = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$/;

export function parseHwAuthorization(auth: string): { accessKeyId: string; signed: string[]; signature: string } | undefined {
  const m = AUTH_RE.exec(auth.trim());
  return m ? { accessKeyId: m[1]!, signed: m[2]!.split(';'), signature: m[3]! } : undefined;
}

export function hwSigningStrings(req: WireRequest): SigningStrings | undefined {
  const parsed = parseHwAuthorization(getHeader(req.headers, 'authorization') ?? '');
  if (!parsed) return undefined;
  const canonicalRequest = hwCanonicalRequest(req, parsed.signed, hwPayloadHash(req));
  return { canonicalRequest, stringToSign: hwStringToSign(getHeader(req.headers, 'x-sdk-date') ?? '', canonicalRequest) };
}

export function verifyHw(req: WireRequest, lookup: CredentialLookup, opts: VerifyOptions): VerifyResult {
  const auth = getHeader(req.headers, 'authorization');
  if (!auth || !auth.trim()) return { ok: false, reason: 'missing', detail: 'no Authorization header' };
  const parsed = parseHwAuthorization(auth);
  if (!parsed) return { ok: false, reason: 'malformed', detail: 'Authorization is not "SDK-HMAC-SHA256 Access=.., SignedHeaders=.., Signature=.."' };
  const { accessKeyId, signed, signature } = parsed;
  const lower = lowerCaseHeaders(req.headers);
  const sdkDate = lower['x-sdk-date'];
  if (!sdkDate) return { ok: false, reason: 'malformed', detail: 'missing header X-Sdk-Date' };
  for (const h of ['host', 'x-sdk-date']) if (!signed.includes(h)) return { ok: false, reason: 'malformed', detail: `${h} is not signed` };
  const absent = signed.filter((h) => lower[h] === undefined);
  if (absent.length) return { ok: false, reason: 'malformed', detail: `signed headers absent: ${absent.join(', ')}` };
  const date = parseWireDate(sdkDate);
  if (!date || !/^\d{8}T\d{6}Z$/.test(sdkDate)) return { ok: false, reason: 'malformed', detail: `X-Sdk-Date "${sdkDate}" is not YYYYMMDDTHHMMSSZ` };

  const creds = lookup(accessKeyId);
  if (!creds) return { ok: false, reason: 'unknown-key', detail: `unknown access key ${accessKeyId}` };
  const skew = skewProblem(date, opts.now, opts.maxSkewMs);
  if (skew) return { ok: false, reason: 'expired', detail: skew };

  const declared = lower['x-sdk-content-sha256'];
  if (declared !== undefined && declared !== 'UNSIGNED-PAYLOAD' && declared !== sha256Hex(req.body ?? '')) {
    return { ok: false, reason: 'bad-signature', detail: 'X-Sdk-Content-Sha256 does not match the body' };
  }
  const canonicalRequest = hwCanonicalRequest(req, signed, hwPayloadHash(req));
  const stringToSign = hwStringToSign(sdkDate, canonicalRequest);
  const expected = hmacSha256Hex(creds.accessKeySecret, stringToSign);
  if (!sameSignature(expected, signature.toLowerCase())) return { ok: false, reason: 'bad-signature', detail: 'SDK-HMAC-SHA256 signature does not match', strings: { canonicalRequest, stringToSign } };
  return { ok: true, accessKeyId };
}
