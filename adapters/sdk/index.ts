// `sdk:<base URL>`: cases go through the vendors' official Node SDKs, pointed at the base URL.
// `sdk:module:<path>`: the same official bindings over a mock of the SDKs' packages. The module exports any of
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
// `sdk:binding:<path>`: any SDK through its own API, by a binding (binding.ts; README "Validating an SDK").
// Every route runs through bindingSender. An SDK signs every request itself: of the protocol cases it
// sends only those its settings can express (a wrong secret, an unknown key, Alibaba's v1 scheme).
import { resolve } from 'node:path';
import { Pool } from 'undici';
import { type OperationCall, type ProtocolTweak, type Target, type TargetCapabilities, type TargetResponse, type Vendor, isVendor } from '../../core/types.ts';
import { VENDORS } from '../../core/types.ts';
import { probeEmulatorFixtures, type ControlCall, type EmulatorFixtures } from '../fixtures/emulator-control.ts';

/** The emulator's findings header (checks/request.ts reads it; adapters may not import the emulator). */
const FINDINGS_HEADER = 'x-emulator-findings';
import { poolControl } from '../http.ts';
import { callerIdsFor, credentialsFor, DEFAULT_TIMEOUT_MS, isLoopback, regionFor, routeFor, type TargetOptions } from '../options.ts';
import { aliyunBinding, realAliyunModules, type AliyunModules } from './aliyun.ts';
import { bindingSender, SDK_AUTH_TWEAKS, type BindingFactory } from './binding.ts';
import { huaweiBinding, realHuaweiModules, type HuaweiModules } from './huaweicloud.ts';
import { realVolcengineModules, volcengineBinding, type VolcengineModules } from './volcengine.ts';
import { importUserModule } from '../../core/user-module.ts';
import { ConformanceError } from '../../core/errors.ts';
import { prop } from '../unknown.ts';
import { isAnswered } from '../../core/outcome.ts';

/** A mock of the official SDKs' packages (`sdk:module:`). */
export interface SdkModules {
  aliyun?: Partial<AliyunModules>;
  volcengine?: VolcengineModules;
  huaweicloud?: HuaweiModules;
  endpoint?: string;
}

/** A user's `sdk:binding:` module: a binding factory per vendor it covers. */
export interface BindingModule {
  bindings: Partial<Record<Vendor, BindingFactory>>;
  /** Where the SDK sends; default the emulator's http://127.0.0.1:4566. Its control API gives the fixtures. */
  endpoint?: string;
  /** What the SDK cannot show (checks not run), and the signing schemes it can be configured for. */
  capabilities?: Partial<Record<Vendor, Pick<TargetCapabilities, 'unobservable'> & { schemes?: 'rpc-v1'[]; byName?: boolean }>>;
}

/** What each SDK lets a caller see: the Volcengine SDK resolves on every status. */
// No SDK exposes the content type; the Huawei SDK also drops error bodies (it keeps only
// errorCode/errorMsg) and resolves a 202 without the X-Request-Id header.
const SIGNING = { auth: [...SDK_AUTH_TWEAKS] };
export const SDK_CAPABILITIES: Record<Vendor, TargetCapabilities> = {
  // Alibaba's generic callApi takes any action or version, and sends unsigned (`authType: 'Anonymous'`)
  aliyun: { fixtures: false, xml: false, tweaks: false, signing: { auth: [...SIGNING.auth, 'none'], schemes: ['rpc-v1'], byName: true }, unobservable: ['content-type'] },
  volcengine: { fixtures: false, xml: false, tweaks: false, signing: { ...SIGNING, byName: true }, unobservable: ['content-type'] },
  huaweicloud: { fixtures: false, xml: false, tweaks: false, signing: { ...SIGNING, byName: true }, unobservable: ['content-type', 'envelope', 'request-id'] },
};

/** A Target whose capabilities differ per vendor (SDK targets). */
export interface VendorAwareTarget extends Target {
  capabilitiesFor(vendor: Vendor): TargetCapabilities;
}

