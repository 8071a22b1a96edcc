// `sdk:<base URL>`: cases go through the vendors' official Node SDKs, pointed at the base URL.
// `sdk:module:<path>`: the same adapters over a user's SDK mock. The module exports any of
//
//   export const aliyun = { ecs: { default: ClientClass, DeleteSnapshotRequest, ... } };
//       // ClientClass(config) with `<op>WithOptions(request, runtime)` resolving
//       // `{ statusCode, headers, body: { toMap(): wireNamedBody } }` or throwing
//       // `{ statusCode, code, data: { Code, Message, RequestId } }` (as @alicloud/openapi-core errors)
//   export const volcengine = { Service };   // new Service(opts).createAPI(action, {Version, method})(params)
//                                            // resolves `{ ResponseMetadata: { RequestId, Error? }, Result }`
//   export const huaweicloud = { ClientBuilder, BasicCredentials };
//       // new ClientBuilder(init).withEndpoint().withCredential().withOptions().build().sendRequest(opts)
//       // resolves `{ httpStatusCode, ...body }` or throws `{ httpStatusCode, errorCode, errorMsg, requestId }`
//   export const endpoint = 'http://127.0.0.1:PORT';   // optional, where the unmocked vendors go
//
// Missing pieces fall back to the real SDKs. SDKs cannot send bad signatures or unknown actions,
// so `capabilities.tweaks` is false and such cases come back as clientRejected (the runner skips them).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { Pool } from 'undici';
import type { OperationCall, ProtocolTweak, Target, TargetCapabilities, TargetResponse, Vendor } from '../../core/types.ts';
import { probeEmulatorFixtures, type EmulatorFixtures } from '../fixtures/emulator-control.ts';
import { poolControl } from '../http.ts';
import { callerIdsFor, credentialsFor, DEFAULT_TIMEOUT_MS, isLoopback, regionFor, routeFor, type TargetOptions } from '../options.ts';
import { createAliyunSdk, realAliyunBindings, type AliyunBindings } from './aliyun.ts';
import { createHuaweiSdk, realHuaweiBindings, type HuaweiBindings } from './huaweicloud.ts';
import { createVolcengineSdk, realVolcengineBindings, type VolcengineBindings } from './volcengine.ts';
import { importUserModule } from '../../core/user-module.ts';

export interface SdkBindings {
  aliyun?: Partial<AliyunBindings>;
  volcengine?: VolcengineBindings;
  huaweicloud?: HuaweiBindings;
  endpoint?: string;
}

/** What each SDK lets a caller see: the Volcengine SDK resolves on every status. */
// No SDK exposes the content type; the Huawei SDK also drops error bodies (it keeps only
// errorCode/errorMsg) and resolves a 202 without the X-Request-Id header.
export const SDK_CAPABILITIES: Record<Vendor, TargetCapabilities> = {
  aliyun: { fixtures: false, xml: false, tweaks: false, unobservable: ['content-type'] },
  volcengine: { fixtures: false, xml: false, tweaks: false, unobservable: ['content-type'] },
  huaweicloud: { fixtures: false, xml: false, tweaks: false, unobservable: ['content-type', 'envelope', 'request-id'] },
};

/** A Target whose capabilities differ per vendor (SDK targets). */
export interface VendorAwareTarget extends Target {
  capabilitiesFor(vendor: Vendor): TargetCapabilities;
}

/** Why an SDK cannot send this case, or undefined when it can. */
export function sdkCannot(call: OperationCall, tweak: ProtocolTweak | undefined): string | undefined {
  if (tweak) {
    const { scheme, auth, ...other } = tweak;
    const extra = Object.entries(other).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`);
    if (auth && auth !== 'valid') extra.unshift(`auth: ${auth}`);
    if (scheme === 'rpc-v1' && call.vendor !== 'aliyun') extra.push('scheme: rpc-v1');
    if (extra.length) return `the official SDK cannot send protocol tweaks (${extra.join(', ')})`;
  }
  if (call.format === 'XML') return 'the official SDK only asks for JSON';
  return undefined;
}

export async function loadSdkModule(path: string): Promise<SdkBindings> {
  const mod = await importUserModule(resolve(path)) as SdkBindings & { default?: SdkBindings };
  return { ...(mod.default ?? {}), ...mod };
}

export async function createSdkTarget(base: string, opts: TargetOptions = {}, mocks: SdkBindings = {}): Promise<VendorAwareTarget> {
  const endpoint = new URL(mocks.endpoint ?? base);
  const local = isLoopback(endpoint.hostname) || Object.keys(mocks).length > 0;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  type Send = (call: OperationCall, tweak?: ProtocolTweak) => Promise<TargetResponse>;
  const senders = new Map<Vendor, Send>();

  const senderFor = (call: OperationCall): Send | string => {
    const cached = senders.get(call.vendor);
    if (cached) return cached;
    const credentials = credentialsFor(call.vendor, opts, local);
    if (!credentials) return `no credentials for ${call.vendor}: pass them in the target options`;
    const region = regionFor(call, opts);
    let send: Send;
    if (call.vendor === 'aliyun') {
      send = createAliyunSdk({ endpoint, credentials, region, timeoutMs, bindings: { ...realAliyunBindings(), ...mocks.aliyun } });
    } else if (call.vendor === 'volcengine') {
      send = createVolcengineSdk({ endpoint, credentials, region, timeoutMs, bindings: mocks.volcengine ?? realVolcengineBindings() });
    } else {
      send = createHuaweiSdk({ endpoint, credentials, timeoutMs, bindings: mocks.huaweicloud ?? realHuaweiBindings(), route: (c) => routeFor(c, opts) });
    }
    senders.set(call.vendor, send);
    return send;
  };

  // Against an emulator the control API still provides fixtures (the SDK only sends the cases).
  // A mock module that names its `endpoint` sends there too: without fixtures most of its cases
  // would be skipped (issue 17: 133 of 189), so the emulator's control API is probed for it as well.
  let pool: Pool | undefined;
  let fixtures: EmulatorFixtures | undefined;
  const sendsToEndpoint = Object.keys(mocks).length === 0 || mocks.endpoint !== undefined;
  if (/^https?:$/.test(endpoint.protocol) && isLoopback(endpoint.hostname) && sendsToEndpoint) {
    const controlPool = new Pool(endpoint.origin, { connections: 2, pipelining: 1 });
    pool = controlPool;
    fixtures = await probeEmulatorFixtures((ms) => poolControl(controlPool, endpoint.host, ms, opts.controlToken), timeoutMs, { callerIds: callerIdsFor(opts, true) });
  }
  const withFixtures = (c: TargetCapabilities): TargetCapabilities => ({ ...c, fixtures: fixtures !== undefined });

  return {
    name: `sdk:${Object.keys(mocks).length ? 'module' : endpoint.origin}`,
    kind: 'sdk',
    // The conservative union: a runner that does not ask per vendor hides statuses for all.
    capabilities: withFixtures(SDK_CAPABILITIES.aliyun),
    capabilitiesFor: (vendor) => withFixtures(SDK_CAPABILITIES[vendor]),
    fixtures,
    async send(call, tweak) {
      const cannot = sdkCannot(call, tweak);
      if (cannot) return { clientRejected: cannot, attempts: 0, durationMs: 0 };
      const send = senderFor(call);
      if (typeof send === 'string') return { clientRejected: send, attempts: 0, durationMs: 0 };
      return send(call, tweak);
    },
    close: async () => { await pool?.close(); },
  };
}
