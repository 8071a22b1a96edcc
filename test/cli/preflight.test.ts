// Preflight: one probe per vendor before any case runs. Small loopback servers for each situation:
// a closed port (one stop, exit 3, fast), a server that answers one vendor with an HTML page (that
// vendor skipped with the reason, the others run), one that answers a vendor with a *malformed*
// envelope (not a preflight matter: the envelope cases fail), and one that rejects a vendor's
// signature (that vendor stops with one message). The others are the reference emulator.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { createEmulator } from '../../emulator/index.ts';
import { readResults } from '../../reporters/json.ts';
import { captureIo } from './helpers.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
// The three vendors, without CreateSnapshotGroup (its cases are outside what this test is about).
const SELECT = ['--operation', 'DeleteSnapshot', '--operation', 'DeleteInstances', '--reporter', 'json'];

type Answer = (req: IncomingMessage, res: ServerResponse) => boolean;
interface Wrapped { url: string; hits: Map<string, number>; close(): Promise<void> }

const vendorOf = (req: IncomingMessage): string => {
  if (req.url?.startsWith('/__emulator')) return 'control';
  if (req.url?.startsWith('/v2/')) return 'huaweicloud';
  if (req.headers['x-acs-action'] || /SignatureVersion=/.test(req.url ?? '')) return 'aliyun';
  return 'volcengine';
};

/** The reference emulator behind a handler that may answer some requests itself. */
async function wrapped(answer: Answer): Promise<Wrapped> {
  const emu = createEmulator({ world: 'demo' });
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const v = vendorOf(req);
    hits.set(v, (hits.get(v) ?? 0) + 1);
    if (v === 'control' || !answer(req, res)) emu.handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits,
    close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }),
  };
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('preflight: an unreachable target', () => {
  it('a closed port is one clear stop in under 2 s, exit 3, nothing written', async () => {
    const port = await closedPort();
    const io = captureIo();
    const t0 = performance.now();
    const code = await main(['run', '--target', `http://127.0.0.1:${port}`], io);
    const ms = performance.now() - t0;
    expect(code).toBe(3);
    expect(ms).toBeLessThan(2000); // measured ~0.3 s in process (it used to retry 255 cases for 7-8 s)
    expect(io.err().trimEnd().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^error \\[E_UNREACHABLE\\] http://127\\.0\\.0\\.1:${port}: no answer from the target \\(connection: ECONNREFUSED.*\\); no case was run: is it running, and is the address right\\?$`)),
    ]);
    expect(io.out()).toBe('');
    expect(existsSync(join(io.cwd, 'conformance-report'))).toBe(false);
  });

  it('the same from the command line, spawn to exit (node start-up included)', { timeout: 15_000 }, async () => {
    const port = await closedPort();
    const cwd = mkdtempSync(join(tmpdir(), 'preflight-'));
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin/conformance.js'), 'run', '--target', `http://127.0.0.1:${port}`], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    const ms = performance.now() - t0;
    expect(code, err).toBe(3);
    expect(err).toMatch(/^error \[E_UNREACHABLE\]/);
    // Measured ~0.65 s on the project's 2-core machine; the bound leaves room for a loaded CI host.
    expect(ms).toBeLessThan(4000);
  });
});

