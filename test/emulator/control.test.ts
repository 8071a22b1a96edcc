// Control API: health, reset, state, entities CRUD with defaults and vendor ids, clock, faults,
// and refusal (403) without the token or from a non-loopback client.
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { controlAllowed } from '../../emulator/control/access.ts';
import { loadContracts } from '../../loader/index.ts';
import { control, startEmulator } from './http-helpers.ts';

let ctx: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => { ctx = await startEmulator({ world: 'empty' }); });
afterAll(async () => { await ctx.em.close(); });

describe('control API', () => {
  test('health lists every contract\'s operation', async () => {
    const r = await control(ctx.url, 'GET', '/health');
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    expect(r.body.operations).toHaveLength(loadContracts().contracts.length);
  });

  test('entities: create with defaults and vendor-format ids, read, patch, delete', async () => {
    const ids: Record<string, RegExp> = {
      'aliyun/instance': /^i-[a-z0-9]{20}$/, 'aliyun/disk': /^d-[a-z0-9]{20}$/, 'aliyun/snapshot': /^s-[a-z0-9]{20}$/,
      'aliyun/image': /^m-[a-z0-9]{20}$/, 'aliyun/snapshotGroup': /^ssg-[a-z0-9]{20}$/,
      'volcengine/instance': /^i-[a-z0-9]{18}$/, 'huaweicloud/snapshot': /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      'huaweicloud/project': /^[0-9a-f]{32}$/,
    };
    for (const [vk, re] of Object.entries(ids)) {
      const [vendor, kind] = vk.split('/');
      const r = await control(ctx.url, 'POST', '/entities', { vendor, kind, fields: {} });
      expect(r.status, vk).toBe(201);
      expect(r.body.id, vk).toMatch(re);
      expect(r.body.entity.id).toBe(r.body.id);
    }
    const snap = await control(ctx.url, 'POST', '/entities', { vendor: 'aliyun', kind: 'snapshot', fields: { id: 's-mine', status: 'progressing' } });
    expect(snap.body.entity).toMatchObject({ id: 's-mine', status: 'progressing', regionId: 'cn-hangzhou', usedByImageIds: [] });
    await control(ctx.url, 'POST', '/entities', { vendor: 'aliyun', kind: 'image', fields: { snapshotIds: ['s-mine'] } });
    expect((await control(ctx.url, 'GET', '/entities/aliyun/snapshot/s-mine')).body.usedByImageIds).toHaveLength(1);
    const patched = await control(ctx.url, 'PATCH', '/entities/aliyun/snapshot/s-mine', { status: 'accomplished' });
    expect(patched.body.status).toBe('accomplished');
    expect((await control(ctx.url, 'DELETE', '/entities/aliyun/snapshot/s-mine')).status).toBe(200);
    expect((await control(ctx.url, 'GET', '/entities/aliyun/snapshot/s-mine')).status).toBe(404);
    const acct = await control(ctx.url, 'POST', '/entities', { vendor: 'aliyun', kind: 'account', fields: { balance: 0 } });
    expect(acct.body.entity).toMatchObject({ id: 'default', balance: 0, snapshotServiceEnabled: true });
  });

  test('bad input is a 400/404 with a reason, never a 5xx', async () => {
    const cases: [string, string, unknown, number, RegExp][] = [
      ['POST', '/entities', { vendor: 'gcp', kind: 'x' }, 400, /vendor "gcp" is not one of aliyun/],
      ['POST', '/entities', { vendor: 'aliyun', kind: 'bucket' }, 400, /kind "bucket" is not one of .*snapshot/],
      ['POST', '/reset', { world: 'no-such-world' }, 400, /no-such-world/],
      ['POST', '/clock', { advanceMs: -1 }, 400, /advanceMs/],
      ['POST', '/faults', { kinds: ['meteor'] }, 400, /kinds: "meteor" is not one of/],
      ['POST', '/faults', { kinds: ['5xx'], match: { vendor: 'gcp' } }, 400, /match\.vendor: unknown vendor/],
      ['GET', '/nothing', undefined, 404, /no control endpoint GET \/__emulator\/nothing/],
    ];
    for (const [method, path, body, status, reason] of cases) {
      const r = await control(ctx.url, method, path, body);
      expect({ status: r.status, error: r.body?.error }, `${method} ${path}`).toEqual({ status, error: expect.stringMatching(reason) });
    }
    expect((await control(ctx.url, 'GET', '/faults')).body.faults).toEqual([]);
  });

  test('entities/batch: removals first, then each set in order with its own refs; a failing set is rolled back alone', async () => {
    await control(ctx.url, 'POST', '/reset', { world: 'empty' });
    const old = (await control(ctx.url, 'POST', '/entities', { vendor: 'aliyun', kind: 'disk', fields: {} })).body.id as string;
    await control(ctx.url, 'POST', '/entities', { vendor: 'aliyun', kind: 'snapshot', fields: { diskId: old } });
    await control(ctx.url, 'POST', '/entities', { vendor: 'huaweicloud', kind: 'project', fields: { id: 'p-mine', name: 'kept' } });
    const r = await control(ctx.url, 'POST', '/entities/batch', {
      remove: [{ vendor: 'aliyun', entities: [{ kind: 'disk', id: old }, { kind: 'disk', id: 'd-gone-already' }] }],
      create: [
        { vendor: 'aliyun', fixtures: [{ as: 'disk', kind: 'disk', fields: {} }, { as: 'snap', kind: 'snapshot', fields: { diskId: '$disk.id' } }] },
        { vendor: 'aliyun', fixtures: [{ as: 'disk', kind: 'disk' }, { as: 'snap', kind: 'snapshot', fields: { diskId: '$nothing.id' } }] },
        { vendor: 'huaweicloud', fixtures: [{ as: 'project', kind: 'project', fields: { id: 'p-mine' }, ensure: true }] },
        { vendor: 'aliyun', fixtures: [{ as: 'x', kind: 'bucket' }] },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.removed).toBe(2); // the disk and, cascading, its snapshot
    const [made, refErr, ensured, kindErr] = r.body.created;
    expect(made.ids).toEqual({ disk: expect.stringMatching(/^d-/), snap: expect.stringMatching(/^s-/) });
    expect(refErr).toEqual({ error: 'snap: unknown fixture reference $nothing.id' });
    expect(ensured).toEqual({ ids: { project: 'p-mine' } });
    expect(kindErr.error).toMatch(/kind "bucket" is not one of/);
    const state = (await control(ctx.url, 'GET', '/state')).body;
    expect(state.aliyun.disk.map((d: { id: string }) => d.id)).toEqual([made.ids.disk]); // the failed set's disk was rolled back
    expect(state.aliyun.snapshot).toEqual([expect.objectContaining({ id: made.ids.snap, diskId: made.ids.disk })]);
    expect(state.huaweicloud.project.filter((p: { id: string }) => p.id === 'p-mine')).toEqual([expect.objectContaining({ name: 'kept' })]); // ensured, not overwritten
    const bad: [unknown, RegExp][] = [
      [[], /expected \{remove\?/],
      [{ create: {} }, /expected \{remove\?/],
      [{ remove: [{ vendor: 'aliyun', entities: [{ kind: 'bucket', id: 'b' }] }] }, /remove: kind "bucket"/],
      [{ create: [{ vendor: 'aliyun' }] }, /create: expected/],
    ];
    // A list with a bad entry is refused whole: nothing before it is removed.
    const refused = await control(ctx.url, 'POST', '/entities/remove', { vendor: 'aliyun', entities: [{ kind: 'disk', id: made.ids.disk }, { kind: 'bucket', id: 'b' }], cascade: true });
    expect(refused.status).toBe(400);
    expect((await control(ctx.url, 'GET', `/entities/aliyun/disk/${made.ids.disk}`)).status).toBe(200);
    for (const [body, reason] of bad) {
      const b = await control(ctx.url, 'POST', '/entities/batch', body);
      expect({ status: b.status, error: b.body?.error }, JSON.stringify(body)).toEqual({ status: 400, error: expect.stringMatching(reason) });
    }
  });

  test('reset to demo, state dump, reset with an inline world', async () => {
    expect((await control(ctx.url, 'POST', '/reset', { world: 'demo' })).status).toBe(200);
    const state = (await control(ctx.url, 'GET', '/state')).body;
    expect(state.volcengine.instance.length).toBeGreaterThan(5);
    await control(ctx.url, 'POST', '/reset', { world: { huaweicloud: { project: [{ id: 'p1' }] } } });
    const s2 = (await control(ctx.url, 'GET', '/state')).body;
    expect(s2.huaweicloud.project).toEqual([expect.objectContaining({ id: 'p1' })]);
    expect(s2.aliyun.instance).toEqual([]);
  });

  test('clock advance moves the world clock', async () => {
    const before = Date.parse((await control(ctx.url, 'GET', '/health')).body.now);
    const r = await control(ctx.url, 'POST', '/clock', { advanceMs: 3_600_000 });
    expect(Date.parse(r.body.now) - before).toBeGreaterThanOrEqual(3_600_000);
    expect(Date.parse(r.body.now) - before).toBeLessThan(3_600_000 + 60_000);
    expect(Date.parse((await control(ctx.url, 'GET', '/health')).body.now)).toBeGreaterThanOrEqual(Date.parse(r.body.now));
  });
});

describe('control API access', () => {
  test('a configured token is required from everyone', async () => {
    const t = await startEmulator({ controlToken: 's3cret' });
    try {
      expect((await control(t.url, 'GET', '/health')).status).toBe(403);
      expect((await control(t.url, 'GET', '/health', undefined, { 'x-emulator-token': 'wrong' })).status).toBe(403);
      expect((await control(t.url, 'GET', '/health', undefined, { 'x-emulator-token': 's3cret' })).status).toBe(200);
    } finally { await t.em.close(); }
  });

  test('without a token only loopback clients are served', () => {
    const req = (addr: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress: addr }, headers }) as unknown as IncomingMessage;
    expect(controlAllowed(req('127.0.0.1'), undefined).ok).toBe(true);
    expect(controlAllowed(req('::1'), undefined).ok).toBe(true);
    expect(controlAllowed(req('::ffff:127.0.0.1'), undefined).ok).toBe(true);
    expect(controlAllowed(req('10.1.2.3'), undefined).ok).toBe(false);
    expect(controlAllowed(req('10.1.2.3', { 'x-emulator-token': 't' }), 't').ok).toBe(true);
    expect(controlAllowed(req('127.0.0.1'), 't').ok).toBe(false);
  });
});
