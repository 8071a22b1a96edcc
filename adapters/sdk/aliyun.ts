// Alibaba Cloud through the official @alicloud/ecs20140526 client: each call goes through the
// generated `<op>WithOptions(new <Op>Request(...))` exactly as a user's code would. Logical wire
// params (PascalCase) are mapped onto the model's camelCase fields with the model's own names().
import { createRequire } from 'node:module';
import { flatHeaders } from '../http.ts';
import { CannotSend, type BindingFactory, type DecodedAnswer } from './binding.ts';
import { flattenLists } from './common.ts';
import { prop, text } from '../unknown.ts';
import { isJsonObject } from '../../core/json.ts';

/** The API version this SDK package is generated for. */
const ECS_VERSION = '2014-05-26';

const require = createRequire(import.meta.url);

/** The slice of the SDK's packages we use; a mock of them (sdk:module:) provides the same shape. */
export interface AliyunModules {
  /** `require('@alicloud/ecs20140526')`: `.default` is the client class, `<Op>Request` the models. */
  ecs: Record<string, any>;
  /** `require('@alicloud/openapi-core')`: `$OpenApiUtil.Config`. */
  openapi: { $OpenApiUtil: { Config: new (m: Record<string, unknown>) => unknown; Params?: new (m: Record<string, unknown>) => unknown; OpenApiRequest?: new (m: Record<string, unknown>) => unknown } };
  /** `require('@darabonba/typescript')`: `RuntimeOptions`. */
  dara: { RuntimeOptions: new (m: Record<string, unknown>) => unknown };
}

export function realAliyunModules(): AliyunModules {
  return {
    ecs: require('@alicloud/ecs20140526'),
    openapi: require('@alicloud/openapi-core'),
    dara: require('@darabonba/typescript'),
  };
}

interface ModelClass { new (m?: Record<string, unknown>): any; names?(): Record<string, string>; types?(): Record<string, unknown> }

/** The SDK's `types()` names a nested model by its class: any function there is one. */
const isModelClass = (v: unknown): v is ModelClass => typeof v === 'function';

/** Wire-named values -> a model instance (recursing into lists of structs). */
function toModel(Model: ModelClass, wire: Record<string, unknown>, unknown: string[], prefix = ''): any {
  const names = Model.names?.() ?? {};
  const types = Model.types?.() ?? {};
  const byWire = new Map(Object.entries(names).map(([field, wireName]) => [wireName, field]));
  const map: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(wire)) {
    const field = byWire.get(k);
    if (!field) { unknown.push(prefix + k); continue; }
    const t = types[field];
    const itemType = prop(t, 'type') === 'array' ? prop(t, 'itemType') : undefined;
    if (isModelClass(t) && isJsonObject(v)) {
      map[field] = toModel(t, v, unknown, `${prefix}${k}.`);
    } else if (isModelClass(itemType) && Array.isArray(v)) {
      map[field] = v.map((item, i) => (isJsonObject(item) ? toModel(itemType, item, unknown, `${prefix}${k}.${i + 1}.`) : item));
    } else {
      map[field] = v;
    }
  }
  return new Model(map);
}

function lcfirst(s: string): string { return s.charAt(0).toLowerCase() + s.slice(1); }

/**
 * The official SDK as a binding: a client configured as a user would (endpoint, credentials,
 * default region, `signatureAlgorithm: 'v2'` for the v1 scheme), any ECS operation through its
 * `<op>WithOptions(new <Op>Request(...))`.
 */
export function aliyunBinding(modules: AliyunModules): BindingFactory {
  return (s) => {
    const config = new modules.openapi.$OpenApiUtil.Config({
      accessKeyId: s.credentials.accessKeyId, accessKeySecret: s.credentials.accessKeySecret,
      securityToken: s.credentials.securityToken, endpoint: s.endpoint.host,
      protocol: s.endpoint.protocol.replace(':', ''), regionId: s.region,
      readTimeout: s.timeoutMs, connectTimeout: s.timeoutMs,
      ...(s.scheme === 'rpc-v1' ? { signatureAlgorithm: 'v2' } : {}),
    });
    const Client = modules.ecs.default ?? modules.ecs.Client;
    const client = new Client(config);
    const runtime = new modules.dara.RuntimeOptions({ readTimeout: s.timeoutMs, connectTimeout: s.timeoutMs, autoretry: false });
    // The SDK's generic call (`callApi`, what every typed method wraps): any action or version by name,
    // or HTTP method by name, and `authType: 'Anonymous'` for an unsigned request.
    const generic = (action: string, params: Record<string, unknown>, version: string, method = 'POST') => client.callApi(
      new modules.openapi.$OpenApiUtil.Params!({
        action, version, protocol: 'HTTPS', pathname: '/', method, authType: s.anonymous ? 'Anonymous' : 'AK',
        style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
      }),
      new modules.openapi.$OpenApiUtil.OpenApiRequest!({ query: flattenLists(params) }), runtime);
    const hasGeneric = typeof client.callApi === 'function' && !!modules.openapi.$OpenApiUtil.Params;
    return {
      operation(name) {
        const found: unknown = modules.ecs[`${name}Request`];
        const Request = isModelClass(found) ? found : undefined;
        const method = client[`${lcfirst(name)}WithOptions`];
        const typed = !!Request && typeof method === 'function';
        if (!typed && !hasGeneric) return undefined;
        return {
          async call(params, ctx) {
            if (!typed || s.anonymous || ctx.version !== ECS_VERSION || ctx.method) {
              if (!hasGeneric) throw new CannotSend('this client has no generic callApi');
              return generic(name, params, ctx.version, ctx.method);
            }
            // RegionId: the client config carries a default region, but the request model sends its own.
            const unknown: string[] = [];
            const request = toModel(Request, params, unknown);
            if (unknown.length) throw new CannotSend(`the SDK request model cannot express ${unknown.join(', ')}`);
            return method.call(client, request, runtime);
          },
        };
      },
      decodeResult(res) {
        const model = prop(res, 'body');
        const toMap = prop(model, 'toMap');
        const body: unknown = typeof toMap === 'function' ? toMap.call(model) : model;
        const headers = flatHeaders(prop(res, 'headers'));
        const status = prop(res, 'statusCode');
        return { status: typeof status === 'number' ? status : undefined, headers, body, requestId: text(prop(body, 'RequestId')) ?? headers['x-acs-request-id'] };
      },
      decodeError: decodeAliyunError,
    };
  };
}

/** ClientError / ServerError / ThrottlingError -> status, code, message, request id. */
export function decodeAliyunError(e: unknown): DecodedAnswer | undefined {
  const status = prop(e, 'statusCode');
  const message = text(prop(e, 'message'));
  if (typeof status === 'number') {
    const data = prop(e, 'data') ?? {};
    return {
      status, body: data,
      code: text(prop(data, 'Code')) ?? text(prop(e, 'code')), message: text(prop(data, 'Message')) ?? message,
      requestId: text(prop(data, 'RequestId')) ?? text(prop(e, 'requestId')),
    };
  }
  // The SDK could not read what came back (non-JSON body, list shape mismatch): an answer, not a refusal.
  if (prop(e, 'name') === 'SyntaxError' || /mismatch/.test(message ?? '')) return { unreadable: message ?? String(e) };
  return undefined;
}