describe('preflight: answers that are not a vendor at all, and rejected credentials', () => {
  const servers: Wrapped[] = [];
  afterAll(async () => { for (const s of servers) await s.close(); });
  const start = async (answer: Answer) => { const s = await wrapped(answer); servers.push(s); return s; };

  let html: Wrapped;
  beforeAll(async () => {
    html = await start((req, res) => {
      if (vendorOf(req) !== 'huaweicloud') return false;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>');
      return true;
    });
  });

  it.each(['direct', 'vitest'])('an HTML page for one vendor: its cases are skipped with the reason, the others run (%s runner)', { timeout: 60_000 }, async (runner) => {
    html.hits.clear();
    const io = captureIo();
    const code = await main(['run', '--target', html.url, '--runner', runner, ...SELECT], io);
    const stops = io.err().split('\n').filter((l) => l.startsWith('preflight:'));
    expect(stops).toEqual(['preflight: huaweicloud: the target answered with no huaweicloud envelope (HTTP 200 text/html: "<!doctype html><html><body><h1>Welcome to nginx!</h1></body>…"): not a huaweicloud API endpoint?; its cases are skipped']);
    const [run] = readResults(join(io.cwd, 'conformance-report/results.json'));
    expect(run!.preflight).toEqual([{ vendor: 'huaweicloud', kind: 'no-envelope', message: expect.stringContaining('no huaweicloud envelope') }]);
    const hw = run!.cases.filter((c) => c.vendor === 'huaweicloud');
    expect(hw.length).toBeGreaterThan(10);
    expect(hw.every((c) => c.verdict === 'skipped' && c.reason?.startsWith('not run: huaweicloud: the target answered with no huaweicloud envelope'))).toBe(true);
    expect(html.hits.get('huaweicloud')).toBe(1); // the probe, and nothing else
    const others = run!.cases.filter((c) => c.vendor !== 'huaweicloud');
    expect(new Set(others.map((c) => c.vendor))).toEqual(new Set(['aliyun', 'volcengine']));
    expect(others.filter((c) => c.verdict === 'pass').length).toBeGreaterThan(30);
    expect(others.some((c) => c.reason?.startsWith('not run:'))).toBe(false);
    // Run order is kept, the skipped cases in their places.
    const list = captureIo();
    await main(['list', '--json', '--operation', 'DeleteSnapshot', '--operation', 'DeleteInstances'], list);
    expect(run!.cases.map((c) => c.id)).toEqual((JSON.parse(list.out()) as { id: string }[]).map((c) => c.id));
    // A vendor that was not tested never makes the run "conformant".
    expect(code).toBe(others.some((c) => c.verdict === 'fail') ? 1 : 3);
  });

  it('a malformed envelope is an answer, not a preflight matter: the envelope cases report it as a failure', { timeout: 30_000 }, async () => {
    const odd = await start((req, res) => {
      if (vendorOf(req) !== 'huaweicloud') return false;
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"no such route"}');
      return true;
    });
    const io = captureIo();
    const code = await main(['run', '--target', odd.url, '--runner', 'direct', '--vendor', 'huaweicloud', '--reporter', 'json'], io);
    expect(io.err()).not.toContain('preflight:');
    const [run] = readResults(join(io.cwd, 'conformance-report/results.json'));
    expect(run!.preflight).toBeUndefined();
    expect(run!.cases.filter((c) => c.category === 'envelope' && c.verdict === 'fail').length).toBeGreaterThan(0);
    expect(code).toBe(1);
    expect(odd.hits.get('huaweicloud')).toBeGreaterThan(5);
  });

  it('credentials rejected: that vendor stops with one message, not dozens of failures; the others run', { timeout: 30_000 }, async () => {
    // The vendor's own bad-signature answer (contracts/aliyun/_protocol.yaml, role bad-signature).
    const rejecting = await start((req, res) => {
      if (vendorOf(req) !== 'aliyun') return false;
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ RequestId: 'F0F0F0F0-0000-0000-0000-000000000000', Code: 'SignatureDoesNotMatch', Message: 'The request signature does not conform to Aliyun standards.' }));
      return true;
    });
    const io = captureIo();
    const code = await main(['run', '--target', rejecting.url, '--runner', 'direct', ...SELECT], io);
    expect(io.err().split('\n').filter((l) => l.startsWith('preflight:'))).toEqual([
      'preflight: aliyun: the target rejected the credentials (SignatureDoesNotMatch 400, the vendor\'s bad-signature error: The request signature does not conform to Aliyun standards.): check the access key and secret; its cases are skipped',
    ]);
    const [run] = readResults(join(io.cwd, 'conformance-report/results.json'));
    const aliyun = run!.cases.filter((c) => c.vendor === 'aliyun');
    expect(aliyun.length).toBeGreaterThan(20);
    expect(aliyun.filter((c) => c.verdict === 'fail')).toEqual([]);
    expect(aliyun.every((c) => c.verdict === 'skipped')).toBe(true);
    expect(rejecting.hits.get('aliyun')).toBe(1);
    expect(run!.cases.some((c) => c.vendor === 'volcengine' && c.verdict === 'pass')).toBe(true);
    expect(code).toBe(run!.cases.some((c) => c.verdict === 'fail') ? 1 : 3);
  });

  it('without a preflight stop the same server would flood: the aliyun cases sent past it fail on the signature answer', async () => {
    // Proof the probe matters: the judged cases themselves, sent past preflight, all fail.
    const { runCase } = await import('../../runner/index.ts');
    const { createTarget } = await import('../../adapters/index.ts');
    const { loadContracts } = await import('../../loader/index.ts');
    const { generateCases } = await import('../../generators/index.ts');
    const loaded = loadContracts();
    const rejecting = servers.at(-1)!;
    const target = await createTarget(rejecting.url, { loaded });
    const cases = generateCases(loaded, { seed: 1, depth: 'smoke', filter: { vendor: ['aliyun'], operation: ['DeleteSnapshot'] } });
    const verdicts = await Promise.all(cases.map((c) => runCase(c, target, { loaded }).then((r) => r.verdict)));
    await target.close?.();
    expect(verdicts.filter((v) => v === 'fail').length).toBeGreaterThan(0);
  });
});
