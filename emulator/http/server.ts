// The Node request listener: one port, all three vendors (detectVendor) plus /__emulator/.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Vendor, WireRequest, WireResponse } from '../../core/types.ts';
import { controlAllowed } from '../control/access.ts';
import { serveControl } from '../control/api.ts';
import type { Runtime } from '../runtime.ts';
import { newRequestId } from '../state/ids.ts';
import { roleError, type OpError } from '../validate/errors.ts';
import { readBody } from './body.ts';
import { takeFixtureFault } from './faults.ts';
import { FINDINGS_HEADER, type Finding } from '../validate/findings.ts';
import { operationOf, parseWire, renderVendorError, serveVendor, vendorOf } from './vendor.ts';
import { errorMessage } from '../../core/errors.ts';

export function createHandler(rt: Runtime): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(rt, req, res).catch((err: unknown) => {
      rt.log(`emulator: unexpected failure: ${errorMessage(err)}`);
      if (!res.headersSent) {
        // No vendor code fits a request no parser could read: a request id and no code (see limits.ts).
        const requestId = newRequestId(undefined, Date.now());
        res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'x-emulator-request-id': requestId });
        res.end(JSON.stringify({ RequestId: requestId, Message: 'The request could not be read.' }));
      } else res.destroy();
    });
  };
}

function wireHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function handle(rt: Runtime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const got = await readBody(req);
  if (got.aborted) { res.destroy(); return; }
  const path = req.url ?? '/';
  const pathname = path.split('?')[0] ?? '/';
  const method = (req.method ?? 'GET').toUpperCase();

  if (pathname === '/__emulator' || pathname.startsWith('/__emulator/')) {
    const allowed = controlAllowed(req, rt.opts.controlToken);
    const answer = allowed.ok ? safeControl(rt, method, pathname, got.body) : { status: 403, body: { error: allowed.reason } };
    send(res, { status: answer.status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(answer.body) });
    if (rt.logging) rt.log(`${new Date().toISOString()} control ${method} ${pathname} -> ${answer.status} ${Date.now() - started}ms`);
    return;
  }

  const wire: WireRequest = { method, path, headers: wireHeaders(req), body: got.body };
  const vendor = vendorOf(wire);
  const parse = parseWire(rt, vendor, wire);
  const operation = operationOf(parse);
  const fault = rt.faults.decide(vendor, operation);
  const fixtureFault = fault.outcome ? undefined : takeFixtureFault(rt.engine.store, vendor, operation);
  if (fixtureFault === 'throttle') fault.outcome = 'throttle';
  if (fault.latencyMs > 0) await sleep(fault.latencyMs);
  if (fault.outcome === 'drop') {
    rt.log(`${new Date().toISOString()} - ${vendor} ${operation ?? '-'} ${method} ${pathname} -> dropped (fault)`);
    req.socket.destroy();
    return;
  }
  let requestId: string;
  let response: WireResponse;
  let code: string | undefined;
  let about: string | undefined;
  let answered = operation;
  let findings: Finding[] = [];
  if (got.tooLarge || fault.outcome === '5xx' || fault.outcome === 'throttle') {
    requestId = newRequestId(vendor, Date.now());
    const role = got.tooLarge ? 'invalid-parameter' : fault.outcome === '5xx' ? 'internal' : 'throttled';
    const e = roleError(rt.engine.profile(vendor), role);
    ({ code, about } = e);
    response = renderFault(vendor, e, requestId, operation);
  } else {
    const answer = serveVendor(rt, wire, vendor, parse);
    ({ requestId, response, code, about } = answer);
    answered = answer.operation;
    findings = answer.findings ?? [];
    if (fixtureFault === 'internal-after' && response.status < 300) {
      // it acted; the client is told it failed (the vendor's internal error): only its token makes a retry safe
      const e = roleError(rt.engine.profile(vendor), 'internal');
      ({ code, about } = e);
      response = renderFault(vendor, e, requestId, operation);
    }
  }
  const dev = rt.engine.deviations;
  if (dev.rewritesResponses) response = dev.transform(response, { vendor, operation: answered, code, ...(about ? { about } : {}) });
  if (findings.length) rt.recordFindings(requestId, findings);
  const noted = rt.logging ? findings.map((f) => `${f.kind}:${f.parameter}`).join(' ') : '';
  if (rt.logging) rt.log(`${new Date().toISOString()} ${requestId} ${vendor} ${operation ?? '-'} ${method} ${pathname} -> ${response.status} ${code ?? 'OK'}${fault.outcome ?? fixtureFault ? ` (fault ${fault.outcome ?? fixtureFault})` : ''} ${Date.now() - started}ms${noted ? ` findings: ${noted}` : ''}`);
  // Findings go back only to a loopback client (the suite); a header the vendor never sends, so
  // checks that compare headers ignore the x-emulator- prefix.
  if (findings.length && isLoopback(req)) response = { ...response, headers: { ...response.headers, [FINDINGS_HEADER]: encodeURIComponent(JSON.stringify(findings)) } };
  if (fault.outcome === 'truncate') {
    const bytes = Buffer.from(response.body);
    res.writeHead(response.status, { ...response.headers, 'content-length': String(bytes.length) });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    setImmediate(() => res.destroy());
    return;
  }
  send(res, response);
}

function renderFault(vendor: Vendor, e: OpError, requestId: string, operation?: string): WireResponse {
  const r = renderVendorError(vendor, e, { requestId, action: operation });
  if (vendor === 'aliyun' && e.code.includes('Throttling')) r.headers['x-acs-retry-after'] = '1000';
  return r;
}

function safeControl(rt: Runtime, method: string, pathname: string, body: string) {
  try {
    return serveControl(rt, method, pathname, body);
  } catch (err) {
    return { status: 400, body: { error: errorMessage(err) } };
  }
}

function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.');
}

function send(res: ServerResponse, r: WireResponse): void {
  const bytes = Buffer.from(r.body ?? '');
  res.writeHead(r.status, { ...r.headers, 'content-length': String(bytes.length) });
  res.end(bytes);
}
