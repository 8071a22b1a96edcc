// The shared wire helpers kept fast by caches and fast paths: each answers exactly what the plain
// computation answers, across the cases a cache or a shortcut could get wrong.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { basicDate, isoSeconds } from '../../protocols/common/dates.ts';
import { getHeader, lowerCaseHeaders } from '../../protocols/common/headers.ts';
import { EMPTY_SHA256, sha256Hex } from '../../protocols/common/hmac.ts';
import { decodeComponent, rfc3986 } from '../../protocols/common/rfc3986.ts';
import { volcSigningKey } from '../../protocols/volcengine/signer.ts';

describe('shared wire helpers', () => {
  it('isoSeconds: one string per second, a new one the next second', () => {
    const t = Date.UTC(2026, 10, 22, 10, 25, 6);
    const plain = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (const ms of [t, t + 999, t + 1000, t - 1, t + 86_400_000, t]) expect(isoSeconds(new Date(ms))).toBe(plain(ms));
    expect(basicDate(new Date(t))).toBe('20261122T102506Z');
  });

  it('volcSigningKey: a kept key is the derived one, per secret, date, region and service', () => {
    const derive = (secret: string, date: string, region: string, service: string) =>
      [date, region, service, 'request'].reduce<Buffer | string>((k, part) => createHmac('sha256', k).update(part).digest(), secret);
    const scopes = [
      ['s1', '20261122', 'cn-beijing', 'ecs'], ['s1', '20261122', 'cn-shanghai', 'ecs'], ['s1', '20261123', 'cn-beijing', 'ecs'],
      ['s2', '20261122', 'cn-beijing', 'ecs'], ['s1', '20261122', 'cn-beijing', 'vpc'], ['s1', '20261122', 'cn-beijing', 'ecs'],
    ] as const;
    for (const [secret, date, region, service] of scopes) {
      expect(volcSigningKey(secret, { date, region, service }).equals(derive(secret, date, region, service) as Buffer)).toBe(true);
    }
  });

  it('sha256Hex: the empty body is the constant, anything else is hashed', () => {
    expect(EMPTY_SHA256).toBe(createHash('sha256').update('').digest('hex'));
    for (const data of ['', 'a', Buffer.from([0, 1, 2]), Buffer.alloc(0)]) expect(sha256Hex(data)).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('percent-encoding fast paths agree with the full path', () => {
    const table: [string, string][] = [['plain', 'plain'], ['a+b', 'a b'], ['%41%2A', 'A*'], ['%E4%BD%A0', '你'], ['bad%zz', 'bad%zz'], ['', '']];
    for (const [raw, decoded] of table) expect(decodeComponent(raw), raw).toBe(decoded);
    for (const s of ['abc-_.~', "it's (a) *star*!", 'a b', '']) expect(rfc3986(s)).toBe(encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
  });

  it('header lookup ignores case, lower-case names first', () => {
    const h = { Authorization: 'A', host: 'h', 'X-Acs-Date': 'd' };
    expect([getHeader(h, 'authorization'), getHeader(h, 'HOST'), getHeader(h, 'x-acs-date'), getHeader(h, 'nope')]).toEqual(['A', 'h', 'd', undefined]);
    expect(lowerCaseHeaders(h)).toEqual({ authorization: 'A', host: 'h', 'x-acs-date': 'd' });
  });
});
