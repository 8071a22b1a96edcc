// The wire exchange a failing case carries (CaseExchange): redacted by structure, then bounded.
// Structure: credential headers (Authorization keeps its scheme and signed-header list, loses the
// key id and signature), credential parameters in the query or a form/JSON body (the Alibaba RPC
// signature puts `Signature` and `AccessKeyId` in the query). Values known to be secret (the
// credentials' own strings, a Huawei project id in the path) are the caller's `redactText`
// (adapters/credentials-env.ts createRedactor), applied after the structure.
import type { CaseExchange } from './types.ts';

/** Characters kept per body, per header value and per URL; the rest is cut and counted. */
export const EXCHANGE_LIMITS = { body: 8192, header: 1024, url: 4096 } as const;
/** `replay` prints the whole exchange of one case: far larger bounds. */
export const REPLAY_LIMITS = { body: 1 << 20, header: 16_384, url: 65_536 } as const;
export type ExchangeLimits = { body: number; header: number; url: number };

export const PLACEHOLDER = { signature: '<signature>', accessKeyId: '<access-key-id>', token: '<security-token>', secret: '***' } as const;

/** Headers whose whole value is a credential (Authorization is taken apart instead). */
const CREDENTIAL_HEADERS = /^(x-acs-security-token|x-security-token|x-auth-token|x-amz-security-token|x-acs-accesskey-id|proxy-authorization|cookie|set-cookie)$/i;
/** Parameter or JSON key names that carry a credential, wherever they sit (query, form, JSON body). */
const CREDENTIAL_NAMES = /^(signature|x-signature|x-amz-signature|accesskeyid|accesskey|access_key|x-credential|x-amz-credential|securitytoken|x-security-token|x-amz-security-token|security_token|accesskeysecret|secretaccesskey|secretkey|secret_key|password|sk)$/i;

function placeholderFor(name: string): string {
  if (/signature/i.test(name)) return PLACEHOLDER.signature;
  if (/token/i.test(name)) return PLACEHOLDER.token;
  if (/^(accesskeyid|accesskey|access_key|x-credential|x-amz-credential)$/i.test(name)) return PLACEHOLDER.accessKeyId;
  return PLACEHOLDER.secret;
}

/**
 * `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex` -> the scheme and SignedHeaders
 * stay (they say how the client signed), Credential keeps its scope but not the key id, Access and
 * Signature go. A part that is not `key=value` is masked whole.
 */
export function redactAuthorization(value: string): string {
  const m = /^(\S+)\s+([\s\S]*)$/.exec(value.trim());
  if (!m) return PLACEHOLDER.signature;
  const parts = m[2]!.split(',').map((part) => {
    const eq = part.indexOf('=');
    if (eq < 0) return part.replace(/\S[\s\S]*$/, PLACEHOLDER.signature);
    const key = part.slice(0, eq);
    const v = part.slice(eq + 1);
    const k = key.trim().toLowerCase();
    if (k === 'credential') return `${key}=${PLACEHOLDER.accessKeyId}${v.includes('/') ? v.slice(v.indexOf('/')) : ''}`;
    if (k === 'access') return `${key}=${PLACEHOLDER.accessKeyId}`;
    if (k === 'signature') return `${key}=${PLACEHOLDER.signature}`;
    if (k === 'signedheaders') return part;
    return `${key}=${PLACEHOLDER.secret}`;
  });
  return `${m[1]} ${parts.join(',')}`;
}

/** `a=1&Signature=x&AccessKeyId=y` -> credential pairs masked, every other byte as it was. */
export function redactPairs(text: string): string {
  if (!/=/.test(text)) return text;
  return text.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0) return pair;
    let name = pair.slice(0, eq);
    try { name = decodeURIComponent(name.replace(/\+/g, ' ')); } catch { /* a malformed name is shown as sent */ }
    return CREDENTIAL_NAMES.test(name) ? `${pair.slice(0, eq)}=${placeholderFor(name)}` : pair;
  }).join('&');
}

function redactJsonKeys(v: unknown): { value: unknown; hit: boolean } {
  if (Array.isArray(v)) {
    let hit = false;
    const value = v.map((x) => { const r = redactJsonKeys(x); hit ||= r.hit; return r.value; });
    return { value, hit };
  }
  if (v && typeof v === 'object') {
    let hit = false;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (CREDENTIAL_NAMES.test(k) && (typeof x === 'string' || typeof x === 'number')) { out[k] = placeholderFor(k); hit = true; continue; }
      const r = redactJsonKeys(x);
      hit ||= r.hit;
      out[k] = r.value;
    }
    return { value: out, hit };
  }
  return { value: v, hit: false };
}

/** A body by its content type: form pairs and JSON keys that carry credentials are masked. */
export function redactBody(body: string, contentType: string | undefined): string {
  const type = (contentType ?? '').toLowerCase();
  const trimmed = body.trimStart();
  if (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const r = redactJsonKeys(JSON.parse(body));
      return r.hit ? JSON.stringify(r.value) : body;
    } catch { /* not JSON after all: fall through */ }
  }
  if (type.includes('x-www-form-urlencoded')) return redactPairs(body);
  return body;
}

function redactUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q + 1)}${redactPairs(url.slice(q + 1))}`;
}

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  for (const k in headers) if (k.toLowerCase() === name) return headers[k];
  return undefined;
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const name = k.toLowerCase();
    out[k] = name === 'authorization' ? redactAuthorization(String(v)) : CREDENTIAL_HEADERS.test(name) ? placeholderFor(name) : String(v);
  }
  return out;
}

/**
 * The exchange as it may be shown or stored: credentials masked by structure, then every string
 * through `redactText` (known secret values), then each piece cut to its bound.
 */
export function redactExchange(x: CaseExchange, redactText: (s: string) => string = (s) => s, limits: ExchangeLimits = EXCHANGE_LIMITS): CaseExchange {
  let cut = 0;
  const bound = (s: string, max: number) => {
    if (s.length <= max) return s;
    cut += s.length - max;
    return `${s.slice(0, max)}…[${s.length - max} more characters]`;
  };
  const headers = (h: Record<string, string>) => Object.fromEntries(Object.entries(redactHeaders(h)).map(([k, v]) => [k, bound(redactText(v), limits.header)]));
  const body = (b: string | undefined, h: Record<string, string>) => (b === undefined || b === '' ? undefined : bound(redactText(redactBody(b, headerOf(h, 'content-type'))), limits.body));
  const out: CaseExchange = {
    ...(x.label ? { label: x.label } : {}),
    request: {
      method: x.request.method,
      url: bound(redactText(redactUrl(x.request.url)), limits.url),
      headers: headers(x.request.headers),
      ...optional('body', body(x.request.body, x.request.headers)),
    },
  };
  if (x.response) {
    out.response = {
      ...(x.response.status !== undefined ? { status: x.response.status } : {}),
      headers: headers(x.response.headers),
      ...optional('body', body(x.response.body, x.response.headers)),
    };
  }
  if (x.failure) out.failure = { kind: x.failure.kind, message: bound(redactText(x.failure.message), limits.header) };
  if (x.logical) out.logical = true;
  if (cut) out.truncated = cut;
  return out;
}

function optional<K extends string>(key: K, v: string | undefined): Partial<Record<K, string>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, string>);
}
