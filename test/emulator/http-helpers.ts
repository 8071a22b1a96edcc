// HTTP-level helpers: a listening emulator and signed requests built by protocols/ (the same
// signing the adapters use), sent with undici.
import { request } from 'undici';
import { EMULATOR_TEST_CREDENTIALS } from '../../core/test-credentials.ts';
import type { OperationCall, ProtocolTweak, Vendor, WireRequest } from '../../core/types.ts';
import { createEmulator, type EmulatorOptions } from '../../emulator/index.ts';
import { detectVendor, protocolFor } from '../../protocols/index.ts';
import { LOADED } from './scenario.ts';

export async function startEmulator(opts: EmulatorOptions = {}) {
  const em = createEmulator({ contracts: LOADED, ...opts });
  const { url, port } = await em.listen();
  return { em, url, host: `127.0.0.1:${port}` };
}

export function callFor(id: string, params: Record<string, unknown>, extra: Partial<OperationCall> = {}): OperationCall {
  const c = LOADED.byId(id);
  return { vendor: c.vendor, service: c.service, version: c.version, operation: c.operation, params, ...extra };
}

export function signed(host: string, call: OperationCall, tweak?: ProtocolTweak, now?: Date): WireRequest {
  const c = LOADED.contracts.find((x) => x.vendor === call.vendor && x.operation === call.operation);
  return protocolFor(call.vendor).buildRequest(call, {
    credentials: EMULATOR_TEST_CREDENTIALS[call.vendor], host, tweak, now,
    route: c?.http ? { method: c.http.method, path: c.http.path } : undefined,
  });
}

export async function send(url: string, wire: WireRequest, extraHeaders: Record<string, string> = {}) {
  const res = await request(url + wire.path, {
    method: wire.method as 'GET', headers: { ...wire.headers, ...extraHeaders }, body: wire.body || undefined,
  });
  const text = await res.body.text();
  const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
  return { status: res.statusCode, headers, text, parsed: protocolFor(vendorOfCall(wire)).parseResponse({ status: res.statusCode, headers, body: text }) };
}

function vendorOfCall(wire: WireRequest): Vendor {
  return detectVendor(wire) ?? 'aliyun';
}

export async function control(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await request(`${url}/__emulator${path}`, {
    method: method as 'GET', headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? JSON.parse(text) : undefined };
}
