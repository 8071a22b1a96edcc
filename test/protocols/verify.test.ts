// verify() accepts every request the official SDKs signed, and rejects each kind of tampering
// with the right reason. Cases are generated per captured request (table-driven).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Credentials, WireRequest } from '../../core/types.ts';
import { protocolFor } from '../../protocols/index.ts';
import type { VerifyFailure, VerifyResult } from '../../protocols/types.ts';
import { parseWireDate } from '../../protocols/common/dates.ts';
import { parsePairs, splitPath, stringifyPairs } from '../../protocols/common/rfc3986.ts';
import { type Captured, captureAll, rebuildContext, SCENARIOS } from './sdk-scenarios.ts';

let captured: Captured[] = [];
beforeAll(async () => { captured = await captureAll(); }, 30_000);

const byName = (name: string) => captured.find((c) => c.name === name)!;
const clone = (r: WireRequest): WireRequest => ({ ...r, headers: { ...r.headers } });
const lookupFor = (creds: Credentials) => (id: string) => (id === creds.accessKeyId ? creds : undefined);

function requestTime(r: WireRequest): Date {
  const q = Object.fromEntries(parsePairs(splitPath(r.path)[1]));
  return parseWireDate(r.headers['x-acs-date'] ?? q.Timestamp ?? r.headers['x-date'] ?? r.headers['x-sdk-date'])!;
}

function check(s: Captured, req: WireRequest, opts: { creds?: Credentials; now?: Date; seen?: Set<string> } = {}): VerifyResult {
  const seen = opts.seen ?? new Set<string>();
  return protocolFor(s.vendor).verify(req, lookupFor(opts.creds ?? s.credentials), {
    now: opts.now ?? requestTime(s.wire),
    seenNonce: (n) => (seen.has(n) ? true : (seen.add(n), false)),
  });
}

