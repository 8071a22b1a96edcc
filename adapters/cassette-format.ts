// The cassette file format (replayed by cassette.ts; written by the recorder later): one JSON
// file per vendor, `<dir>/<vendor>.json`. A request is keyed by what identifies the call and
// survives re-signing: method, path, query without volatile params, the routing headers, a body
// hash, and the protocol tweak the case asked for. Responses keep scrubbed headers and the body.
//
// {
//   "format": "cloud-api-conformance/cassette@1",
//   "vendor": "aliyun",
//   "recordedAt": "2026-11-22T10:00:00Z",          // informational
//   "target": "https://ecs.cn-hangzhou.aliyuncs.com", // informational, never contacted on replay
//   "interactions": [
//     { "request": { "method": "POST", "path": "/", "query": { "SnapshotId": "s-1" },
//                    "headers": { "x-acs-action": "DeleteSnapshot", "x-acs-version": "2014-05-26" },
//                    "bodyHash": null, "tweak": { "auth": "bad-signature" } },      // tweak optional
//       "response": { "status": 200, "headers": { "content-type": "application/json" },
//                     "body": "{\"RequestId\":\"...\"}" } }                           // string, or JSON value
//   ]
// }
//
// Same key twice = a sequence (delete, then delete again): replay hands them out in order and
// repeats the last one. Huawei paths store the project id as `{project_id}`.
import { createHash } from 'node:crypto';
import { isVendor, type ProtocolTweak, type Vendor, type WireRequest, type WireResponse } from '../core/types.ts';
import { ConformanceError } from '../core/errors.ts';
import { isJsonObject } from '../core/json.ts';
import { prop } from './unknown.ts';

export const CASSETTE_FORMAT = 'cloud-api-conformance/cassette@1';

/** Query params that change on every signing (or per attempt) and are never matched. */
export const VOLATILE_QUERY = ['Timestamp', 'SignatureNonce', 'Signature', 'ClientToken', 'AccessKeyId', 'SecurityToken'];
/** Request headers that identify the call (everything else is ignored when matching). */
export const ROUTING_HEADERS = ['x-acs-action', 'x-acs-version'];
/** Response headers never stored: they carry dates, cookies or credentials. */
export const SCRUBBED_RESPONSE_HEADERS = ['date', 'set-cookie', 'authorization', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'];

export interface CassetteRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers?: Record<string, string>;
  bodyHash: string | null;
  /** The case's protocol tweak (`auth: valid` left out), as the file holds it: compared, never sent. */
  tweak?: Record<string, string>;
}
export interface CassetteResponse { status: number; headers: Record<string, string>; body: unknown }
export interface Interaction { request: CassetteRequest; response: CassetteResponse; note?: string }
/**
 * Optional (written by `--record`): the fixtures the recorded run used, so a replay can serve the
 * same ids. `creates` are handed out in recorded order per (kind, key = canonical resolved fields);
 * `reads` answer state read-backs per (kind, id), in order, repeating the last.
 */
export interface CassetteFixtures {
  creates: { kind: string; key: string; id: string }[];
  reads: { kind: string; id: string; entity: Record<string, unknown> | null }[];
}
export interface Cassette { format: typeof CASSETTE_FORMAT; vendor: Vendor; recordedAt?: string; target?: string; interactions: Interaction[]; fixtures?: CassetteFixtures }

function decode(s: string): string {
  try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return s; }
}

function pairs(raw: string): [string, string][] {
  return raw.split('&').filter(Boolean).map((p) => {
    const i = p.indexOf('=');
    return i < 0 ? [decode(p), ''] : [decode(p.slice(0, i)), decode(p.slice(i + 1))];
  });
}

function group(ps: [string, string][]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of ps) {
    if (VOLATILE_QUERY.includes(k)) continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : [...(Array.isArray(prev) ? prev : [prev]), v];
  }
  return out;
}

/** Hash of the body; form bodies are hashed without their volatile params, sorted. */
export function bodyHash(body: string | undefined, contentType = ''): string | null {
  if (!body) return null;
  const text = /x-www-form-urlencoded/i.test(contentType)
    ? JSON.stringify(Object.entries(group(pairs(body))).sort(([a], [b]) => (a < b ? -1 : 1)))
    : body;
  return createHash('sha256').update(text).digest('hex');
}

/** The matching key of a live request. */
export function requestKey(wire: WireRequest, opts: { projectId?: string; tweak?: ProtocolTweak } = {}): CassetteRequest {
  const q = wire.path.indexOf('?');
  let path = q < 0 ? wire.path : wire.path.slice(0, q);
  if (opts.projectId) path = path.split(opts.projectId).join('{project_id}');
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(wire.headers)) lower[k.toLowerCase()] = v;
  const headers: Record<string, string> = {};
  for (const h of ROUTING_HEADERS) if (lower[h] !== undefined) headers[h] = lower[h]!;
  const key: CassetteRequest = {
    method: wire.method.toUpperCase(), path, query: group(pairs(q < 0 ? '' : wire.path.slice(q + 1))),
    bodyHash: bodyHash(wire.body, lower['content-type']),
  };
  if (Object.keys(headers).length) key.headers = headers;
  const tweak: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.tweak ?? {})) if (typeof v === 'string' && !(k === 'auth' && v === 'valid')) tweak[k] = v;
  if (Object.keys(tweak).length) key.tweak = tweak;
  return key;
}

