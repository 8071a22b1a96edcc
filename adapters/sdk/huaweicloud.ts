// Huawei Cloud through @huaweicloud/huaweicloud-sdk-core (no EVS package on npm): HcClient
// sendRequest with the same options the generated EvsClient builds, including its client-side
// RequiredError for a missing path parameter. Two side effects of the SDK are contained here:
// it writes $HOME/.huaweicloud/application_id on build (HOME points at a temp dir meanwhile), and
// its log4js logger dumps request configs with Authorization headers (switched off on load).
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CannotSend, type BindingFactory, type DecodedAnswer } from './binding.ts';
import { prop, text } from '../unknown.ts';
import { isJsonObject } from '../../core/json.ts';

const require = createRequire(import.meta.url);

/** The slice of the SDK's package we use; a mock of it (sdk:module:) provides the same two classes. */
export interface HuaweiModules {
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

export function realHuaweiModules(): HuaweiModules {
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

/**
 * The official SDK core as a binding: one client per credentials (the project id is the
 * credentials'), each operation sent with HcClient.sendRequest and the options the generated
 * EvsClient builds, including its RequiredError for a missing path parameter.
 */
export function huaweiBinding(modules: HuaweiModules): BindingFactory {
  return (s) => {
    let client: any;
    const clientFor = () => {
      if (client) return client;
      const creds = new modules.BasicCredentials().withAk(s.credentials.accessKeyId).withSk(s.credentials.accessKeySecret);
      if (s.credentials.projectId) creds.withProjectId(s.credentials.projectId);
      if (s.credentials.securityToken) creds.withSecurityToken?.(s.credentials.securityToken);
      client = withScratchHome(() => new modules.ClientBuilder((c: any) => c)
        .withEndpoint(s.endpoint.origin)
        .withCredential(creds)
        .withOptions({ axiosRequestConfig: { timeout: s.timeoutMs } })
        .build());
      return client;
    };
    return {
      operation(name) {
        const route = s.route?.(name);
        if (!route) return undefined;
        return {
          async call(params, ctx) {
            const rest: Record<string, unknown> = { ...params };
            // The SDK always writes the credentials' project into the path (and X-Project-Id).
            if (rest.project_id === '') throw new CannotSend('the SDK takes the project id from its credentials: it cannot put an empty one in the path');
            delete rest.project_id;
            const pathParams: Record<string, unknown> = {};
            for (const [, p] of route.path.matchAll(/\{([^}]+)\}/g)) {
              if (p === 'project_id') continue;
              const v = rest[p!];
              delete rest[p!];
              // The generated client (EvsClient.<op>) checks every path parameter before sending.
              if (v === undefined || v === null) throw Object.assign(new Error(`Required parameter ${camel(p!)} was null or undefined when calling ${lcfirst(name)}.`), { name: 'RequiredError', field: camel(p!) });
              pathParams[p!] = v;
            }
            // sendRequest takes the method by name: a protocol case's other method goes as asked
            const method = (ctx.method ?? route.method).toUpperCase();
            const bodyless = ['GET', 'DELETE', 'HEAD'].includes(method);
            return clientFor().sendRequest({
              method, url: route.path, contentType: 'application/json',
              queryParams: bodyless ? rest : {}, pathParams, headers: {}, data: bodyless ? {} : rest, responseHeaders: [''],
            });
          },
        };
      },
      decodeResult(res) {
        const { httpStatusCode, ...body } = isJsonObject(res) ? res : {};
        return { status: Number(httpStatusCode), ...(Object.keys(body).length ? { body } : {}) };
      },
      decodeError: decodeHuaweiError,
    };
  };
}

/** ClientRequestException / ServerResponseException -> status, code, message, request id. */
export function decodeHuaweiError(e: unknown): DecodedAnswer | undefined {
  const status = prop(e, 'httpStatusCode');
  if (status === undefined || status === null || status === '') return undefined;
  const requestId = text(prop(e, 'requestId'));
  return {
    status: Number(status), code: text(prop(e, 'errorCode')), message: text(prop(e, 'errorMsg')), requestId,
    ...(requestId ? { headers: { 'x-request-id': requestId } } : {}),
  };
}