/** Why an SDK cannot send this case, or undefined when it can. */
export function sdkCannot(call: OperationCall, tweak: ProtocolTweak | undefined, caps: TargetCapabilities): string | undefined {
  if (tweak) {
    const { scheme, auth, action, version, method, ...other } = tweak;
    const extra = Object.entries({ ...other, ...(caps.signing?.byName ? {} : { action, version, method }) }).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`);
    if (auth && auth !== 'valid' && !caps.signing?.auth?.includes(auth)) extra.unshift(`auth: ${auth}`);
    if (scheme && scheme !== 'acs3' && !caps.signing?.schemes?.includes(scheme)) extra.push(`scheme: ${scheme}`);
    if (extra.length) return `the SDK cannot send these protocol tweaks (${extra.join(', ')})`;
  }
  if (call.format === 'XML') return 'the SDK only asks for JSON';
  return undefined;
}

export async function loadSdkModule(path: string): Promise<SdkModules> {
  const mod = await importUserModule(resolve(path)) as SdkModules & { default?: SdkModules };
  return { ...(mod.default ?? {}), ...mod };
}

export async function loadBindingModule(path: string): Promise<BindingModule> {
  const mod = await importUserModule(resolve(path)) as Partial<BindingModule> & { default?: Partial<BindingModule> };
  const merged = { ...(mod.default ?? {}), ...mod };
  const bindings = merged.bindings;
  if (!bindings || typeof bindings !== 'object' || !Object.values(bindings).some((f) => typeof f === 'function')) {
    throw new ConformanceError('E_OPTION', `${path}: a binding module exports \`bindings: { aliyun?, volcengine?, huaweicloud? }\`, each a function (settings) => binding (README "Validating an SDK")`);
  }
  for (const [vendor, f] of Object.entries(bindings)) {
    if (!isVendor(vendor)) throw new ConformanceError('E_OPTION', `${path}: bindings.${vendor}: not a vendor (${VENDORS.join(', ')})`);
    if (typeof f !== 'function') throw new ConformanceError('E_OPTION', `${path}: bindings.${vendor} is not a function (settings) => binding`);
  }
  return merged as BindingModule;
}

/** The official SDKs, each over its real packages or a mock of them. */
export function officialBindings(mocks: SdkModules = {}): Record<Vendor, BindingFactory> {
  return {
    aliyun: (s) => aliyunBinding({ ...realAliyunModules(), ...mocks.aliyun })(s),
    volcengine: (s) => volcengineBinding(mocks.volcengine ?? realVolcengineModules())(s),
    huaweicloud: (s) => huaweiBinding(mocks.huaweicloud ?? realHuaweiModules())(s),
  };
}

export async function createSdkTarget(base: string, opts: TargetOptions = {}, mocks: SdkModules = {}): Promise<VendorAwareTarget> {
  const mocked = Object.keys(mocks).length > 0;
  return sdkTarget({
    name: mocked ? 'sdk:module' : `sdk:${new URL(mocks.endpoint ?? base).origin}`, endpoint: new URL(mocks.endpoint ?? base),
    factories: officialBindings(mocks), capabilities: SDK_CAPABILITIES, local: mocked,
    // a mock that names no endpoint answers by itself: no emulator to ask for fixtures
    probeFixtures: !mocked || mocks.endpoint !== undefined,
  }, opts);
}

export async function createBindingTarget(path: string, opts: TargetOptions = {}): Promise<VendorAwareTarget> {
  const mod = await loadBindingModule(path);
  const capabilitiesOf = (v: Vendor): TargetCapabilities => {
    const declared = mod.capabilities?.[v];
    return {
      fixtures: false, xml: false, tweaks: false,
      signing: { ...SIGNING, ...(declared?.schemes ? { schemes: declared.schemes } : {}), ...(declared?.byName ? { byName: true } : {}) },
      // a binding returns what its SDK decoded: the raw envelope and content type are unseen unless it says otherwise
      unobservable: declared?.unobservable ?? ['content-type', 'envelope'],
    };
  };
  const capabilities: Record<Vendor, TargetCapabilities> = { aliyun: capabilitiesOf('aliyun'), volcengine: capabilitiesOf('volcengine'), huaweicloud: capabilitiesOf('huaweicloud') };
  return sdkTarget({
    name: 'sdk:binding', endpoint: new URL(mod.endpoint ?? 'http://127.0.0.1:4566'), factories: mod.bindings,
    capabilities, local: true, probeFixtures: true,
  }, opts);
}

