// ACS3-HMAC-SHA256, the default scheme of @alicloud/openapi-core (sdk-wire.md 1.2-1.3).
// Signer and verifier share canonicalRequest(), so they cannot drift apart.
import type { WireRequest } from '../../core/types.ts';
import type { CredentialLookup, SigningStrings, VerifyOptions, VerifyResult } from '../types.ts';
import { parseWireDate, skewProblem } from '../common/dates.ts';
import { getHeader, lowerCaseHeaders } from '../common/headers.ts';
import { hmacSha256Hex, sameSignature, sha256Hex } from '../common/hmac.ts';
import { canonicalQuery, parsePairs, splitPath } from '../common/rfc3986.ts';

export const ACS3 = 'ACS3-HMAC-SHA256';

/** Headers the SDK signs: host, content-type and every x-acs-* (names lower case, sorted). */
export function acs3SignedHeaderNames(headers: Record<string, string>): string[] {
  return Object.keys(lowerCaseHeaders(headers))
    .filter((k) => k === 'host' || k === 'content-type' || k.startsWith('x-acs-'))
    .sort();
}

/** The path as the SDK canonicalises it (`+` and `*` escaped, `~` raw). */
function canonicalUri(pathname: string): string {
  return (pathname || '/').replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~');
}

/**
 * `pairs`: the decoded query pairs when the caller has them (the signer built the query from them);
 * else they are parsed from the path (the verifier). Either way the same canonical form: a test
 * proves the signer byte-identical to the SDK's, and the emulator verifies every signed request.
 */
export function acs3CanonicalRequest(req: WireRequest, signed: string[], payloadHash: string, pairs?: [string, string][]): string {
  const [pathname, query] = splitPath(req.path);
  const lower = lowerCaseHeaders(req.headers);
  const headerLines = signed.map((h) => `${h}:${(lower[h] ?? '').trim()}\n`).join('');
  return [req.method.toUpperCase(), canonicalUri(pathname), canonicalQuery(pairs ?? parsePairs(query)), headerLines, signed.join(';'), payloadHash].join('\n');
}

export function acs3StringToSign(canonicalRequest: string): string {
  return `${ACS3}\n${sha256Hex(canonicalRequest)}`;
}

export function acs3Signature(secret: string, canonicalRequest: string): string {
  return hmacSha256Hex(secret, acs3StringToSign(canonicalRequest));
}

/** Authorization value for a request whose x-acs-* headers (content hash included) are set. */
export function acs3Authorization(req: WireRequest, accessKeyId: string, secret: string, pairs?: [string, string][]): string {
  const signed = acs3SignedHeaderNames(req.headers);
  const payloadHash = getHeader(req.headers, 'x-acs-content-sha256') ?? sha256Hex(req.body ?? '');
  const signature = acs3Signature(secret, acs3CanonicalRequest(req, signed, payloadHash, pairs));
  return `${ACS3} Credential=${accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`;
}

const AUTH_RE = /^ACS3-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$/;

export function acs3SigningStrings(req: WireRequest): SigningStrings | undefined {
  const m = AUTH_RE.exec((getHeader(req.headers, 'authorization') ?? '').trim());
  if (!m) return undefined;
  const canonicalRequest = acs3CanonicalRequest(req, m[2]!.split(';'), getHeader(req.headers, 'x-acs-content-sha256') ?? sha256Hex(req.body ?? ''));
  return { canonicalRequest, stringToSign: acs3StringToSign(canonicalRequest) };
}

export function verifyAcs3(req: WireRequest, lookup: CredentialLookup, opts: VerifyOptions): VerifyResult {
  const auth = (getHeader(req.headers, 'authorization') ?? '').trim();
  const m = AUTH_RE.exec(auth);
  if (!m) return { ok: false, reason: 'malformed', detail: 'Authorization is not "ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=.."' };
  // the three groups are not optional: a match has them all
  const [, accessKeyId = '', signedList = '', signature = ''] = m;
  const signed = signedList.split(';');
  const lower = lowerCaseHeaders(req.headers);

  // Policy checks of sdk-wire.md 1.3: what the SDK always signs must be signed.
  if (signed.join(';') !== [...signed].sort().join(';')) return { ok: false, reason: 'malformed', detail: 'SignedHeaders is not sorted' };
  if (!signed.includes('host')) return { ok: false, reason: 'malformed', detail: 'host is not signed' };
  const unsigned = Object.keys(lower).filter((k) => k.startsWith('x-acs-') && !signed.includes(k));
  if (unsigned.length) return { ok: false, reason: 'malformed', detail: `x-acs-* headers not signed: ${unsigned.join(', ')}` };
  for (const h of ['x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']) {
    if (!lower[h]) return { ok: false, reason: 'malformed', detail: `missing header ${h}` };
  }
  const missingSigned = signed.filter((h) => lower[h] === undefined);
  if (missingSigned.length) return { ok: false, reason: 'malformed', detail: `signed headers absent: ${missingSigned.join(', ')}` };

  const creds = lookup(accessKeyId);
  if (!creds) return { ok: false, reason: 'unknown-key', detail: `unknown AccessKeyId ${accessKeyId}` };

  const date = parseWireDate(lower['x-acs-date']);
  if (!date) return { ok: false, reason: 'malformed', detail: `x-acs-date "${lower['x-acs-date']}" is not YYYY-MM-DDTHH:MM:SSZ` };
  const skew = skewProblem(date, opts.now, opts.maxSkewMs);
  if (skew) return { ok: false, reason: 'expired', detail: skew };

  const payloadHash = lower['x-acs-content-sha256']!;
  if (payloadHash !== sha256Hex(req.body ?? '')) return { ok: false, reason: 'bad-signature', detail: 'x-acs-content-sha256 does not match the body' };
  const canonicalRequest = acs3CanonicalRequest(req, signed, payloadHash);
  const stringToSign = acs3StringToSign(canonicalRequest);
  const expected = hmacSha256Hex(creds.accessKeySecret, stringToSign);
  if (!sameSignature(expected, signature.toLowerCase())) return { ok: false, reason: 'bad-signature', detail: 'ACS3 signature does not match', strings: { canonicalRequest, stringToSign } };

  const nonce = lower['x-acs-signature-nonce']!;
  if (opts.seenNonce?.(nonce)) return { ok: false, reason: 'nonce-reused', detail: `x-acs-signature-nonce ${nonce} was used before` };
  return { ok: true, accessKeyId };
}
