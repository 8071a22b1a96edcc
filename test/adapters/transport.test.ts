// The http target's transport failures: timeout, connection refused, truncated body, and a
// plain answer from a non-emulator server (no fixtures). Only 127.0.0.1 is contacted.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationCall, Target } from '../../core/types.ts';
import { createTarget } from '../../adapters/index.ts';
import { credentialsFor, isLoopback } from '../../adapters/options.ts';

const call: OperationCall = {
  vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation: 'DeleteSnapshot',
  params: { SnapshotId: 's-bp1c0doj0taqyzzl0001' },
};

const servers: http.Server[] = [];
const targets: Target[] = [];
afterEach(async () => {
  await Promise.all(targets.splice(0).map((t) => t.close?.()));
  for (const s of servers.splice(0)) { s.closeAllConnections(); s.close(); }
});

async function serve(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

/** A loopback URL nothing listens on: a port the OS handed out, closed again. */
async function closedPortUrl(): Promise<string> {
  const probe = http.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

async function target(url: string, timeoutMs = 500): Promise<Target> {
  const t = await createTarget(url, { timeoutMs, concurrency: 2 });
  targets.push(t);
  return t;
}

describe('http target transport', () => {
  it('a server that never answers gives a transport error timeout', async () => {
    const url = await serve(() => { /* never answers */ });
    const res = await (await target(url, 300)).send(call);
    expect(res).toMatchObject({ outcome: 'transport-error', kind: 'timeout' });
    expect(res.status).toBeUndefined();
  });

  it('a closed loopback port gives a transport error connection', async () => {
    const t = await target(await closedPortUrl());
    expect(t.capabilities.fixtures).toBe(false);
    const res = await t.send(call);
    expect(res).toMatchObject({ outcome: 'transport-error', kind: 'connection' });
  });

  it('a body cut short of its content-length gives a transport error truncated', async () => {
    const url = await serve((req, res) => {
      if (req.url?.startsWith('/__emulator')) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
      res.write('{"RequestId":"cut');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const res = await (await target(url)).send(call);
    expect(res).toMatchObject({ outcome: 'transport-error', kind: 'truncated' });
  });

  it('an invalid but complete body is an answer, not a transport error', async () => {
    const url = await serve((req, res) => {
      res.writeHead(req.url?.startsWith('/__emulator') ? 404 : 200, { 'content-type': 'application/json' }).end('{not json');
    });
    const t = await target(url);
    expect(t.capabilities).toMatchObject({ fixtures: false, tweaks: true });
    const res = await t.send(call);
    expect(res.outcome).toBe('answered');
    expect(res.status).toBe(200);
    expect(res.format).toBe('other');
  });

  it('sends the signed request: POST / with the ACS3 headers, params in the query', async () => {
    let seen: { method?: string; url?: string; headers?: http.IncomingHttpHeaders } = {};
    const url = await serve((req, res) => {
      if (!req.url?.startsWith('/__emulator')) seen = { method: req.method, url: req.url, headers: req.headers };
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"RequestId":"r-1"}');
    });
    const res = await (await target(url)).send(call);
    expect(res).toMatchObject({ status: 200, requestId: 'r-1', format: 'json' });
    expect(seen.method).toBe('POST');
    expect(seen.url).toContain('SnapshotId=s-bp1c0doj0taqyzzl0001');
    expect(seen.headers?.['x-acs-action']).toBe('DeleteSnapshot');
    expect(seen.headers?.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAI5tEmulatorTestKey0001,/);
    expect(seen.headers?.host).toBe(new URL(url).host);
  });

  it('keeps the connection for a GET that carries a body, as the Huawei SDK sends it (signed `{}`)', async () => {
    const sockets = new Set<unknown>();
    const bodies: string[] = [];
    const url = await serve((req, res) => {
      if (req.url?.startsWith('/__emulator')) { res.writeHead(404).end(); return; }
      sockets.add(req.socket);
      let body = '';
      req.on('data', (d: Buffer) => { body += d.toString(); });
      req.on('end', () => { bodies.push(`${req.method} ${body}`); res.writeHead(200, { 'content-type': 'application/json' }).end('{"snapshot":{}}'); });
    });
    const loaded = { contracts: [{ vendor: 'huaweicloud' as const, service: 'evs', version: 'v2', operation: 'ShowSnapshot', http: { method: 'GET', path: '/v2/{project_id}/cloudsnapshots/{snapshot_id}' } }] };
    const t = await createTarget(url, { timeoutMs: 1000, concurrency: 2, loaded });
    targets.push(t);
    const show: OperationCall = { vendor: 'huaweicloud', service: 'evs', version: 'v2', operation: 'ShowSnapshot', params: { snapshot_id: 'f9faf7df-fdc1-4093-9ef3-5cba06eef995' } };
    for (let i = 0; i < 8; i++) expect((await t.send(show)).status).toBe(200);
    expect(bodies).toEqual(Array(8).fill('GET {}'));
    // at most the pool's two; undici closes after a body on a GET unless told otherwise: eight calls, eight connections
    expect(sockets.size).toBeLessThanOrEqual(2);
  });

  it('test credentials are a default only for loopback and in-process targets', () => {
    expect(credentialsFor('aliyun', {}, true)?.accessKeyId).toBe('LTAI5tEmulatorTestKey0001');
    expect(credentialsFor('aliyun', {}, false)).toBeUndefined();
    const mine = { accessKeyId: 'AK', accessKeySecret: 'SK' };
    expect(credentialsFor('aliyun', { credentials: { aliyun: mine } }, false)).toBe(mine);
    expect(['127.0.0.1', 'localhost', '[::1]', '192.0.2.1', '128.0.0.1'].map(isLoopback)).toEqual([true, true, true, false, false]);
  });

  it('rejects unknown specs with the list of valid ones', async () => {
    await expect(createTarget('ftp://x')).rejects.toThrow(/unknown target "ftp:\/\/x": use one of/);
    await expect(createTarget('inprocess')).rejects.toThrow(/needs opts.handler/);
  });

  describe('sdk target transport failures', () => {
    const calls: OperationCall[] = [
      call,
      { vendor: 'volcengine', service: 'ecs', version: '2020-04-01', operation: 'DeleteInstances', params: { InstanceIds: ['i-1'] } },
      { vendor: 'huaweicloud', service: 'evs', version: 'v2', operation: 'DeleteSnapshot', params: { snapshot_id: 'x' } },
    ];
    const loaded = { contracts: [{ vendor: 'huaweicloud' as const, service: 'evs', version: 'v2', operation: 'DeleteSnapshot', http: { method: 'DELETE', path: '/v2/{project_id}/cloudsnapshots/{snapshot_id}' } }] };

    it.each(calls.map((c) => [c.vendor, c] as const))('%s: a never-answering server is a timeout', async (_v, c) => {
      const url = await serve((req, res) => { if (req.url?.startsWith('/__emulator')) res.writeHead(404).end(); });
      const t = await createTarget(`sdk:${url}`, { timeoutMs: 400, loaded });
      targets.push(t);
      const res = await t.send(c);
      expect(res, JSON.stringify(res)).toMatchObject({ outcome: 'transport-error', kind: 'timeout' });
    });

    it.each(calls.map((c) => [c.vendor, c] as const))('%s: a closed port is a connection error', async (_v, c) => {
      const t = await createTarget(`sdk:${await closedPortUrl()}`, { timeoutMs: 1000, loaded });
      targets.push(t);
      const res = await t.send(c);
      expect(res, JSON.stringify(res)).toMatchObject({ outcome: 'transport-error', kind: 'connection' });
    });
  });
});
