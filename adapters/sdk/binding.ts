// The harness for any SDK's own API (issue 17 item 2): a binding says, per operation, how a case's
// parameters become one call of the SDK, and returns what the SDK decoded or throws what it threw.
// The suite judges the decoded outcome against the contract. The three official SDKs go through
// the same interface (aliyun.ts, volcengine.ts, huaweicloud.ts); `--target sdk:binding:<path>`
// loads a user's. README "Validating an SDK" has a worked binding.
import type { Answered, Credentials, OperationCall, ProtocolTweak, TargetResponse, Vendor } from '../../core/types.ts';
import { elapsed, networkFailure, undecodedAnswer } from './common.ts';
import { prop, text } from '../unknown.ts';
import { errorMessage } from '../../core/errors.ts';

/** How the harness configures an SDK client: the settings a user would give it. */
export interface BindingSettings {
  vendor: Vendor;
  /** Where the SDK sends (an emulator on 127.0.0.1, or the vendor's endpoint). */
  endpoint: URL;
  /** The client's credentials: the case's, or a wrong secret / unknown key for the signing cases. */
  credentials: Credentials;
  /** The client's default region. */
  region: string;
  timeoutMs: number;
  /** The client is configured to send unsigned requests (Alibaba's `authType: 'Anonymous'`). */
  anonymous?: boolean;
  /** Alibaba: the signing scheme the client is configured for (`rpc-v1`: HMAC-SHA1, `signatureAlgorithm: 'v2'`). */
  scheme?: 'acs3' | 'rpc-v1';
  /** REST vendors: the operation's method and path template from its contract. */
  route?(operation: string): { method: string; path: string } | undefined;
}

/** The case's call beyond its parameters. */
export interface CallContext {
  service: string;
  version: string;
  region?: string;
  /** An HTTP method other than the operation's (a protocol case; only SDKs with a generic call by name). */
  method?: string;
}

export interface BindingOperation {
  /**
   * One SDK call. `params` are the case's parameters by their contract names (lists as arrays, structs
   * as objects). Resolve with the SDK's decoded result; throw the SDK's own error.
   */
  call(params: Record<string, unknown>, ctx: CallContext): Promise<unknown>;
  /** Contract field name -> the SDK result's name for it, where they differ (`RequestId: 'requestId'`). */
  fields?: Record<string, string>;
  /**
   * Parameters the SDK fills in itself from client settings (`RegionId`): a case that omits one
   * cannot be sent through the SDK and is skipped, not failed.
   */
  fills?: string[];
}

/** What a binding decodes from an SDK error (or from a result that carries an error, as Volcengine's). */
export interface DecodedAnswer {
  status?: number;
  code?: string;
  message?: string;
  requestId?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** The SDK could not read what came back (not JSON, a shape it did not expect): an answer, not a refusal. */
  unreadable?: string;
}

export interface SdkBinding {
  /** By operation name; `operation()` serves SDKs that cover any operation of the service. */
  operations?: Record<string, BindingOperation>;
  operation?(name: string): BindingOperation | undefined;
  /**
   * Constraints the SDK enforces before sending, as `Param.keyword` (`SnapshotId.required`,
   * `InstanceIds.maxItems`): a client-side refusal of a case that breaks one passes. Any other
   * refusal passes only when the SDK's error names the violated parameter.
   */
  enforces?: string[];
  /** The SDK's success result -> status, headers, request id, body; default: the result is the body. */
  decodeResult?(result: unknown): DecodedAnswer;
  /** The SDK's thrown error -> the vendor's answer, or undefined when no answer came (default: common shapes). */
  decodeError?(error: unknown): DecodedAnswer | undefined;
}

export type BindingFactory = (settings: BindingSettings) => SdkBinding;

/** Thrown by a binding for a request its SDK cannot express (skipped, with this reason). */
export class CannotSend extends Error {
  override name = 'CannotSend';
}

/** The first of `keys` whose value is a string. */
const firstText = (o: unknown, keys: string[]): string | undefined => {
  for (const k of keys) {
    const v = prop(o, k);
    if (typeof v === 'string') return v;
  }
  return undefined;
};

/** Reads the common SDK error shapes: `statusCode|status|httpStatusCode`, `code|Code|errorCode`, ... */
export function decodeCommonError(e: unknown): DecodedAnswer | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const given = prop(e, 'data');
  const data: object = typeof given === 'object' && given !== null ? given : {};
  const statusRaw = prop(e, 'statusCode') ?? prop(e, 'status') ?? prop(e, 'httpStatusCode');
  const status = statusRaw === undefined || statusRaw === '' ? undefined : Number(statusRaw);
  if (status === undefined || !Number.isInteger(status)) return undefined;
  return {
    status,
    code: firstText(data, ['Code', 'code']) ?? firstText(e, ['code', 'Code', 'errorCode', 'error_code']),
    message: firstText(data, ['Message', 'message']) ?? firstText(e, ['errorMsg', 'Message', 'message']),
    requestId: firstText(data, ['RequestId', 'requestId']) ?? firstText(e, ['requestId', 'RequestId', 'request_id']),
    ...(Object.keys(data).length ? { body: data } : {}),
  };
}

/** The SDK's names back to the contract's, at the top level of the result. */
function contractNamed(body: unknown, fields: Record<string, string> | undefined): unknown {
  if (!fields || !body || typeof body !== 'object' || Array.isArray(body)) return body;
  const back = new Map(Object.entries(fields).map(([contract, sdk]) => [sdk, contract]));
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [back.get(k) ?? k, v]));
}

