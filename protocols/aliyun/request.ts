// Alibaba RPC requests as @alicloud/ecs20140526 sends them (sdk-wire.md 1.2 and 1.4): POST /,
// every API param in the query (sorted, querystring-escaped), empty body.
import os from 'node:os';
import type { OperationCall, WireRequest } from '../../core/types.ts';
import type { BuildContext, ParsedRequest } from '../types.ts';
import { isoSeconds } from '../common/dates.ts';
import { getHeader } from '../common/headers.ts';
import { EMPTY_SHA256 } from '../common/hmac.ts';
import { bodyPairs, collectParams, flattenParams, pick, queryPairs, sortPairs } from '../common/params.ts';
import { stringifyPairs } from '../common/rfc3986.ts';
import { authorizationFor, corrupt, randomNonce, REUSED_NONCE, signingInputs } from '../common/tweak.ts';
import { acs3Authorization } from './acs3.ts';
import { v1Signature } from './rpc-v1.ts';

const USER_AGENT = `AlibabaCloud (${os.platform()}; ${os.arch()}) Node.js/${process.version} Core/1.0.1 TeaDSL/2 cloud-api-conformance`;

/** Params that belong to the protocol, not the API: parseRequest leaves them out of `params`. */
export const ALIYUN_PROTOCOL_PARAMS: ReadonlySet<string> = new Set([
  'Action', 'Version', 'Format', 'AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion',
  'SignatureNonce', 'SignatureType', 'Timestamp', 'SecurityToken', 'BearerToken',
]);

export function buildAliyunRequest(call: OperationCall, ctx: BuildContext): WireRequest {
  const { tweak, auth, now, accessKeyId } = signingInputs(ctx);
  const nonce = auth === 'reused-nonce' ? REUSED_NONCE : ctx.nonce ?? randomNonce();
  const action = pick(call, 'Action', tweak.action, call.operation);
  const version = pick(call, 'Version', tweak.version, call.version);
  const method = (tweak.method ?? 'POST').toUpperCase();
  const { accessKeySecret: secret, securityToken } = ctx.credentials;
  const apiPairs: [string, string][] = [...sortPairs(flattenParams(call.params, ['Action', 'Version'])), ...(call.rawParams ?? [])];
  const provider = securityToken ? 'static_sts' : 'static_ak';

  const headers: Record<string, string> = { host: ctx.host };
  if (version !== undefined) headers['x-acs-version'] = version;
  if (action !== undefined) headers['x-acs-action'] = action;
  headers['user-agent'] = USER_AGENT;

  if (tweak.scheme === 'rpc-v1') {
    // Query order as the SDK builds it: common params, API params, then the signing params.
    const pairs: [string, string][] = [];
    if (action !== undefined) pairs.push(['Action', action]);
    pairs.push(['Format', call.format === 'XML' ? 'XML' : 'json']);
    if (version !== undefined) pairs.push(['Version', version]);
    pairs.push(['Timestamp', isoSeconds(now)], ['SignatureNonce', nonce], ...apiPairs);
    if (securityToken) pairs.push(['SecurityToken', securityToken]);
    headers['x-acs-credentials-provider'] = provider;
    if (auth !== 'none') {
      pairs.push(['SignatureMethod', 'HMAC-SHA1'], ['SignatureVersion', '1.0'], ['AccessKeyId', accessKeyId]);
      const sig = v1Signature(method, pairs, secret);
      pairs.push(['Signature', auth === 'bad-signature' ? corrupt(sig) : sig]);
    }
    return { method, path: `/?${stringifyPairs(pairs)}`, headers, body: '' };
  }

  headers['x-acs-date'] = isoSeconds(now);
  headers['x-acs-signature-nonce'] = nonce;
  headers.accept = call.format === 'XML' ? 'application/xml' : 'application/json';
  headers['x-acs-content-sha256'] = EMPTY_SHA256;
  headers['x-acs-credentials-provider'] = provider;
  if (securityToken) {
    headers['x-acs-accesskey-id'] = accessKeyId;
    headers['x-acs-security-token'] = securityToken;
  }
  const query = stringifyPairs(apiPairs);
  const req: WireRequest = { method, path: query ? `/?${query}` : '/', headers, body: '' };
  if (auth !== 'none') {
    headers.Authorization = authorizationFor(auth, acs3Authorization(req, accessKeyId, secret, apiPairs));
  }
  return req;
}

export function parseAliyunRequest(req: WireRequest): ParsedRequest {
  const pairs = [...queryPairs(req), ...bodyPairs(req)];
  const all = collectParams(pairs);
  const params: Record<string, string> = {};
  for (const k in all) if (!ALIYUN_PROTOCOL_PARAMS.has(k)) params[k] = all[k]!;
  const auth = getHeader(req.headers, 'authorization') ?? '';
  const accept = (getHeader(req.headers, 'accept') ?? '').toLowerCase();
  const xml = all.Format !== undefined ? all.Format.toUpperCase() === 'XML' : accept.includes('xml') && !accept.includes('json');
  // v1 signs the Action/Version params but not the x-acs-* headers: trust the signed one.
  const v1 = all.Signature !== undefined;
  const fromHeader = (h: string, p: string | undefined) => (v1 ? p ?? getHeader(req.headers, h) : getHeader(req.headers, h) ?? p);
  return {
    operation: fromHeader('x-acs-action', all.Action),
    version: fromHeader('x-acs-version', all.Version),
    params,
    region: params.RegionId,
    format: xml ? 'XML' : 'JSON',
    accessKeyId: /Credential=([^,\s]+)/.exec(auth)?.[1] ?? all.AccessKeyId,
  };
}
