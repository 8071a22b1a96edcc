// Volcengine through @volcengine/openapi's generic Service (there is no ECS client on npm):
// `createAPI(Action, {Version, method: 'GET'})` as the official Go SDK sends DeleteInstances.
// The SDK resolves on every HTTP status, so the status is invisible: the answer carries no
// `status` and errors come only from ResponseMetadata.Error.
import { createRequire } from 'node:module';
import type { BindingFactory, DecodedAnswer } from './binding.ts';
import { flattenLists } from './common.ts';
import { prop, text } from '../unknown.ts';

const require = createRequire(import.meta.url);

/** The slice of the SDK's package we use; a mock of it (sdk:module:) provides `{ Service }`. */
export interface VolcengineModules {
  Service: new (o: Record<string, unknown>) => {
    createAPI(action: string, p: Record<string, unknown>): (data: Record<string, unknown>, params?: Record<string, unknown>) => Promise<unknown>;
  };
}

export function realVolcengineModules(): VolcengineModules {
  return { Service: require('@volcengine/openapi').Service };
}

/**
 * The official SDK as a binding: one generic Service per service, region and version, configured
 * as a user would, any action through `createAPI(Action, {Version, method: 'GET'})`.
 */
export function volcengineBinding(modules: VolcengineModules): BindingFactory {
  return (s) => {
    const services = new Map<string, InstanceType<VolcengineModules['Service']>>();
    const serviceFor = (service: string, region: string, version: string) => {
      const key = `${service}|${region}|${version}`;
      let svc = services.get(key);
      if (!svc) {
        svc = new modules.Service({
          host: s.endpoint.host, protocol: s.endpoint.protocol, region, serviceName: service,
          accessKeyId: s.credentials.accessKeyId, secretKey: s.credentials.accessKeySecret,
          sessionToken: s.credentials.securityToken, defaultVersion: version,
        });
        services.set(key, svc);
      }
      return svc;
    };
    return {
      operation: (name) => ({
        call: (params, ctx) => serviceFor(ctx.service, ctx.region ?? s.region, ctx.version)
          .createAPI(name, { Version: ctx.version, method: ctx.method ?? 'GET' })(flattenLists(params), { timeout: s.timeoutMs }),
      }),
      decodeResult: decodeVolcengineResult,
      // it rejects only when no answer came (network) or it refused the call itself
      decodeError: () => undefined,
    };
  };
}

/** The SDK resolves on every status: the vendor's error is in ResponseMetadata.Error, the status unseen. */
export function decodeVolcengineResult(res: unknown): DecodedAnswer {
  if (typeof res === 'string') return res === '' ? {} : { unreadable: res.slice(0, 200) };
  const meta = prop(res, 'ResponseMetadata');
  const error = prop(meta, 'Error');
  return { body: res, requestId: text(prop(meta, 'RequestId')), ...(error ? { code: text(prop(error, 'Code')), message: text(prop(error, 'Message')) } : {}) };
}