interface SdkTargetSpec {
  name: string;
  endpoint: URL;
  factories: Partial<Record<Vendor, BindingFactory>>;
  capabilities: Record<Vendor, TargetCapabilities>;
  /** The emulator's test credentials may be used (a mock or a loopback endpoint). */
  local: boolean;
  probeFixtures: boolean;
}

async function sdkTarget(spec: SdkTargetSpec, opts: TargetOptions): Promise<VendorAwareTarget> {
  const { endpoint } = spec;
  const local = isLoopback(endpoint.hostname) || spec.local;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  type Send = (call: OperationCall, tweak?: ProtocolTweak) => Promise<TargetResponse>;
  const senders = new Map<Vendor, Send>();

  const senderFor = (call: OperationCall): Send | string => {
    const cached = senders.get(call.vendor);
    if (cached) return cached;
    const factory = spec.factories[call.vendor];
    if (!factory) return `the binding covers no ${call.vendor} operation`;
    const credentials = credentialsFor(call.vendor, opts, local);
    if (!credentials) return `no credentials for ${call.vendor}: pass them in the target options`;
    const send = bindingSender({
      vendor: call.vendor, endpoint, credentials, region: regionFor(call, opts), timeoutMs, factory,
      route: (operation) => routeFor({ ...call, operation }, opts),
    });
    senders.set(call.vendor, send);
    return send;
  };

  // Against an emulator the control API still provides fixtures (the SDK only sends the cases).
  // A mock module that names its `endpoint` sends there too: without fixtures most of its cases
  // would be skipped (issue 17: 133 of 189), so the emulator's control API is probed for it as well.
  let pool: Pool | undefined;
  let fixtures: EmulatorFixtures | undefined;
  let control: ControlCall | undefined;
  if (/^https?:$/.test(endpoint.protocol) && isLoopback(endpoint.hostname) && spec.probeFixtures) {
    const controlPool = new Pool(endpoint.origin, { connections: 2, pipelining: 1 });
    pool = controlPool;
    fixtures = await probeEmulatorFixtures((ms) => poolControl(controlPool, endpoint.host, ms, opts.controlToken), timeoutMs, { callerIds: callerIdsFor(opts, true) });
    if (fixtures) control = poolControl(controlPool, endpoint.host, timeoutMs, opts.controlToken);
  }
  /** An SDK hides the findings header: the emulator that answered has them by request id. */
  const withFindings = async (res: TargetResponse): Promise<TargetResponse> => {
    if (!control || !isAnswered(res) || !res.requestId || res.headers?.[FINDINGS_HEADER]) return res;
    const got = await control('GET', `/__emulator/findings/${encodeURIComponent(res.requestId)}`).catch(() => undefined);
    const findings = prop(got?.body, 'findings');
    return Array.isArray(findings) && findings.length ? { ...res, headers: { ...res.headers, [FINDINGS_HEADER]: encodeURIComponent(JSON.stringify(findings)) } } : res;
  };
  const withFixtures = (c: TargetCapabilities): TargetCapabilities => ({ ...c, fixtures: fixtures !== undefined });

  return {
    name: spec.name,
    kind: 'sdk',
    // The conservative union: a runner that does not ask per vendor hides statuses for all.
    capabilities: withFixtures(spec.capabilities.aliyun),
    capabilitiesFor: (vendor) => withFixtures(spec.capabilities[vendor]),
    fixtures,
    async send(call, tweak) {
      const cannot = sdkCannot(call, tweak, spec.capabilities[call.vendor]);
      if (cannot) return { outcome: 'unsendable', message: cannot, attempts: 0, durationMs: 0 };
      const send = senderFor(call);
      if (typeof send === 'string') return { outcome: 'unsendable', message: send, attempts: 0, durationMs: 0 };
      return withFindings(await send(call, tweak));
    },
    close: async () => { await pool?.close(); },
  };
}
