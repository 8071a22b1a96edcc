// Credentials JSON file for the CLI (`conformance emulator --credentials file`):
// { "aliyun": [{ "accessKeyId", "accessKeySecret" }], "volcengine": [...], "huaweicloud": [{ ..., "projectId" }] }
// (a single object per vendor is accepted too).
import { readFileSync } from 'node:fs';
import { VENDORS, type Credentials, type Vendor, isVendor } from '../core/types.ts';
import { ConformanceError } from '../core/errors.ts';
import { isJsonObject } from '../core/json.ts';

export function loadCredentialsFile(file: string): Partial<Record<Vendor, Credentials[]>> {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConformanceError('E_OPTION', `${file}: expected a JSON object keyed by vendor`);
  const out: Partial<Record<Vendor, Credentials[]>> = {};
  for (const [vendor, value] of Object.entries(parsed)) {
    if (!isVendor(vendor)) throw new ConformanceError('E_OPTION', `${file}: "${vendor}" is not one of ${VENDORS.join(', ')}`);
    const list: unknown[] = Array.isArray(value) ? value : [value];
    out[vendor] = list.map((c) => {
      if (!isJsonObject(c) || typeof c.accessKeyId !== 'string' || typeof c.accessKeySecret !== 'string') {
        throw new ConformanceError('E_OPTION', `${file}: ${vendor}: each entry needs accessKeyId and accessKeySecret strings`);
      }
      const { securityToken, projectId } = c;
      if ((securityToken !== undefined && typeof securityToken !== 'string') || (projectId !== undefined && typeof projectId !== 'string')) {
        throw new ConformanceError('E_OPTION', `${file}: ${vendor}: securityToken and projectId, when given, are strings`);
      }
      return { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, ...(securityToken !== undefined ? { securityToken } : {}), ...(projectId !== undefined ? { projectId } : {}) };
    });
  }
  return out;
}
