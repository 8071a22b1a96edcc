// Huawei REST requests as @huaweicloud/huaweicloud-sdk-core sends them (sdk-wire.md 3.2): path
// params substituted (project_id from the credentials), the rest in the query (GET/DELETE) or a
// JSON body; Content-Type application/json is sent and signed even without a body.
import type { OperationCall, WireRequest } from '../../core/types.ts';
import type { BuildContext, ParsedRequest, RouteEntry } from '../types.ts';
import { basicDate } from '../common/dates.ts';
import { getHeader } from '../common/headers.ts';
import { bodyPairs, collectParams, queryPairs } from '../common/params.ts';
import { decodeComponent, rfc3986, splitPath, stringifyPairs } from '../common/rfc3986.ts';
import { authorizationFor, signingInputs } from '../common/tweak.ts';
import { hwAuthorization, parseHwAuthorization } from './signer.ts';

const USER_AGENT = `huaweicloud-usdk-nodejs/3.0; nodejs/${process.version} cloud-api-conformance`;
const QUERY_METHODS = ['GET', 'DELETE', 'HEAD'];

function scalar(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function buildHwRequest(call: OperationCall, ctx: BuildContext): WireRequest {
  if (!ctx.route) throw new Error(`huaweicloud ${call.operation}: buildRequest needs ctx.route ({method, path}) from the contract`);
  // No nonce in this scheme: `reused-nonce` sends an ordinary valid request.
  const { tweak, auth, now, accessKeyId } = signingInputs(ctx);
  const method = (tweak.method ?? ctx.route.method).toUpperCase();
  const { projectId, accessKeySecret: secret, securityToken } = ctx.credentials;

  const rest: Record<string, unknown> = { ...call.params };
  const path = ctx.route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = name in rest ? rest[name] : name === 'project_id' ? projectId : undefined;
    delete rest[name];
    return v === undefined || v === null ? '' : rfc3986(scalar(v));
  });
  const defined = Object.entries(rest).filter(([, v]) => v !== undefined && v !== null);
  let query: [string, string][] = [];
  let body = '';
  if (QUERY_METHODS.includes(method)) {
    query = defined.flatMap(([k, v]): [string, string][] => (Array.isArray(v) ? v.map((x) => [k, scalar(x)]) : [[k, scalar(v)]]));
    // The generated clients always pass `data: {}`; core drops it only for DELETE, so a GET
    // goes out with the body `{}` (signed as such).
    if (method !== 'DELETE') body = '{}';
  } else {
    body = JSON.stringify(Object.fromEntries(defined));
  }
  query.push(...(call.rawParams ?? []));
  const qs = stringifyPairs(query);

  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (projectId) headers['X-Project-Id'] = projectId;
  if (securityToken) headers['X-Security-Token'] = securityToken;
  headers['X-Sdk-Date'] = basicDate(now);
  headers.host = ctx.host;
  const req: WireRequest = { method, path: qs ? `${path}?${qs}` : path, headers, body };
  if (auth !== 'none') {
    headers.Authorization = authorizationFor(auth, hwAuthorization(req, accessKeyId, secret));
  }
  // Added after signing, as axios does: not signed.
  headers.Accept = 'application/json';
  headers['User-Agent'] = USER_AGENT;
  return req;
}

/** Match `/v2/{project_id}/cloudsnapshots/{snapshot_id}` against a wire path; decoded params. */
export function matchRoute(template: string, pathname: string): Record<string, string> | undefined {
  const want = template.split('/');
  const got = pathname.replace(/\/+$/, '').split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const m = /^\{([^}]+)\}$/.exec(want[i]!);
    if (m) params[m[1]!] = decodeComponent(got[i]!.replace(/\+/g, '%2B'));
    else if (want[i] !== got[i]) return undefined;
  }
  return params;
}

export function parseHwRequest(req: WireRequest, routes: RouteEntry[] = []): ParsedRequest {
  const [pathname] = splitPath(req.path);
  const params = collectParams([...queryPairs(req), ...bodyPairs(req)]);
  const auth = parseHwAuthorization(getHeader(req.headers, 'authorization') ?? '');
  const version = /^\/(v\d[^/]*)/.exec(pathname)?.[1];
  for (const r of routes) {
    if (r.method.toUpperCase() !== req.method.toUpperCase()) continue;
    const pathParams = matchRoute(r.path, pathname);
    if (pathParams) return { operation: r.operation, version, params, format: 'JSON', accessKeyId: auth?.accessKeyId, pathParams };
  }
  return { version, params, format: 'JSON', accessKeyId: auth?.accessKeyId };
}
