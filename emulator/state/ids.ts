// Resource ids in each vendor's own format, as the pages print them.
import { randomUUID } from 'node:crypto';
import { randomBytesPooled as randomBytes } from '../../core/random.ts';
import type { Vendor } from '../../core/types.ts';

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlnum(n: number): string {
  const bytes = randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += ALNUM[bytes[i]! % ALNUM.length];
  return out;
}

const ALIYUN_PREFIX: Record<string, string> = {
  instance: 'i-', disk: 'd-', snapshot: 's-', image: 'm-', snapshotGroup: 'ssg-',
};

/** A new id for an entity kind: `s-` + 20 (Alibaba), `i-` + 18 = 20 chars (Volcengine), UUIDs (Huawei). */
export function newId(vendor: Vendor, kind: string): string {
  if (vendor === 'aliyun') {
    if (kind === 'account') return 'default';
    if (kind === 'region') return `cn-${randomAlnum(6)}`;
    return (ALIYUN_PREFIX[kind] ?? `${kind}-`) + randomAlnum(20);
  }
  if (vendor === 'volcengine') {
    if (kind === 'region') return `cn-${randomAlnum(6)}`;
    return 'i-' + randomAlnum(18);
  }
  if (kind === 'project') return randomBytes(16).toString('hex');
  return randomUUID();
}

/** Request ids: Alibaba upper-case UUIDs, Volcengine a timestamp + hex, Huawei 32 hex. */
export function newRequestId(vendor: Vendor | undefined, now: number): string {
  if (vendor === 'volcengine') {
    const t = new Date(now).toISOString().replace(/[-:TZ.]/g, '').slice(0, 14);
    return t + randomBytes(10).toString('hex').toUpperCase();
  }
  if (vendor === 'huaweicloud') return randomBytes(16).toString('hex');
  return randomUUID().toUpperCase();
}
