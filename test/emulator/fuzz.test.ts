// Fuzz: a few thousand random and malformed requests (seeded, loopback only) -> no crash, no 5xx,
// and the emulator still answers a valid request afterwards. A second pass writes raw bytes Node's
// parser refuses (bad request lines, broken or oversized headers, cut-off requests, long request
// lines): every answer is a 4xx with a request id, and the emulator stays up (issue 14 item 5).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { request } from 'undici';
import { connect } from 'node:net';
import { MAX_HEADER_BYTES } from '../../emulator/http/limits.ts';
import { callFor, control, send, signed, startEmulator } from './http-helpers.ts';
import { LOADED } from './scenario.ts';

/** mulberry32: small seeded PRNG. */
function prng(seed: number) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = 2500;
const RAW = 400;
const PID = '0123456789abcdef0123456789abcdef';
let ctx: Awaited<ReturnType<typeof startEmulator>>;
const internal: string[] = [];
beforeAll(async () => { ctx = await startEmulator({ world: 'demo', snapshotCreationMs: 0, log: (l) => { if (/failed inside|unexpected failure/.test(l)) internal.push(l); } }); });
afterAll(async () => { await ctx.em.close(); });

describe('fuzz', () => {
  test(`${N} random and malformed requests: zero 5xx, zero crashes`, async () => {
    const rnd = prng(20261122);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const junk = (n = 1 + Math.floor(rnd() * 40)) => Array.from({ length: n }, () => String.fromCharCode(Math.floor(rnd() * 0x2fff))).join('');
    const noise = () => pick(['', junk(), '%', '%zz', '&&&', '=', '==&=', 'a'.repeat(70), '-1', '1e309', 'true', 'null', '\u0000', '../..', '{"a":', '<x>', 'i-demopostpaidrun001']);
    const ops = [
      () => callFor('aliyun.ecs.DeleteSnapshot', { SnapshotId: pick(['s-demoplain00000000001', 's-demousedbydisk000001', noise()]), Force: pick([true, false, noise(), undefined]) }),
      () => callFor('aliyun.ecs.CreateSnapshotGroup', { RegionId: pick(['cn-hangzhou', noise()]), InstanceId: pick(['i-demorunning000000001', 'i-demostopped000000001', noise()]), Name: pick([undefined, noise(), 'ok-name']), ExcludeDiskId: pick([undefined, [noise()], Array.from({ length: 20 }, noise)]), InstantAccessRetentionDays: pick([undefined, noise(), 5]) }),
      () => callFor('aliyun.ecs.DeleteSnapshotGroup', { RegionId: pick(['cn-hangzhou', noise()]), SnapshotGroupId: pick(['ssg-demogroup00000000001', noise()]) }),
      () => callFor('volcengine.ecs.DeleteInstances', { InstanceIds: pick([[noise()], ['i-demopostpaidstop01', noise()], Array.from({ length: 101 }, noise), undefined]), ClientToken: pick([undefined, noise(), 'tok']) }),
      () => callFor('huaweicloud.evs.DeleteSnapshot', { project_id: pick([PID, noise() || 'p']), snapshot_id: pick(['5f0b8a52-0002-4a1e-9c3d-000000000002', noise() || 'x']) }),
      // Every contract, an added one too: each parameter noise, absent or its example.
      () => {
        const c = pick(LOADED.contracts);
        const params = Object.fromEntries(c.request.parameters.filter((p) => p.name !== 'Action' && p.name !== 'Version')
          .map((p) => [p.name, pick([noise(), undefined, p.in === 'path' ? noise() || 'x' : p.example])]));
        return callFor(c.id, params);
      },
    ];
    const tweaks = [undefined, undefined, undefined, { auth: 'bad-signature' }, { auth: 'none' }, { auth: 'expired' }, { auth: 'unknown-key' }, { action: junk(5) }, { version: noise() }, { method: pick(['PUT', 'PATCH', 'DELETE', 'GET']) }, { scheme: 'rpc-v1' }] as const;
    let served = 0;
    const statuses = new Map<number, number>();
    for (let i = 0; i < N; i += 25) {
      const batch = Array.from({ length: Math.min(25, N - i) }, async () => {
        let wire;
        try {
          wire = signed(ctx.host, pick(ops)(), pick(tweaks) as never);
        } catch {
          wire = { method: 'POST', path: '/', headers: {}, body: '' };
        }
        // malform the wire request itself some of the time
        const m = rnd();
        if (m < 0.1) wire = { ...wire, path: wire.path + '&' + encodeURIComponent(junk()) + '=' + encodeURIComponent(junk()) };
        else if (m < 0.15) wire = { ...wire, body: junk(200), headers: { ...wire.headers, 'content-type': pick(['application/json', 'application/x-www-form-urlencoded', 'text/plain']) } };
        else if (m < 0.2) wire = { ...wire, path: '/' + pick(['v2', 'v2/' + PID, '%', '?%%%', 'v2/' + PID + '/cloudsnapshots/', '__emulatorx']) };
        else if (m < 0.25) wire = { ...wire, headers: { ...wire.headers, authorization: junk(30).replace(/[^\x20-\x7e]/g, 'a') } };
        const headers = Object.fromEntries(Object.entries(wire.headers).filter(([, v]) => /^[\x20-\x7e]*$/.test(v)));
        const method = wire.method;
        const res = await request(ctx.url + (wire.path.startsWith('/') ? wire.path : '/' + wire.path), {
          method: method as 'GET', headers, body: method === 'GET' || method === 'HEAD' ? undefined : wire.body || undefined,
        });
        await res.body.text();
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        served++;
      });
      await Promise.all(batch);
    }
    expect(served).toBe(N);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(internal.slice(0, 5)).toEqual([]);
    const health = await control(ctx.url, 'GET', '/health');
    expect(health.status).toBe(200);
    ctx.em.reset('demo');
    const ok = await send(ctx.url, signed(ctx.host, callFor('aliyun.ecs.DeleteSnapshot', { SnapshotId: 's-demoplain00000000001' })));
    expect(ok.status).toBe(200);
  }, 120_000);

  test(`${RAW} raw malformed requests over sockets: every answer a 4xx with a request id, and the emulator stays up`, async () => {
    const rnd = prng(20261205);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const bytes = (n: number) => Array.from({ length: n }, () => String.fromCharCode(Math.floor(rnd() * 256))).join('');
    const port = Number(new URL(ctx.url).port);
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `InstanceIds.${i + 1}=i-${'y'.repeat(Math.floor(rnd() * 150))}${i}`).join('&');
    const shapes = [
      () => `${bytes(1 + Math.floor(rnd() * 60))}\r\n\r\n`,                                         // a request line of noise
      () => `GET /?${bytes(20)} HTTP/1.1\r\nHost: x\r\n\r\n`,                                    // control bytes in the target
      () => `GET / HTTP/1.1\r\nHost: x\r\n${bytes(30).replace(/[:\r\n]/g, '')}\r\n\r\n`,         // a header with no colon
      () => `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(MAX_HEADER_BYTES + Math.floor(rnd() * 4096))}\r\n\r\n`, // headers over the limit
      () => `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${pick(['-1', 'abc', '1e9x', '99999999999999999999'])}\r\n\r\n`, // a bad length
      () => `GET /?Action=DeleteInstances&Version=2020-04-01&${ids(1 + Math.floor(rnd() * 100))} HTTP/1.1\r\nHost: open.volcengineapi.com\r\n\r\n`, // long lines
      () => `${pick(['GET', 'POST', 'BREW', 'G\u0000T'])} ${pick(['/', '*', 'http://x/', '//', '/v2/%zz'])} HTTP/${pick(['1.1', '9.9', '1', 'x'])}\r\nHost: x\r\n\r\n`,
    ];
    const answers: string[] = [];
    for (let i = 0; i < RAW; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, RAW - i) }, () => new Promise<void>((done) => {
        const text = pick(shapes)();
        // some clients hang up half way: the emulator must not care
        const cut = rnd() < 0.1 ? Math.floor(text.length / 2) : text.length;
        const chunks: Buffer[] = [];
        const s = connect(port, '127.0.0.1', () => { s.write(text.slice(0, cut), 'latin1'); if (cut < text.length) s.end(); });
        const t = setTimeout(() => s.destroy(), 5_000);
        s.on('data', (c) => { chunks.push(c); if (Buffer.concat(chunks).includes('\r\n\r\n')) s.end(); });
        s.on('error', () => { /* reset by the peer: close follows */ });
        s.on('close', () => { clearTimeout(t); if (cut === text.length) answers.push(Buffer.concat(chunks).toString('latin1')); done(); });
      })));
    }
    expect(answers.length).toBeGreaterThan(RAW * 0.8);
    const statuses = answers.map((a) => Number(/^HTTP\/1\.1 (\d{3}) /.exec(a)?.[1] ?? 0));
    expect(statuses.filter((x) => x === 0 || x >= 500)).toEqual([]);
    expect(statuses.filter((x) => x < 400)).toEqual([]);
    // the vendor's envelope where the vendor can be told (its own request id header or field), else the JSON 400 with one
    const withId = /^(x-emulator-request-id|x-request-id|x-tt-logid|x-acs-request-id): \S+/im;
    const idInBody = /"RequestId":"[^"]+"|"request_id":"[^"]+"|<RequestId>[^<]+</;
    expect(answers.filter((a) => !withId.test(a) && !idInBody.test(a)).map((a) => a.slice(0, 120))).toEqual([]);
    expect(internal.slice(0, 5)).toEqual([]);
    const health = await control(ctx.url, 'GET', '/health');
    expect(health.status).toBe(200);
  }, 120_000);
});
