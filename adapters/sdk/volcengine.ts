// Volcengine through @volcengine/openapi's generic Service (there is no ECS client on npm):
// `createAPI(Action, {Version, method: 'GET'})` as the official Go SDK sends DeleteInstances.
// The SDK resolves on every HTTP status, so the status is invisible: the answer carries no
// `status` and errors come only from ResponseMetadata.Error.
import { createRequire } from 'node:module';
import type { Credentials, OperationCall, ProtocolTweak, TargetResponse } from '../../core/types.ts';
import { attempt, flattenLists, networkFailure } from './common.ts';

const require = createRequire(import.meta.url);

/** The slice of the SDK we use; a user's mock provides `{ Service }` with the same constructor. */
export interface VolcengineBindings {
  Service: new (o: Record<string, unknown>) => {
    createAPI(action: string, p: Record<string, unknown>): (data: Record<string, unknown>, params?: Record<string, unknown>) => Promise<unknown>;
  };
}

export function realVolcengineBindings(): VolcengineBindings {
  return { Service: require('@volcengine/openapi').Service };
}

export interface VolcengineSdkOptions {
  endpoint: URL;
  credentials: Credentials;
  region: string;
  timeoutMs: number;
  bindings: VolcengineBindings;
}

export function createVolcengineSdk(o: VolcengineSdkOptions) {
  const services = new Map<string, InstanceType<VolcengineBindings['Service']>>();
  const serviceFor = (service: string, region: string, version: string) => {
    const key = `${service}|${region}|${version}`;
    let s = services.get(key);
    if (!s) {
      s = new o.bindings.Service({
        host: o.endpoint.host, protocol: o.endpoint.protocol, region, serviceName: service,
        accessKeyId: o.credentials.accessKeyId, secretKey: o.credentials.accessKeySecret,
        sessionToken: o.credentials.securityToken, defaultVersion: version,
      });
      services.set(key, s);
    }
    return s;
  };

  return async function send(call: OperationCall, _tweak: ProtocolTweak | undefined): Promise<TargetResponse> {
    const started = performance.now();
    if (call.rawParams?.length) return { clientRejected: 'the SDK cannot send raw wire pairs' };
    const { Action: _a, Version: _v, ...params } = call.params;
    const api = serviceFor(call.service, call.region ?? o.region, call.version)
      .createAPI(call.operation, { Version: call.version, method: 'GET' });
    return attempt(started, async () => volcengineAnswer(await api(flattenLists(params), { timeout: o.timeoutMs })), volcengineError);
  };
}

/** The SDK rejects only when no answer came (network) or it refused the call itself. */
export function volcengineError(e: unknown): TargetResponse {
  const net = networkFailure(e);
  return net ? { transportError: net } : { clientRejected: (e as Error)?.message ?? String(e) };
}

export function volcengineAnswer(res: unknown): TargetResponse {
  if (typeof res === 'string') return { raw: res, format: res === '' ? 'none' : 'other' };
  const meta = (res as { ResponseMetadata?: { RequestId?: string; Error?: { Code?: string; Message?: string } } })?.ResponseMetadata;
  const out: TargetResponse = { body: res, format: 'json', requestId: meta?.RequestId };
  if (meta?.Error) out.error = { code: meta.Error.Code, message: meta.Error.Message };
  return out;
}
