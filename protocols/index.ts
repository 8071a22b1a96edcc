// Entry point of protocols/: one VendorProtocol per vendor, and vendor detection for an
// emulator port that serves all three.
import type { Vendor, WireRequest } from '../core/types.ts';
import { aliyunProtocol } from './aliyun/index.ts';
import { huaweicloudProtocol } from './huaweicloud/index.ts';
import { getHeader } from './common/headers.ts';
import { bodyPairs, queryPairs } from './common/params.ts';
import { splitPath } from './common/rfc3986.ts';
import type { VendorProtocol } from './types.ts';
import { volcengineProtocol } from './volcengine/index.ts';

export type * from './types.ts';
export { aliyunProtocol, huaweicloudProtocol, volcengineProtocol };

const PROTOCOLS: Record<Vendor, VendorProtocol> = {
  aliyun: aliyunProtocol,
  volcengine: volcengineProtocol,
  huaweicloud: huaweicloudProtocol,
};

export function protocolFor(vendor: Vendor): VendorProtocol {
  const p = PROTOCOLS[vendor];
  if (!p) throw new Error(`no protocol for vendor "${vendor}" (known: ${Object.keys(PROTOCOLS).join(', ')})`);
  return p;
}

/** Volcengine ECS's API version; any other Action+Version request is taken as Alibaba RPC. */
const VOLCENGINE_VERSIONS = ['2020-04-01'];

/**
 * Which vendor sent this request, strongest evidence first:
 *  1. the Authorization scheme: `ACS3-HMAC-SHA256` aliyun, `HMAC-SHA256 Credential=` volcengine,
 *     `SDK-HMAC-SHA256` huaweicloud;
 *  2. any `x-acs-*` header: aliyun (present in both Alibaba schemes, even unsigned);
 *  3. `X-Sdk-Date`: huaweicloud;  4. `X-Date`: volcengine;
 *  5. v1 params `Signature` / `SignatureMethod` / `AccessKeyId`: aliyun;
 *  6. a path other than `/`: huaweicloud (the only REST vendor);
 *  7. `Action` + `Version`: volcengine for 2020-04-01, else aliyun.
 * Undefined when nothing matches.
 */
export function detectVendor(req: WireRequest): Vendor | undefined {
  const auth = (getHeader(req.headers, 'authorization') ?? '').trim();
  if (auth.startsWith('ACS3-')) return 'aliyun';
  if (/^HMAC-SHA256\s+Credential=/.test(auth)) return 'volcengine';
  if (auth.startsWith('SDK-HMAC-SHA256')) return 'huaweicloud';
  if (Object.keys(req.headers).some((k) => k.toLowerCase().startsWith('x-acs-'))) return 'aliyun';
  if (getHeader(req.headers, 'x-sdk-date') !== undefined) return 'huaweicloud';
  if (getHeader(req.headers, 'x-date') !== undefined) return 'volcengine';
  const pairs = [...queryPairs(req), ...bodyPairs(req)];
  const has = (k: string) => pairs.some(([n]) => n === k);
  if (has('Signature') || has('SignatureMethod') || has('AccessKeyId')) return 'aliyun';
  const pathname = splitPath(req.path)[0];
  if (pathname !== '/' && pathname !== '') return 'huaweicloud';
  const version = pairs.find(([n]) => n === 'Version')?.[1];
  if (has('Action') && version !== undefined) return VOLCENGINE_VERSIONS.includes(version) ? 'volcengine' : 'aliyun';
  return undefined;
}
