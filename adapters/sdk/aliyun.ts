// Alibaba Cloud through the official @alicloud/ecs20140526 client: each call goes through the
// generated `<op>WithOptions(new <Op>Request(...))` exactly as a user's code would. Logical wire
// params (PascalCase) are mapped onto the model's camelCase fields with the model's own names().
import { createRequire } from 'node:module';
import type { Credentials, OperationCall, ProtocolTweak, TargetResponse } from '../../core/types.ts';
import { flatHeaders } from '../http.ts';
import { attempt, networkFailure, undecodedAnswer } from './common.ts';

const require = createRequire(import.meta.url);

/** The slice of the SDK we use; a user's mock (sdk:module:) provides the same shape. */
export interface AliyunBindings {
  /** `require('@alicloud/ecs20140526')`: `.default` is the client class, `<Op>Request` the models. */
  ecs: Record<string, any>;
  /** `require('@alicloud/openapi-core')`: `$OpenApiUtil.Config`. */
  openapi: { $OpenApiUtil: { Config: new (m: Record<string, unknown>) => unknown } };
  /** `require('@darabonba/typescript')`: `RuntimeOptions`. */
  dara: { RuntimeOptions: new (m: Record<string, unknown>) => unknown };
}

export function realAliyunBindings(): AliyunBindings {
  return {
    ecs: require('@alicloud/ecs20140526'),
    openapi: require('@alicloud/openapi-core'),
    dara: require('@darabonba/typescript'),
  };
}

interface ModelClass { new (m?: Record<string, unknown>): any; names?(): Record<string, string>; types?(): Record<string, unknown> }

/** Wire-named values -> a model instance (recursing into lists of structs). */
function toModel(Model: ModelClass, wire: Record<string, unknown>, unknown: string[], prefix = ''): any {
  const names = Model.names?.() ?? {};
  const types = Model.types?.() ?? {};
  const byWire = new Map(Object.entries(names).map(([field, wireName]) => [wireName, field]));
  const map: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(wire)) {
    const field = byWire.get(k);
    if (!field) { unknown.push(prefix + k); continue; }
    const t = types[field] as { type?: string; itemType?: unknown } | ModelClass | string;
    if (typeof t === 'function' && v && typeof v === 'object' && !Array.isArray(v)) {
      map[field] = toModel(t, v as Record<string, unknown>, unknown, `${prefix}${k}.`);
    } else if (t && typeof t === 'object' && t.type === 'array' && typeof t.itemType === 'function' && Array.isArray(v)) {
      map[field] = v.map((item, i) => (item && typeof item === 'object'
        ? toModel(t.itemType as ModelClass, item as Record<string, unknown>, unknown, `${prefix}${k}.${i + 1}.`) : item));
    } else {
      map[field] = v;
    }
  }
  return new Model(map);
}

function lcfirst(s: string): string { return s.charAt(0).toLowerCase() + s.slice(1); }

export interface AliyunSdkOptions {
  endpoint: URL;
  credentials: Credentials;
  region: string;
  timeoutMs: number;
  bindings: AliyunBindings;
}

export function createAliyunSdk(o: AliyunSdkOptions) {
  const clients = new Map<string, any>();
  const clientFor = (scheme: 'acs3' | 'rpc-v1') => {
    let c = clients.get(scheme);
    if (!c) {
      const config = new o.bindings.openapi.$OpenApiUtil.Config({
        accessKeyId: o.credentials.accessKeyId, accessKeySecret: o.credentials.accessKeySecret,
        securityToken: o.credentials.securityToken, endpoint: o.endpoint.host,
        protocol: o.endpoint.protocol.replace(':', ''), regionId: o.region,
        readTimeout: o.timeoutMs, connectTimeout: o.timeoutMs,
        ...(scheme === 'rpc-v1' ? { signatureAlgorithm: 'v2' } : {}),
      });
      const Client = o.bindings.ecs.default ?? o.bindings.ecs.Client;
      c = new Client(config);
      clients.set(scheme, c);
    }
    return c;
  };

  return async function send(call: OperationCall, tweak: ProtocolTweak | undefined): Promise<TargetResponse> {
    const started = performance.now();
    const Request = o.bindings.ecs[`${call.operation}Request`] as ModelClass | undefined;
    const client = clientFor(tweak?.scheme === 'rpc-v1' ? 'rpc-v1' : 'acs3');
    const method = client[`${lcfirst(call.operation)}WithOptions`];
    if (!Request || typeof method !== 'function') return { clientRejected: `the ECS SDK has no operation ${call.operation}` };
    const unknown: string[] = [];
    const params = { ...call.params };
    for (const fixed of ['Action', 'Version']) {
      if (fixed in params && params[fixed] !== (fixed === 'Action' ? call.operation : call.version)) unknown.push(fixed);
      delete params[fixed];
    }
    // RegionId: the SDK client config carries a default region, but the request model sends its own.
    const request = toModel(Request, params, unknown);
    if (unknown.length) return { clientRejected: `the SDK request model cannot express ${unknown.join(', ')}` };
    if (call.rawParams?.length) return { clientRejected: 'the SDK cannot send raw wire pairs' };
    const runtime = new o.bindings.dara.RuntimeOptions({ readTimeout: o.timeoutMs, connectTimeout: o.timeoutMs, autoretry: false });
    return attempt(started, async () => {
      const res = await method.call(client, request, runtime);
      const body = typeof res?.body?.toMap === 'function' ? res.body.toMap() : res?.body;
      const headers = flatHeaders(res?.headers);
      return {
        status: res?.statusCode, headers, contentType: headers['content-type'], body, format: 'json',
        requestId: (body as { RequestId?: string } | undefined)?.RequestId ?? headers['x-acs-request-id'],
      };
    }, aliyunError);
  };
}

/** ClientError / ServerError / ThrottlingError -> status + error + requestId; the rest by kind. */
export function aliyunError(e: unknown): TargetResponse {
  const err = e as { statusCode?: number; code?: string; message?: string; requestId?: string; data?: Record<string, unknown>; name?: string };
  if (typeof err?.statusCode === 'number') {
    const data = err.data ?? {};
    return {
      status: err.statusCode, body: data, format: 'json',
      error: { code: (data.Code as string) ?? err.code, message: (data.Message as string) ?? err.message },
      requestId: (data.RequestId as string) ?? err.requestId,
    };
  }
  const net = networkFailure(e);
  if (net) return { transportError: net };
  // The SDK could not read what came back (non-JSON body, list shape mismatch): an answer, not a refusal.
  if (err?.name === 'SyntaxError' || /mismatch/.test(err?.message ?? '')) {
    return { format: 'other', raw: `SDK could not read the response: ${err.message}` };
  }
  const undecoded = undecodedAnswer(e);
  if (undecoded) return undecoded;
  return { clientRejected: `${err?.name ?? 'Error'}${err?.code ? ` ${err.code}` : ''}: ${err?.message ?? String(e)}` };
}
