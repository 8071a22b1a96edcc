// Raw HTTP target: any base URL (real cloud endpoint or a running emulator), requests signed by
// protocols/ exactly as the vendor SDKs would, sent over one bounded keep-alive undici Pool.
import { Pool, errors as undiciErrors } from 'undici';
import type { Target, WireRequest, WireResponse } from '../core/types.ts';
import { probeEmulatorFixtures, transportControl, type ControlCall } from './fixtures/emulator-control.ts';
import { callerIdsFor, DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, isLoopback, type TargetOptions } from './options.ts';
import { createSignedTarget, TransportFailure, type Transport } from './signed.ts';
import { ConformanceError, errorMessage } from '../core/errors.ts';
import { isJsonObject } from '../core/json.ts';
import { prop } from './unknown.ts';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED',
]);
const TRUNCATED_CODES = new Set(['UND_ERR_RES_CONTENT_LENGTH_MISMATCH']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/**
 * Methods whose requests carry a payload by definition. undici closes the connection after any other
 * request that has a body, against servers that might misread it. The Huawei SDK sends (and signs)
 * `{}` on GET (docs/sdk-wire.md, protocols/huaweicloud/request.ts), so each such call opened a new
 * connection: 950 in a 10k-case deep run, where now the pool's few serve it all. The body is framed by
 * content-length, as the SDK frames it over its own keep-alive agent: the connection is kept.
 */
const PAYLOAD_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** undici request options that keep the connection after `wire` (the bench's raw loop sends with them too). */
export function keepConnection(wire: Pick<WireRequest, 'method' | 'body'>): { reset?: false } {
  return wire.body !== '' && !PAYLOAD_METHODS.has(wire.method.toUpperCase()) ? { reset: false } : {};
}

function errCode(e: unknown): string {
  const code = prop(e, 'code') ?? prop(prop(e, 'cause'), 'code');
  return typeof code === 'string' ? code : '';
}

/**
 * Flatten a client's header record (undici, node:http, an SDK's axios headers: arrays for repeated
 * names, numbers, absent values) to one lower-case name -> string.
 */
export function flatHeaders(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isJsonObject(h)) return out;
  for (const k in h) {
    const v = h[k];
    if (v !== undefined && v !== null) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

/**
 * A transport over an undici Pool. Its deadlines are undici's own (headers within about `timeoutMs`,
 * then no pause in the body longer than that; undici's timers are coarse), which free a stuck
 * connection; the runner's per-attempt deadline (runner/retry.ts) judges the case on time. A
 * per-request AbortController and timer cost about 4% of a loopback case.
 */
export function poolTransport(pool: Pool, timeoutMs: number): Transport {
  return async (wire: WireRequest): Promise<WireResponse> => {
    let gotHeaders = false;
    try {
      const res = await pool.request({
        method: wire.method, path: wire.path, headers: wire.headers, body: wire.body === '' ? undefined : wire.body,
        headersTimeout: timeoutMs, bodyTimeout: timeoutMs,
        ...keepConnection(wire),
      });
      gotHeaders = true;
      const body = await res.body.text();
      return { status: res.statusCode, headers: flatHeaders(res.headers), body };
    } catch (e) {
      const code = errCode(e);
      if (TIMEOUT_CODES.has(code)) {
        throw new TransportFailure('timeout', `no complete answer within ${timeoutMs} ms`);
      }
      if (TRUNCATED_CODES.has(code) || (gotHeaders && code === 'UND_ERR_SOCKET')) {
        throw new TransportFailure('truncated', `response body cut short (${code}): ${errorMessage(e)}`);
      }
      if (CONNECTION_CODES.has(code) || e instanceof undiciErrors.SocketError) {
        throw new TransportFailure('connection', `${code || 'socket error'}: ${errorMessage(e)}`);
      }
      throw new TransportFailure('other', errorMessage(e));
    }
  };
}

/** Control-API calls (JSON) over the same pool. */
export function poolControl(pool: Pool, host: string, timeoutMs: number, token?: string): ControlCall {
  return transportControl(poolTransport(pool, timeoutMs), host, token);
}

export async function createHttpTarget(baseUrl: string, opts: TargetOptions = {}): Promise<Target> {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConformanceError('E_OPTION', `not an http(s) URL: ${baseUrl}`);
  if (url.pathname !== '/' && url.pathname !== '') {
    throw new ConformanceError('E_OPTION', `base URL must be an origin (no path): ${baseUrl}; vendor signatures cover the path`);
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pool = new Pool(url.origin, {
    connections: opts.concurrency ?? DEFAULT_CONCURRENCY,
    pipelining: 1, // keep-alive, one request in flight per connection
    keepAliveTimeout: 4_000,
  });
  // Real-cloud targets opt out: nothing but signed vendor calls may reach a cloud endpoint.
  const fixtures = opts.probe === false ? undefined : await probeEmulatorFixtures(
    (ms) => poolControl(pool, url.host, ms, opts.controlToken), timeoutMs, { callerIds: callerIdsFor(opts, isLoopback(url.hostname)) },
  );
  return createSignedTarget({
    name: url.origin,
    kind: 'http',
    host: url.host,
    origin: url.origin,
    local: isLoopback(url.hostname),
    transport: poolTransport(pool, timeoutMs),
    capabilities: { fixtures: fixtures !== undefined, xml: true, tweaks: true },
    fixtures,
    close: () => pool.close(),
  }, opts);
}
