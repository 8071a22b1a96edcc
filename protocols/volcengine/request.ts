// Volcengine OpenAPI requests as @volcengine/openapi's Service sends them (sdk-wire.md 2.1-2.2):
// GET / with Action, Version and the params sorted in the query; POST puts the params in a
// form body with X-Content-Sha256 (createUrlEncodeAPI).
import type { OperationCall, WireRequest } from '../../core/types.ts';
import type { BuildContext, ParsedRequest } from '../types.ts';
import { basicDate } from '../common/dates.ts';
import { getHeader } from '../common/headers.ts';
import { sha256Hex } from '../common/hmac.ts';
import { bodyPairs, collectParams, flattenParams, pick, queryPairs, sortPairs } from '../common/params.ts';
import { stringifyPairs } from '../common/rfc3986.ts';
import { authorizationFor, signingInputs } from '../common/tweak.ts';
import { parseVolcAuthorization, volcAuthorization } from './signer.ts';

export const VOLC_DEFAULT_REGION = 'cn-beijing';
const USER_AGENT = 'volc-sdk-nodejs/v1.36.2 cloud-api-conformance';

export function buildVolcRequest(call: OperationCall, ctx: BuildContext): WireRequest {
  // No nonce in this scheme: `reused-nonce` sends an ordinary valid request.
  const { tweak, auth, now, accessKeyId } = signingInputs(ctx);
  const action = pick(call, 'Action', tweak.action, call.operation);
  const version = pick(call, 'Version', tweak.version, call.version);
  const method = (tweak.method ?? 'GET').toUpperCase();
  const region = call.region ?? VOLC_DEFAULT_REGION;
  const { accessKeySecret: secret, securityToken } = ctx.credentials;

  const protocolPairs: [string, string][] = [];
  if (action !== undefined) protocolPairs.push(['Action', action]);
  if (version !== undefined) protocolPairs.push(['Version', version]);
  const apiPairs = flattenParams(call.params, ['Action', 'Version']);
  const raw = call.rawParams ?? [];

  const headers: Record<string, string> = {
    Accept: 'application/json, text/plain, */*',
    'Content-Type': 'application/x-www-form-urlencoded',
    'X-Date': basicDate(now),
  };
  const signed = ['x-date'];
  if (securityToken) { headers['X-Security-Token'] = securityToken; signed.push('x-security-token'); }
  let query: string;
  let body = '';
  if (method === 'GET' || method === 'DELETE' || method === 'HEAD') {
    query = stringifyPairs([...sortPairs([...protocolPairs, ...apiPairs]), ...raw]);
  } else {
    query = stringifyPairs(sortPairs(protocolPairs));
    body = new URLSearchParams([...apiPairs, ...raw]).toString();
    headers['X-Content-Sha256'] = sha256Hex(body);
    signed.push('x-content-sha256');
  }
  const req: WireRequest = { method, path: query ? `/?${query}` : '/', headers, body };
  if (auth !== 'none') {
    headers.Authorization = authorizationFor(auth, volcAuthorization(req, signed, accessKeyId, secret, region, call.service));
  }
  headers['User-Agent'] = USER_AGENT;
  headers.Host = ctx.host;
  return req;
}

export function parseVolcRequest(req: WireRequest): ParsedRequest {
  const all = collectParams([...queryPairs(req), ...bodyPairs(req)]);
  const { Action, Version, ...params } = all;
  const auth = parseVolcAuthorization(getHeader(req.headers, 'authorization') ?? '');
  return { operation: Action, version: Version, params, region: auth?.scope.region, format: 'JSON', accessKeyId: auth?.accessKeyId };
}
