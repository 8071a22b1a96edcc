// Drives the official SDKs at a local capture server (127.0.0.1, port 0) and records the exact
// requests they send (sdk-wire.md 1.1, 2.1, 3.1). Test helper, not a test file.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Credentials, WireRequest, WireResponse } from '../../core/types.ts';

const require = createRequire(import.meta.url);

export const ALIYUN_CREDS: Credentials = { accessKeyId: 'LTAI5tFakeAccessKeyId', accessKeySecret: 'FakeAccessKeySecretForProbe0123' };
export const VOLC_CREDS: Credentials = { accessKeyId: 'AKLTFakeAccessKeyId0001', accessKeySecret: 'FakeVolcSecretKeyForProbe0123456' };
export const HW_CREDS: Credentials = {
  accessKeyId: 'HWFAKEACCESSKEY0001', accessKeySecret: 'FakeHuaweiSecretKeyForProbe01234', projectId: '0123456789abcdef0123456789abcdef',
};

export interface Capture {
  host: string;
  requests: WireRequest[];
  /** What the server answers; defaults to 200 `{}`. */
  respond: (req: WireRequest) => WireResponse;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startCapture(): Promise<Capture> {
  const capture = {
    host: '',
    requests: [] as WireRequest[],
    respond: (_: WireRequest): WireResponse => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{}' }),
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const wire: WireRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers, body };
      capture.requests.push(wire);
      const out = capture.respond(wire);
      res.writeHead(out.status, out.headers);
      res.end(out.body);
    });
  });
  // No keep-alive between tests: every socket closes with the server.
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  capture.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  capture.close = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return capture;
}

/** The last captured request; fails loudly when the SDK sent none. */
export function last(c: Capture): WireRequest {
  const r = c.requests.at(-1);
  if (!r) throw new Error('the SDK sent no request');
  return r;
}

// ---------------------------------------------------------------- Alibaba

type AnyCtor = new (arg?: unknown) => Record<string, (...a: unknown[]) => Promise<unknown>>;

export function aliyunClient(c: Capture, opts: { v1?: boolean } = {}) {
  const Ecs = require('@alicloud/ecs20140526') as Record<string, AnyCtor> & { default: AnyCtor };
  const { $OpenApiUtil } = require('@alicloud/openapi-core') as { $OpenApiUtil: { Config: new (o: object) => unknown } };
  const config = new $OpenApiUtil.Config({
    accessKeyId: ALIYUN_CREDS.accessKeyId, accessKeySecret: ALIYUN_CREDS.accessKeySecret,
    endpoint: c.host, protocol: 'http', regionId: 'cn-hangzhou', ...(opts.v1 ? { signatureAlgorithm: 'v2' } : {}),
  });
  const client = new Ecs.default(config);
  return {
    client,
    /** e.g. call('deleteSnapshot', 'DeleteSnapshotRequest', {snapshotId}) */
    call: (method: string, model: string, fields: object) => client[method]!(new Ecs[model]!(fields)),
    models: Ecs,
  };
}

// ---------------------------------------------------------------- Volcengine

interface VolcService { createAPI(a: string, o?: object): (d: object) => Promise<unknown>; createUrlEncodeAPI(a: string, o?: object): (d: object) => Promise<unknown> }

export function volcService(c: Capture): VolcService {
  const { Service } = require('@volcengine/openapi') as { Service: new (o: object) => VolcService };
  return new Service({
    host: c.host, protocol: 'http:', region: 'cn-beijing', serviceName: 'ecs',
    accessKeyId: VOLC_CREDS.accessKeyId, secretKey: VOLC_CREDS.accessKeySecret, defaultVersion: '2020-04-01',
  });
}

// ---------------------------------------------------------------- Huawei

interface HcClient { sendRequest(o: object): Promise<unknown> }

/** Builds an HcClient with HOME pointed at a temp dir (ClientBuilder writes $HOME/.huaweicloud) and log4js off. */
export function huaweiClient(c: Capture): HcClient {
  const home = mkdtempSync(join(tmpdir(), 'hw-home-'));
  const saved = process.env.HOME;
  process.env.HOME = home;
  try {
    const core = require('@huaweicloud/huaweicloud-sdk-core') as { BasicCredentials: new () => { withAk(s: string): any } };
    const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder') as { ClientBuilder: new (f: (h: HcClient) => HcClient) => any };
    // The SDK configures log4js on import and logs error responses (headers included) to stdout.
    const log4js = createRequire(require.resolve('@huaweicloud/huaweicloud-sdk-core'))('log4js') as { configure(o: object): void };
    log4js.configure({ appenders: { off: { type: 'stdout' } }, categories: { default: { appenders: ['off'], level: 'off' } } });
    const cred = new core.BasicCredentials().withAk(HW_CREDS.accessKeyId).withSk(HW_CREDS.accessKeySecret).withProjectId(HW_CREDS.projectId!);
    return new ClientBuilder((h) => h).withEndpoint(`http://${c.host}`).withCredential(cred).build() as HcClient;
  } finally {
    if (saved === undefined) delete process.env.HOME; else process.env.HOME = saved;
    rmSync(home, { recursive: true, force: true });
  }
}

export const HW_DELETE_ROUTE = { method: 'DELETE', path: '/v2/{project_id}/cloudsnapshots/{snapshot_id}' };

export function hwDeleteSnapshot(hc: HcClient, snapshotId: string): Promise<unknown> {
  return hc.sendRequest({
    method: 'DELETE', url: HW_DELETE_ROUTE.path, contentType: 'application/json', queryParams: {},
    pathParams: { snapshot_id: snapshotId }, headers: {}, data: {}, responseHeaders: [''],
  });
}
