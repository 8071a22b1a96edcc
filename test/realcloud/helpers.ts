// Real-cloud tests run against the reference emulator on 127.0.0.1, the real-cloud target pointed
// at it with CONFORMANCE_REAL_CLOUD_LOOPBACK=1. Helpers: an emulator with a request log and a
// capture of every signature it received; canary credentials; a CLI io with an environment.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Credentials, Vendor } from '../../core/types.ts';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index.ts';
import type { Io } from '../../cli/io.ts';

export interface TestCloud {
  url: string;
  emulator: Emulator;
  /** One line per vendor request (the emulator's log option). */
  log: string[];
  /** Every signature and Authorization value received (to search outputs for). */
  signatures: Set<string>;
  /** Vendor requests received (method + path, no query). */
  requests: string[];
  create(vendor: Vendor, kind: string, fields: Record<string, unknown>): string;
  exists(vendor: Vendor, kind: string, id: string): boolean;
  close(): Promise<void>;
}

/** Values that look like credentials but are canaries: they must never show up in any output. */
export const CANARY: Record<Vendor, Credentials> = {
  aliyun: { accessKeyId: 'LTAI5tCanaryKeyId0000AK', accessKeySecret: 'CanarySecretAliyun7f3a9c1e2b4d', securityToken: 'CanaryStsTokenAliyun0x9e8d7c6b5a' },
  volcengine: { accessKeyId: 'AKLTCanaryVolcKeyId00000000001', accessKeySecret: 'CanarySecretVolc5e6f7a8b9c0d1e2f' },
  huaweicloud: { accessKeyId: 'HWCANARYAKID000000001', accessKeySecret: 'CanarySecretHuawei1a2b3c4d5e6f', projectId: 'fedcba9876543210fedcba9876543210' },
};

export const CANARY_ENV: NodeJS.ProcessEnv = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: CANARY.aliyun.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: CANARY.aliyun.accessKeySecret,
  ALIBABA_CLOUD_SECURITY_TOKEN: CANARY.aliyun.securityToken,
  VOLCENGINE_ACCESS_KEY: CANARY.volcengine.accessKeyId,
  VOLCENGINE_SECRET_KEY: CANARY.volcengine.accessKeySecret,
  HUAWEICLOUD_SDK_AK: CANARY.huaweicloud.accessKeyId,
  HUAWEICLOUD_SDK_SK: CANARY.huaweicloud.accessKeySecret,
  HUAWEICLOUD_SDK_PROJECT_ID: CANARY.huaweicloud.projectId,
  CONFORMANCE_REAL_CLOUD_LOOPBACK: '1',
};

function capture(req: IncomingMessage, into: TestCloud): void {
  const url = req.url ?? '/';
  if (url.startsWith('/__emulator')) return;
  into.requests.push(`${req.method} ${url.split('?')[0]}`);
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    into.signatures.add(auth);
    const sig = /Signature=([^,\s]+)/.exec(auth)?.[1];
    if (sig) into.signatures.add(sig);
  }
  const q = new URLSearchParams(url.split('?')[1] ?? '');
  const s = q.get('Signature');
  if (s) into.signatures.add(s);
}

export async function startCloud(opts: EmulatorOptions & { canary?: boolean } = {}): Promise<TestCloud> {
  const log: string[] = [];
  const emulator = createEmulator({
    world: 'demo', snapshotCreationMs: 0, ...opts,
    ...(opts.canary ? { credentials: { aliyun: [CANARY.aliyun], volcengine: [CANARY.volcengine], huaweicloud: [CANARY.huaweicloud] } } : {}),
    log: (line) => log.push(line),
  });
  const cloud = { log, signatures: new Set<string>(), requests: [] as string[], emulator } as unknown as TestCloud;
  // A wrapping handler: sees every request before the emulator does (signatures as sent).
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => { capture(req, cloud); emulator.handler(req, res); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cloud.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cloud.create = (vendor, kind, fields) => emulator.state.create(vendor, kind, fields).id as string;
  cloud.exists = (vendor, kind, id) => emulator.state.get(vendor, kind, id) !== undefined;
  cloud.close = () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); });
  if (opts.canary) cloud.create('huaweicloud', 'project', { id: CANARY.huaweicloud.projectId, region: 'ap-southeast-1' });
  return cloud;
}

export function tempDir(prefix = 'realcloud-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function captureIo(env: NodeJS.ProcessEnv = {}, cwd = tempDir('realcloud-cwd-')): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd, env,
    stdout: { write: (s: string) => { out += s; return true; } },
    stderr: { write: (s: string) => { err += s; return true; } },
    out: () => out, err: () => err,
  };
}