function answerOf(d: DecodedAnswer, fields?: Record<string, string>): Answered {
  if (d.unreadable !== undefined) return { outcome: 'answered', ...(d.status !== undefined ? { status: d.status } : {}), format: 'other', raw: `SDK could not read the response: ${d.unreadable}` };
  const body = contractNamed(d.body, fields);
  const bodyId = prop(body, 'RequestId');
  return {
    outcome: 'answered',
    ...(d.status !== undefined ? { status: d.status } : {}),
    ...(d.headers ? { headers: d.headers, contentType: d.headers['content-type'] } : {}),
    body, format: body === undefined ? 'none' : 'json',
    requestId: d.requestId ?? (typeof bodyId === 'string' ? bodyId : undefined),
    ...(d.code !== undefined || d.message !== undefined ? { error: { code: d.code, message: d.message } } : {}),
  };
}

/** A thrown error: the vendor's answer if the binding decodes one, else no answer (network), else a refusal. */
function thrownAnswer(e: unknown, binding: SdkBinding): TargetResponse {
  if (e instanceof CannotSend || prop(e, 'name') === 'CannotSend') return { outcome: 'unsendable', message: errorMessage(e) };
  const decoded = (binding.decodeError ?? decodeCommonError)(e);
  if (decoded?.code !== undefined || decoded?.unreadable !== undefined) return answerOf(decoded);
  if (decoded?.status !== undefined) return undecodedAnswer({ message: `status ${decoded.status}: ${decoded.message ?? ''}` }) ?? answerOf(decoded);
  const net = networkFailure(e);
  if (net) return { outcome: 'transport-error', ...net };
  const undecoded = undecodedAnswer(e);
  if (undecoded) return undecoded;
  const code = text(prop(e, 'code'));
  return {
    outcome: 'client-rejected',
    message: `${prop(e, 'name') ?? 'Error'}${code !== undefined ? ` ${code}` : ''}: ${prop(e, 'message') ?? String(e)}`,
    ...(binding.enforces?.length ? { enforced: binding.enforces } : {}),
  };
}

/** Signing cases an SDK can express through its settings: a wrong secret, an unknown key, another scheme. */
export const SDK_AUTH_TWEAKS = ['bad-signature', 'unknown-key'] as const;

function settingsKey(s: Pick<BindingSettings, 'credentials' | 'scheme' | 'region' | 'anonymous'>): string {
  return JSON.stringify([s.credentials.accessKeyId, s.credentials.accessKeySecret, s.credentials.projectId, s.scheme, s.region, s.anonymous]);
}

/** The credentials a signing case asks the client to be configured with. */
function credentialsFor(base: Credentials, tweak: ProtocolTweak | undefined): Credentials {
  if (tweak?.auth === 'bad-signature') return { ...base, accessKeySecret: `${base.accessKeySecret}-wrong` };
  if (tweak?.auth === 'unknown-key') return { ...base, accessKeyId: `${base.accessKeyId.slice(0, 4)}UnknownKey0000000000` };
  return base;
}

export interface BindingSenderOptions extends Omit<BindingSettings, 'scheme'> {
  factory: BindingFactory;
}

/** The generic SDK adapter: one binding per client configuration, each call judged by what it decoded. */
export function bindingSender(o: BindingSenderOptions) {
  const bindings = new Map<string, SdkBinding>();
  return async function send(call: OperationCall, tweak: ProtocolTweak | undefined): Promise<TargetResponse> {
    const started = performance.now();
    if (call.rawParams?.length) return { outcome: 'unsendable', message: 'an SDK cannot send raw wire pairs', attempts: 0, durationMs: 0 };
    let credentials = credentialsFor(o.credentials, tweak);
    // REST SDKs put the credentials' project in the path: a case about another project configures the client with it.
    if (typeof call.params.project_id === 'string' && call.params.project_id !== credentials.projectId) credentials = { ...credentials, projectId: call.params.project_id };
    const settings: BindingSettings = { ...o, credentials, ...(tweak?.scheme ? { scheme: tweak.scheme } : {}), ...(tweak?.auth === 'none' ? { anonymous: true } : {}) };
    const key = settingsKey(settings);
    let binding = bindings.get(key);
    if (!binding) { binding = o.factory(settings); bindings.set(key, binding); }
    // a misspelt action or another version, where the SDK's API takes them by name
    const name = tweak?.action ?? call.operation;
    const op = binding.operations?.[name] ?? binding.operation?.(name);
    if (!op) return { outcome: 'unsendable', message: `the binding has no operation ${name}`, attempts: 0, durationMs: 0 };
    const filled = (op.fills ?? []).find((p) => call.params[p] === undefined);
    if (filled) return { outcome: 'unsendable', message: `the SDK fills ${filled} itself: it cannot send a request without it`, attempts: 0, durationMs: 0 };
    const { Action: _a, Version: _v, ...params } = call.params;
    let out: TargetResponse;
    try {
      const result = await op.call(params, {
        service: call.service, version: tweak?.version ?? call.version,
        ...(call.region ? { region: call.region } : {}), ...(tweak?.method ? { method: tweak.method } : {}),
      });
      out = answerOf(binding.decodeResult?.(result) ?? { body: result }, op.fields);
    } catch (e) {
      out = thrownAnswer(e, binding);
    }
    return { ...out, durationMs: elapsed(started), attempts: 1 };
  };
}
