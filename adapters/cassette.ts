// `cassette:<dir>`: replay recorded traffic with nock. Requests are built and signed exactly as
// for the http target, sent with node:http to a loopback origin that nock intercepts (nothing
// reaches a socket), and answered from the vendor's cassette (format: cassette-format.ts).
import http from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type nockModule from 'nock';
import type { ProtocolTweak, Target, Vendor, WireRequest, WireResponse } from '../core/types.ts';
import { checkCassette, requestKey, sameRequest, type Cassette, type CassetteRequest, type Interaction } from './cassette-format.ts';
import type { Fixtures } from '../core/types.ts';
import { createRedactor, REDACTED } from './credentials-env.ts';
import { flatHeaders } from './http.ts';
import { fixtureKey } from './record.ts';
import { credentialsFor, DEFAULT_TIMEOUT_MS, type TargetOptions } from './options.ts';
import { buildWire, normalise, TransportFailure } from './signed.ts';
import { ConformanceError, errorMessage } from '../core/errors.ts';

/** Internal header naming the case's tweak (kept in send()'s map) for the interceptor; never on a wire. */
const TWEAK_HEADER = 'x-conformance-cassette-tweak';
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'];
let nextPort = 101; // privileged loopback ports: if interception ever failed, the connection is refused

export function loadCassettes(dir: string): Map<Vendor, Cassette> {
  const out = new Map<Vendor, Cassette>();
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new ConformanceError('E_OPTION', `no cassette files (*.json) in ${dir}`);
  for (const f of files) {
    const file = join(dir, f);
    let data: unknown;
    try { data = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { throw new ConformanceError('E_OPTION', `cassette ${file}: ${errorMessage(e)}`); }
    const c = checkCassette(data, file);
    if (out.has(c.vendor)) throw new ConformanceError('E_OPTION', `cassette ${file}: a second cassette for ${c.vendor} (one file per vendor)`);
    out.set(c.vendor, c);
  }
  return out;
}

/** Hands out interactions for a key in recorded order, repeating the last one. */
class Replayer {
  private readonly used = new Set<Interaction>();
  constructor(readonly cassette: Cassette) {}
  take(key: CassetteRequest): Interaction | undefined {
    const hits = this.cassette.interactions.filter((it) => sameRequest(it.request, key));
    const next = hits.find((it) => !this.used.has(it)) ?? hits.at(-1);
    if (next) this.used.add(next);
    return next;
  }
}

function describe(key: CassetteRequest): string {
  const q = Object.entries(key.query).map(([k, v]) => `${k}=${v}`).join('&');
  const h = key.headers ? ` ${JSON.stringify(key.headers)}` : '';
  return `${key.method} ${key.path}${q ? `?${q}` : ''}${h}${key.tweak ? ` tweak ${JSON.stringify(key.tweak)}` : ''}`;
}

function send(origin: URL, wire: WireRequest, timeoutMs: number): Promise<WireResponse> {
  return new Promise((resolvePromise, reject) => {
    const req = http.request({
      host: origin.hostname, port: origin.port, method: wire.method, path: wire.path, headers: wire.headers, timeout: timeoutMs,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolvePromise({ status: res.statusCode ?? 0, headers: flatHeaders(res.headers), body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (e) => reject(new TransportFailure('truncated', e.message)));
    });
    req.on('timeout', () => { req.destroy(); reject(new TransportFailure('timeout', `no answer within ${timeoutMs} ms`)); });
    req.on('error', (e) => reject(new TransportFailure('other', e.message)));
    if (wire.body) req.write(wire.body);
    req.end();
  });
}

export async function createCassetteTarget(dir: string, opts: TargetOptions = {}): Promise<Target> {
  const cassettes = loadCassettes(resolve(dir));
  // Imported here, not at the top: importing nock patches node:http for the whole process, and
  // costs ~50 ms of start-up that no other target needs.
  const { default: nock } = await import('nock');
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const scopes: { origin: URL; interceptors: nockModule.Interceptor[] }[] = [];
  const origins = new Map<Vendor, URL>();
  const tweaks = new Map<string, ProtocolTweak>();
  let nextTweak = 0;
  for (const [vendor, cassette] of cassettes) {
    const origin = new URL(`http://127.0.0.1:${nextPort++}`);
    const replayer = new Replayer(cassette);
    const projectId = credentialsFor(vendor, opts, true)?.projectId;
    const interceptors: nockModule.Interceptor[] = [];
    for (const method of METHODS) {
      const interceptor = nock(origin.origin).persist().intercept(() => true, method);
      // a rejected promise destroys the request: the send below sees the error
      interceptor.reply(async function reply(uri, body) {
        const headers = this.req.headers;
        const tweakId = headers[TWEAK_HEADER];
        const wire: WireRequest = {
          method, path: uri, headers,
          body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body),
        };
        const key = requestKey(wire, { projectId, tweak: tweakId ? tweaks.get(tweakId) : undefined });
        const hit = replayer.take(key);
        if (!hit) throw new Error(`cassette has no ${vendor} interaction for ${describe(key)}`);
        const b = hit.response.body;
        return [hit.response.status, typeof b === 'string' || b === undefined ? (b ?? '') : JSON.stringify(b), hit.response.headers];
      });
      interceptors.push(interceptor);
    }
    scopes.push({ origin, interceptors });
    origins.set(vendor, origin);
  }

  const fixtures = replayFixtures(cassettes, opts);
  return {
    name: `cassette:${dir}`,
    kind: 'cassette',
    capabilities: { fixtures: fixtures !== undefined, xml: true, tweaks: true },
    fixtures,
    async send(call, tweak) {
      const started = performance.now();
      const origin = origins.get(call.vendor);
      if (!origin) return { outcome: 'transport-error', kind: 'other', message: `no cassette for ${call.vendor} in ${dir}`, durationMs: 0, attempts: 0 };
      const wire = buildWire(call, tweak, origin.host, true, opts);
      if ('rejected' in wire) return { outcome: 'client-rejected', message: wire.rejected, durationMs: 0, attempts: 0 };
      const tweakId = tweak && Object.values(tweak).some((v) => v !== undefined) ? String(nextTweak++) : undefined;
      if (tweakId && tweak) { tweaks.set(tweakId, tweak); wire.headers = { ...wire.headers, [TWEAK_HEADER]: tweakId }; }
      try {
        const res = await send(origin, wire, timeoutMs);
        return { ...normalise(call.vendor, res), durationMs: performance.now() - started, attempts: 1 };
      } catch (e) {
        const f = e instanceof TransportFailure ? e : new TransportFailure('other', errorMessage(e));
        return { outcome: 'transport-error', kind: f.kind, message: f.message, durationMs: performance.now() - started, attempts: 1 };
      } finally {
        if (tweakId) tweaks.delete(tweakId);
      }
    },
    async close() {
      for (const s of scopes) for (const i of s.interceptors) nock.removeInterceptor(i);
    },
  };
}

/**
 * Fixtures recorded with the traffic (`--record`): creates hand out the recorded ids per (kind,
 * resolved fields) in recorded order, reads answer the recorded entity per (kind, id), repeating
 * the last. `{project_id}` stands for the replaying credentials' project.
 */
function replayFixtures(cassettes: Map<Vendor, Cassette>, opts: TargetOptions): Fixtures | undefined {
  if (![...cassettes.values()].some((c) => c.fixtures)) return undefined;
  const used = new Set<object>();
  const projectId = (v: Vendor) => credentialsFor(v, opts, true)?.projectId;
  const redactorFor = (v: Vendor) => createRedactor([credentialsFor(v, opts, true)]);
  const back = (v: Vendor, s: string) => (s === REDACTED.projectId ? projectId(v) ?? s : s);
  const nextOf = <T extends object>(list: T[]) => list.find((x) => !used.has(x)) ?? list.at(-1);
  return {
    async create(vendor, spec, resolved) {
      const key = redactorFor(vendor).text(fixtureKey(resolved));
      const hits = (cassettes.get(vendor)?.fixtures?.creates ?? []).filter((c) => c.kind === spec.kind && c.key === key);
      const hit = hits.find((x) => !used.has(x));
      if (!hit) throw new Error(`cassette has no ${vendor} ${spec.kind} fixture "${spec.as}" with ${key}`);
      used.add(hit);
      return back(vendor, hit.id);
    },
    async get(vendor, kind, id) {
      const rid = redactorFor(vendor).text(id);
      const hit = nextOf((cassettes.get(vendor)?.fixtures?.reads ?? []).filter((r) => r.kind === kind && r.id === rid));
      if (!hit) throw new Error(`cassette has no recorded read of ${vendor} ${kind} ${rid}`);
      used.add(hit);
      return hit.entity === null ? undefined : hit.entity;
    },
    // the recorded run moved the emulator's clock between reads of a lifecycle (a snapshot deleting,
    // then gone): replayed, the next recorded read is that later state, so moving on is a no-op
    async advanceClock() { /* the recorded reads carry the clock */ },
  };
}
