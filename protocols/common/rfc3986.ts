// Percent-encoding, two flavours: what SDKs put on the wire, and what signatures canonicalise.
import querystring from 'node:querystring';

/** RFC 3986: everything but A-Z a-z 0-9 - _ . ~ is escaped (`*` -> %2A, space -> %20). */
export function rfc3986(s: string): string {
  const e = encodeURIComponent(s);
  return SUB_DELIMS.test(e) ? e.replace(SUB_DELIMS_G, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()) : e;
}
const SUB_DELIMS = /[!'()*]/;
const SUB_DELIMS_G = /[!'()*]/g;

/**
 * What the SDKs' query strings look like on the wire: Node's querystring.escape (`* ! ( ) ~`
 * stay raw), then `'` -> %27, which the URL parsers of their HTTP layers add.
 */
export function wireEscape(s: string): string {
  return querystring.escape(s).replace(/'/g, '%27');
}

/** Lenient decode: `+` is a space; a malformed escape keeps the raw text instead of throwing. */
export function decodeComponent(s: string): string {
  if (!ESCAPED.test(s)) return s; // the common case: nothing to decode
  const plus = s.replace(/\+/g, ' ');
  try { return decodeURIComponent(plus); } catch { return plus; }
}
const ESCAPED = /[%+]/;

/** Split a raw query (or form body) into decoded pairs, keeping order and repeats. */
export function parsePairs(raw: string): [string, string][] {
  if (!raw) return [];
  return raw.split('&').filter((p) => p !== '').map((p) => {
    const i = p.indexOf('=');
    return i < 0 ? [decodeComponent(p), ''] : [decodeComponent(p.slice(0, i)), decodeComponent(p.slice(i + 1))];
  });
}

/** Encode pairs for the wire, in the given order. */
export function stringifyPairs(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${wireEscape(k)}=${wireEscape(v)}`).join('&');
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The canonical query all three schemes share: decoded pairs, sorted by key (code units), then
 * by encoded value for repeated keys (Volcengine/Huawei sort repeated values), RFC 3986-encoded.
 */
export function canonicalQuery(pairs: [string, string][]): string {
  return pairs
    .map(([k, v]) => [k, rfc3986(k), rfc3986(v)] as const)
    .sort((a, b) => byCodeUnit(a[0], b[0]) || byCodeUnit(a[2], b[2]))
    .map(([, k, v]) => `${k}=${v}`)
    .join('&');
}

/** `/a/b?x=1` -> [`/a/b`, `x=1`]. */
export function splitPath(path: string): [string, string] {
  const i = path.indexOf('?');
  return i < 0 ? [path, ''] : [path.slice(0, i), path.slice(i + 1)];
}