/** Change one API value in the query (never a signing param), or the last path segment when there is none. */
function tamperQuery(r: WireRequest): WireRequest {
  const [path, query] = splitPath(r.path);
  const pairs = parsePairs(query);
  const i = pairs.findIndex(([k]) => !['Signature', 'Action', 'Version', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'Format'].includes(k));
  const out = clone(r);
  if (i < 0) out.path = (path.endsWith('/') ? `${path}x` : path.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x'))) + (query ? `?${query}` : '');
  else { pairs[i] = [pairs[i]![0], `${pairs[i]![1]}x`]; out.path = `${path}?${stringifyPairs(pairs)}`; }
  return out;
}

/** Change a signed header; v1 signs no header, so its Timestamp param stands in. */
function tamperHeader(s: Captured): WireRequest {
  const out = clone(s.wire);
  if (s.scheme === 'rpc-v1') {
    const [path, query] = splitPath(out.path);
    out.path = `${path}?${stringifyPairs(parsePairs(query).map(([k, v]) => [k, k === 'Timestamp' ? v.replace(/\d(?=Z$)/, (d) => String((+d + 1) % 10)) : v]))}`;
  } else if (s.vendor === 'aliyun') out.headers['x-acs-action'] = 'DeleteImage';
  else if (s.vendor === 'volcengine') out.headers['x-date'] = out.headers['x-date']!.replace(/\d(?=Z$)/, (d) => String((+d + 1) % 10));
  else out.headers['x-project-id'] = 'ffffffffffffffffffffffffffffffff';
  return out;
}

function tamperBody(s: Captured): WireRequest {
  const out = clone(s.wire);
  if (s.vendor === 'huaweicloud') out.body = '{"tampered":true}';
  else { out.body = `${out.body ? `${out.body}&` : ''}Tampered=1`; out.headers['content-type'] = 'application/x-www-form-urlencoded'; }
  return out;
}

function stripAuth(s: Captured): WireRequest {
  const out = clone(s.wire);
  delete out.headers.authorization;
  const [path, query] = splitPath(out.path);
  const pairs = parsePairs(query).filter(([k]) => k !== 'Signature');
  out.path = pairs.length ? `${path}?${stringifyPairs(pairs)}` : path;
  return out;
}

type Mutation = { name: string; expect: VerifyFailure; run(s: Captured): VerifyResult };

const MUTATIONS: Mutation[] = [
  { name: 'tampered query or path', expect: 'bad-signature', run: (s) => check(s, tamperQuery(s.wire)) },
  { name: 'tampered signed header', expect: 'bad-signature', run: (s) => check(s, tamperHeader(s)) },
  { name: 'tampered body', expect: 'bad-signature', run: (s) => check(s, tamperBody(s)) },
  { name: 'wrong secret', expect: 'bad-signature', run: (s) => check(s, s.wire, { creds: { ...s.credentials, accessKeySecret: 'WrongSecret000000000000000000000' } }) },
  { name: 'unknown key', expect: 'unknown-key', run: (s) => check(s, s.wire, { creds: { ...s.credentials, accessKeyId: 'SomeoneElse' } }) },
  { name: 'expired (checked 1 hour later)', expect: 'expired', run: (s) => check(s, s.wire, { now: new Date(requestTime(s.wire).getTime() + 3_600_000) }) },
  { name: 'dated in the future (checked 1 hour earlier)', expect: 'expired', run: (s) => check(s, s.wire, { now: new Date(requestTime(s.wire).getTime() - 3_600_000) }) },
  { name: 'no signature at all', expect: 'missing', run: (s) => check(s, stripAuth(s)) },
];

const NONCE_SCHEMES = (s: Captured) => s.vendor === 'aliyun';

describe('verify() on SDK-signed requests', () => {
  it.each(SCENARIOS.map((s) => s.name))('accepts %s', (name) => {
    const s = byName(name);
    expect(check(s, s.wire)).toEqual({ ok: true, accessKeyId: s.credentials.accessKeyId });
  });

  const table = SCENARIOS.flatMap((s) => MUTATIONS.map((m) => [s.name, m.name, m.expect] as const));
  it.each(table)('%s / %s -> %s', (name, mutation, reason) => {
    const s = byName(name);
    const r = MUTATIONS.find((m) => m.name === mutation)!.run(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason, r.detail).toBe(reason);
  });

  it.each(SCENARIOS.filter((s) => s.vendor === 'aliyun').map((s) => s.name))('%s: a replayed nonce -> nonce-reused', (name) => {
    const s = byName(name);
    const seen = new Set<string>();
    expect(check(s, s.wire, { seen }).ok).toBe(true);
    const again = check(s, s.wire, { seen });
    expect(again.ok ? 'ok' : again.reason).toBe('nonce-reused');
  });

  it('does not burn a nonce on a request that fails verification', () => {
    const s = captured.find(NONCE_SCHEMES)!;
    const seen = new Set<string>();
    expect(check(s, s.wire, { seen, creds: { ...s.credentials, accessKeySecret: 'nope' } }).ok).toBe(false);
    expect(check(s, s.wire, { seen }).ok).toBe(true);
  });

  it('accepts a changed Host for Volcengine (host is not signed there) but not for the others', () => {
    for (const s of captured.filter((c) => c.scheme !== 'rpc-v1')) {
      const r = check(s, { ...s.wire, headers: { ...s.wire.headers, host: 'elsewhere:1' } });
      expect([s.name, r.ok]).toEqual([s.name, s.vendor === 'volcengine']);
    }
  });

  it('rejects malformed Authorization headers as malformed', () => {
    for (const s of captured.filter((c) => c.scheme !== 'rpc-v1')) {
      const scheme = s.wire.headers.authorization!.split(' ')[0];
      const r = check(s, { ...s.wire, headers: { ...s.wire.headers, authorization: `${scheme} garbage` } });
      expect([s.name, r.ok ? 'ok' : r.reason]).toEqual([s.name, 'malformed']);
    }
  });

  it('parses repeated Volcengine keys (InstanceIds=a&InstanceIds=b) as InstanceIds.1/.2', () => {
    const s = byName('volcengine GET DeleteInstances with an unflattened array (repeated keys)');
    expect(s.wire.path).toContain('InstanceIds=i-b&InstanceIds=i-a');
    const parsed = protocolFor('volcengine').parseRequest(s.wire);
    expect(parsed).toMatchObject({ operation: 'DeleteInstances', version: '2020-04-01', region: 'cn-beijing', params: { 'InstanceIds.1': 'i-b', 'InstanceIds.2': 'i-a' } });
  });
});

describe('verify() on requests built with tweaks', () => {
  const NOW = new Date('2026-11-22T10:25:06Z');
  const built = SCENARIOS.filter((s) => s.rebuildable);
  const TWEAKS = [
    ['valid', 'ok'], ['none', 'missing'], ['bad-signature', 'bad-signature'], ['unknown-key', 'unknown-key'], ['expired', 'expired'],
  ] as const;
  const table = built.flatMap((s) => TWEAKS.map(([auth, want]) => [s.name, auth, want] as const));

  it.each(table)('%s with auth=%s -> %s', (name, auth, want) => {
    const s = byName(name);
    const ctx = rebuildContext(s);
    const req = protocolFor(s.vendor).buildRequest(s.call, { ...ctx, now: NOW, nonce: undefined, tweak: { ...ctx.tweak, auth } });
    const r = protocolFor(s.vendor).verify(req, lookupFor(s.credentials), { now: NOW });
    expect(r.ok ? 'ok' : r.reason, r.ok ? '' : r.detail).toBe(want);
  });

  it.each(built.map((s) => s.name))('%s with auth=reused-nonce twice: Alibaba refuses the second, others have no nonce', (name) => {
    const s = byName(name);
    const ctx = rebuildContext(s);
    const seen = new Set<string>();
    const opts = { now: NOW, seenNonce: (n: string) => (seen.has(n) ? true : (seen.add(n), false)) };
    const results = [0, 1].map(() => {
      const req = protocolFor(s.vendor).buildRequest(s.call, { ...ctx, now: NOW, nonce: undefined, tweak: { ...ctx.tweak, auth: 'reused-nonce' } });
      const r = protocolFor(s.vendor).verify(req, lookupFor(s.credentials), opts);
      return r.ok ? 'ok' : r.reason;
    });
    expect(results).toEqual(['ok', s.vendor === 'aliyun' ? 'nonce-reused' : 'ok']);
  });

  it('fresh Alibaba requests get fresh nonces', () => {
    const s = byName('aliyun acs3 DeleteSnapshot');
    const ctx = { ...rebuildContext(s), nonce: undefined };
    const a = protocolFor('aliyun').buildRequest(s.call, ctx);
    const b = protocolFor('aliyun').buildRequest(s.call, ctx);
    expect(a.headers['x-acs-signature-nonce']).toMatch(/^[0-9a-f]{64}$/);
    expect(a.headers['x-acs-signature-nonce']).not.toBe(b.headers['x-acs-signature-nonce']);
  });
});