/** Object entries in key order (what `Object.keys().sort()` gives), for canonical forms. */
export const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

function canon(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v).sort(byKey).map(([k, x]) => `${JSON.stringify(k)}:${canon(x)}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** True when a recorded request and a live key are the same call. */
export function sameRequest(recorded: CassetteRequest, live: CassetteRequest): boolean {
  const r = requestKey({ method: recorded.method, path: recorded.path, headers: {} });
  return recorded.method.toUpperCase() === live.method && r.path === live.path
    && canon(group(Object.entries(recorded.query).flatMap(([k, v]): [string, string][] => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])))) === canon(live.query)
    && canon(lowerRecord(recorded.headers)) === canon(live.headers ?? {})
    && (recorded.bodyHash ?? null) === live.bodyHash
    && canon(recorded.tweak ?? {}) === canon(live.tweak ?? {});
}

function lowerRecord(h: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k.toLowerCase(), v]).filter(([k]) => ROUTING_HEADERS.includes(k!)));
}

/** Build an interaction from a live exchange (for the recorder): volatile parts dropped, headers scrubbed. */
export function toInteraction(wire: WireRequest, res: WireResponse, opts: { projectId?: string; tweak?: ProtocolTweak } = {}): Interaction {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (!SCRUBBED_RESPONSE_HEADERS.includes(k.toLowerCase())) headers[k.toLowerCase()] = v;
  return { request: requestKey(wire, opts), response: { status: res.status, headers, body: res.body } };
}

const isStrings = (v: unknown): v is Record<string, string> => isJsonObject(v) && Object.values(v).every((x) => typeof x === 'string');
const isQuery = (v: unknown): v is Record<string, string | string[]> =>
  isJsonObject(v) && Object.values(v).every((x) => typeof x === 'string' || (Array.isArray(x) && x.every((y) => typeof y === 'string')));

/** Validate a parsed cassette file; throws with the file name and what is wrong. */
export function checkCassette(data: unknown, file: string): Cassette {
  const bad = (why: string) => new ConformanceError('E_OPTION', `cassette ${file}: ${why}`);
  if (!isJsonObject(data)) throw bad('not a JSON object');
  if (data.format !== CASSETTE_FORMAT) throw bad(`format must be "${CASSETTE_FORMAT}"`);
  const { vendor, interactions, recordedAt, target, fixtures } = data;
  if (!isVendor(vendor)) throw bad(`unknown vendor ${JSON.stringify(vendor)}`);
  if (!Array.isArray(interactions)) throw bad('interactions must be an array');
  return {
    format: CASSETTE_FORMAT, vendor,
    ...(typeof recordedAt === 'string' ? { recordedAt } : {}),
    ...(typeof target === 'string' ? { target } : {}),
    interactions: interactions.map((it: unknown, i): Interaction => {
      const request = prop(it, 'request');
      const response = prop(it, 'response');
      const { method, path, query = {}, headers, bodyHash = null, tweak } = isJsonObject(request) ? request : {};
      if (!method || typeof method !== 'string' || typeof path !== 'string') throw bad(`interactions[${i}].request needs method and path`);
      const status = prop(response, 'status');
      if (typeof status !== 'number') throw bad(`interactions[${i}].response.status must be a number`);
      const answered = prop(response, 'headers') ?? {};
      const note = prop(it, 'note');
      if (!isQuery(query) || (headers !== undefined && !isStrings(headers)) || (typeof bodyHash !== 'string' && bodyHash !== null)
        || (tweak !== undefined && !isStrings(tweak)) || !isStrings(answered)) {
        throw bad(`interactions[${i}]: query, headers and tweak hold strings, bodyHash a string or null, response.headers strings`);
      }
      return {
        request: { method, path, query, bodyHash, ...(headers ? { headers } : {}), ...(tweak ? { tweak } : {}) },
        response: { status, headers: answered, body: prop(response, 'body') },
        ...(typeof note === 'string' ? { note } : {}),
      };
    }),
    ...(fixtures !== undefined ? { fixtures: cassetteFixtures(fixtures, (why) => bad(`fixtures: ${why}`)) } : {}),
  };
}

/** The recorded fixtures of a cassette (`--record`), checked entry by entry. */
function cassetteFixtures(v: unknown, bad: (why: string) => Error): CassetteFixtures {
  const creates = prop(v, 'creates');
  const reads = prop(v, 'reads');
  if (!Array.isArray(creates) || !Array.isArray(reads)) throw bad('needs creates and reads lists');
  return {
    creates: creates.map((c: unknown, i) => {
      const kind = prop(c, 'kind'), key = prop(c, 'key'), id = prop(c, 'id');
      if (typeof kind !== 'string' || typeof key !== 'string' || typeof id !== 'string') throw bad(`creates[${i}] needs kind, key and id`);
      return { kind, key, id };
    }),
    reads: reads.map((r: unknown, i) => {
      const kind = prop(r, 'kind'), id = prop(r, 'id'), entity = prop(r, 'entity');
      if (typeof kind !== 'string' || typeof id !== 'string' || !(entity === null || isJsonObject(entity))) throw bad(`reads[${i}] needs kind, id and entity (an object or null)`);
      return { kind, id, entity };
    }),
  };
}
