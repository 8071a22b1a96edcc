// Huawei Cloud through @huaweicloud/huaweicloud-sdk-core (no EVS package on npm): HcClient
// sendRequest with the same options the generated EvsClient builds, including its client-side
// RequiredError for a missing path parameter. Two side effects of the SDK are contained here:
// it writes $HOME/.huaweicloud/application_id on build (HOME points at a temp dir meanwhile), and
// its log4js logger dumps request configs with Authorization headers (switched off on load).
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Credentials, OperationCall, ProtocolTweak, TargetResponse } from '../../core/types.ts';
import { attempt, elapsed, networkFailure, undecodedAnswer } from './common.ts';

const require = createRequire(import.meta.url);

/** The slice of the SDK we use; a user's mock provides the same two classes. */
export interface HuaweiBindings {
  ClientBuilder: new (init: (c: any) => any) => {
    withEndpoint(e: string): any; withCredential(c: unknown): any; withOptions(o: unknown): any; build(): any;
  };
  BasicCredentials: new () => { withAk(s: string): any; withSk(s: string): any; withProjectId(s: string): any; withSecurityToken?(s: string): any };
}

let silenced = false;
/** Turn the SDK's log4js output off (it prints Authorization headers). Safe to call repeatedly. */
export function silenceHuaweiLogging(): void {
  if (silenced) return;
  const { Logger4jInstance } = require('@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger.js');
  Logger4jInstance.level = 'off';
  silenced = true;
}

export function realHuaweiBindings(): HuaweiBindings {
  silenceHuaweiLogging();
  return {
    ClientBuilder: require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js').ClientBuilder,
    BasicCredentials: require('@huaweicloud/huaweicloud-sdk-core').BasicCredentials,
  };
}

let scratchHome: string | undefined;
/** Run `fn` with HOME at a private temp dir, so the SDK's application_id file lands there. */
function withScratchHome<T>(fn: () => T): T {
  scratchHome ??= mkdtempSync(join(tmpdir(), 'conformance-hwsdk-'));
  const saved = process.env.HOME;
  process.env.HOME = scratchHome;
  try { return fn(); } finally {
    if (saved === undefined) delete process.env.HOME; else process.env.HOME = saved;
  }
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const lcfirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export interface HuaweiSdkOptions {
  endpoint: URL;
  credentials: Credentials;
  timeoutMs: number;
  bindings: HuaweiBindings;
  route: (call: OperationCall) => { method: string; path: string } | undefined;
}

export function createHuaweiSdk(o: HuaweiSdkOptions) {
  let client: any;
  const clientFor = () => {
    if (client) return client;
    const creds = new o.bindings.BasicCredentials().withAk(o.credentials.accessKeyId).withSk(o.credentials.accessKeySecret);
    if (o.credentials.projectId) creds.withProjectId(o.credentials.projectId);
    if (o.credentials.securityToken) creds.withSecurityToken?.(o.credentials.securityToken);
    client = withScratchHome(() => new o.bindings.ClientBuilder((c: any) => c)
      .withEndpoint(o.endpoint.origin)
      .withCredential(creds)
      .withOptions({ axiosRequestConfig: { timeout: o.timeoutMs } })
      .build());
    return client;
  };

  return async function send(call: OperationCall, _tweak: ProtocolTweak | undefined): Promise<TargetResponse> {
    const started = performance.now();
    const route = o.route(call);
    if (!route) return { clientRejected: `no REST route for huaweicloud ${call.operation}: pass the loaded contracts` };
    if (call.rawParams?.length) return { clientRejected: 'the SDK cannot send raw wire pairs' };
    const rest: Record<string, unknown> = { ...call.params };
    const pathParams: Record<string, unknown> = {};
    // The SDK always writes the credentials' project into the path (and X-Project-Id).
    const projectId = rest.project_id;
    delete rest.project_id;
    if (projectId !== undefined && projectId !== o.credentials.projectId) {
      return { unsendable: `the SDK puts its credentials' project id in the path; it cannot send project_id=${JSON.stringify(projectId)}`, durationMs: elapsed(started), attempts: 0 };
    }
    for (const [, name] of route.path.matchAll(/\{([^}]+)\}/g)) {
      if (name === 'project_id') continue;
      const v = rest[name!];
      delete rest[name!];
      // The generated client (EvsClient.<op>) checks every path parameter before sending.
      if (v === undefined || v === null) {
        return { clientRejected: `RequiredError: Required parameter ${camel(name!)} was null or undefined when calling ${lcfirst(call.operation)}.`, durationMs: elapsed(started), attempts: 0 };
      }
      pathParams[name!] = v;
    }
    const bodyless = ['GET', 'DELETE', 'HEAD'].includes(route.method.toUpperCase());
    return attempt(started, async () => {
      const res = await clientFor().sendRequest({
        method: route.method.toUpperCase(), url: route.path, contentType: 'application/json',
        queryParams: bodyless ? rest : {}, pathParams, headers: {}, data: bodyless ? {} : rest, responseHeaders: [''],
      });
      const { httpStatusCode, ...body } = (res ?? {}) as Record<string, unknown>;
      const empty = Object.keys(body).length === 0;
      return { status: Number(httpStatusCode), body: empty ? undefined : body, format: empty ? 'none' : 'json' };
    }, huaweiError);
  };
}

/** ClientRequestException / ServerResponseException -> status + error + requestId. */
export function huaweiError(e: unknown): TargetResponse {
  const err = e as { httpStatusCode?: number | string; errorCode?: string; errorMsg?: string; requestId?: string; name?: string; message?: string; field?: string };
  if (err?.httpStatusCode !== undefined && err.httpStatusCode !== null && err.httpStatusCode !== '') {
    return {
      status: Number(err.httpStatusCode),
      error: { code: err.errorCode, message: err.errorMsg },
      requestId: err.requestId,
      headers: err.requestId ? { 'x-request-id': err.requestId } : undefined,
    };
  }
  const net = networkFailure(e);
  if (net) return { transportError: net };
  const undecoded = undecodedAnswer(e);
  if (undecoded) return undecoded;
  const text = [err?.name, err?.message, err?.field].filter(Boolean).join(': ');
  return { clientRejected: text || String(e) };
}
