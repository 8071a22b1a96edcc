// The in-process shim on its own: request body streaming, the ServerResponse methods apps use,
// a handler that never ends (timeout) or throws (transport error), and a non-emulator app.
import type { RequestListener } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createTarget } from '../../adapters/index.ts';
import { dispatch } from '../../adapters/inprocess-shim.ts';

const call = { vendor: 'aliyun' as const, service: 'ecs', version: '2014-05-26', operation: 'DeleteSnapshot', params: { SnapshotId: 's-1' } };

describe('inprocess shim', () => {
  it('streams the body and collects setHeader/writeHead/write/end', async () => {
    const handler: RequestListener = (req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        res.setHeader('x-a', '1');
        res.writeHead(201, 'Created', { 'Content-Type': 'application/json' });
        res.write('{"got":');
        res.end(JSON.stringify({ body, method: req.method, url: req.url, ct: req.headers['content-type'] }) + '}');
      });
    };
    const res = await dispatch(handler, { method: 'post', path: '/x?y=1', headers: { 'Content-Type': 'text/plain' }, body: 'hello' });
    expect(res.status).toBe(201);
    expect(res.headers).toMatchObject({ 'x-a': '1', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(res.body)) });
    expect(JSON.parse(res.body)).toEqual({ got: { body: 'hello', method: 'POST', url: '/x?y=1', ct: 'text/plain' } });
  });

  it('async iteration over the request works, and an empty body ends at once', async () => {
    const read: string[] = [];
    const handler: RequestListener = async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      read.push(Buffer.concat(chunks).toString('utf8'));
      res.statusCode = 204;
      res.end();
    };
    expect((await dispatch(handler, { method: 'GET', path: '/', headers: {} })).status).toBe(204);
    expect((await dispatch(handler, { method: 'POST', path: '/', headers: {}, body: 'a=1&b=2' })).status).toBe(204);
    expect(read).toEqual(['', 'a=1&b=2']);
  });

  it('a plain app (no control API) is a target without fixtures', async () => {
    const t = await createTarget('inprocess', {
      handler: (req, res) => { res.writeHead(req.url?.startsWith('/__emulator') ? 404 : 200, { 'content-type': 'application/json' }).end('{"RequestId":"app-1"}'); },
    });
    expect(t.capabilities.fixtures).toBe(false);
    expect(await t.send(call)).toMatchObject({ status: 200, requestId: 'app-1' });
  });

  it('a handler that never ends is a timeout; one that throws is a transport error', async () => {
    const hang = await createTarget('inprocess', { timeoutMs: 100, handler: () => { /* never ends */ } });
    expect((await hang.send(call))).toMatchObject({ outcome: 'transport-error', kind: 'timeout' });
    const boom = await createTarget('inprocess', {
      timeoutMs: 100,
      handler: (req, res) => { if (req.url?.startsWith('/__emulator')) { res.statusCode = 404; res.end(); return; } throw new Error('kaboom'); },
    });
    expect((await boom.send(call))).toMatchObject({ outcome: 'transport-error', kind: 'other', message: 'handler threw: kaboom' });
  });
});
