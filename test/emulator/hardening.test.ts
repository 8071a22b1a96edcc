// Hardening against malformed and slow clients (issue 14 item 5), over raw loopback sockets:
// unparseable requests get a JSON 400 with a request id and no code, long request lines fit,
// slow clients are dropped, stale state temp files go at start. Bounded: a few sockets, < 5 s.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEmulator } from '../../emulator/index.ts';
import { hardenServer, MAX_CONNECTIONS, MAX_HEADER_BYTES, serverOptions } from '../../emulator/http/limits.ts';
import { startEmulator } from './http-helpers.ts';
import { LOADED } from './scenario.ts';

let ctx: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => { ctx = await startEmulator({ world: 'demo' }); });
afterAll(async () => { await ctx.em.close(); });

/** Write raw bytes, collect everything until the server closes (or `ms` passes). */
function raw(port: number, text: string, ms = 3000): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    const s = connect(port, '127.0.0.1', () => s.write(text));
    const done = () => { clearTimeout(t); resolve({ text: Buffer.concat(chunks).toString('utf8'), closedAfterMs: Date.now() - started }); };
    const t = setTimeout(() => { s.destroy(); }, ms);
    s.on('data', (c) => chunks.push(c));
    s.on('close', done);
    s.on('error', () => { /* reset by peer: close follows */ });
  });
}

const portOf = (url: string) => Number(new URL(url).port);
const bodyOf = (text: string) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;

describe('malformed requests Node cannot parse', () => {
  test.each([
    ['a bad request line', 'NOT A REQUEST LINE\r\n\r\n', 400],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n', 400],
    ['headers over the limit', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(MAX_HEADER_BYTES + 10)}\r\n\r\n`, 431],
  ])('%s: JSON with a request id and no error code', async (_name, text, status) => {
    const r = await raw(portOf(ctx.url), text);
    expect(r.text.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
    const body = bodyOf(r.text);
    expect(body.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(body).not.toHaveProperty('Code');
    expect(r.text).toContain(`x-emulator-request-id: ${body.RequestId as string}`);
  });

  test('100 InstanceIds.N with long ids fit on the request line and reach the vendor parser', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `InstanceIds.${i + 1}=${encodeURIComponent(`i-${'x'.repeat(150)}${i}`)}`).join('&');
    const line = `/?Action=DeleteInstances&Version=2020-04-01&${ids}`;
    expect(line.length).toBeGreaterThan(16 * 1024); // over Node's default, so the old server refused it
    const r = await raw(portOf(ctx.url), `GET ${line} HTTP/1.1\r\nHost: open.volcengineapi.com\r\nConnection: close\r\n\r\n`);
    expect(r.text).not.toMatch(/^HTTP\/1\.1 431/);
    expect(r.text).toContain('ResponseMetadata'); // the vendor's own envelope (an auth error: unsigned)
  });
});

describe('slow clients', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    // The emulator's handler and limits with shorter timeouts, so the test measures in seconds not tens.
    const em = createEmulator({ world: 'demo', contracts: LOADED });
    server = createServer({ ...serverOptions, headersTimeout: 500, requestTimeout: 800, connectionsCheckingInterval: 100 }, em.handler);
    hardenServer(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); });

  test('a slowloris socket (headers never finished) is closed after the header timeout', async () => {
    const r = await raw(port, 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n', 4000);
    expect(r.closedAfterMs).toBeGreaterThanOrEqual(400);
    expect(r.closedAfterMs).toBeLessThan(2500);
  });

  test('the emulator caps its connections', () => {
    expect(server.maxConnections).toBe(MAX_CONNECTIONS);
    expect(serverOptions.headersTimeout).toBeLessThanOrEqual(10_000);
  });
});

describe('state file temp files', () => {
  test('temp files of dead writers are removed at start; a live writer\'s is kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-tmp-'));
    const file = join(dir, 'state.json');
    const dead = '.state.json.999999999.1.tmp';
    const live = `.state.json.${process.ppid}.2.tmp`;
    const other = '.other.json.999999999.3.tmp';
    for (const n of [dead, live, other]) writeFileSync(join(dir, n), '{');
    createEmulator({ world: 'demo', stateFile: file, contracts: LOADED });
    expect(readdirSync(dir).sort()).toEqual([live, other, 'state.json'].sort());
  });
});
