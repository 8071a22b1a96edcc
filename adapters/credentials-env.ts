// Real-cloud credentials and endpoints: each vendor's standard environment variables (or the
// config file's targetOptions.credentials), the public endpoint of a region, and the redactor that
// keeps every credential-derived value out of results, logs, cassettes and error messages.
import { ConformanceError } from '../core/errors.ts';
import type { Credentials, Vendor } from '../core/types.ts';

/** The variables each vendor's own SDKs and CLIs read. `optional` ones may be absent. */
export const CREDENTIAL_ENV: Record<Vendor, { field: keyof Credentials; name: string; optional?: boolean; aliases?: string[] }[]> = {
  aliyun: [
    { field: 'accessKeyId', name: 'ALIBABA_CLOUD_ACCESS_KEY_ID' },
    { field: 'accessKeySecret', name: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET' },
    { field: 'securityToken', name: 'ALIBABA_CLOUD_SECURITY_TOKEN', optional: true },
  ],
  volcengine: [
    { field: 'accessKeyId', name: 'VOLCENGINE_ACCESS_KEY', aliases: ['VOLC_ACCESSKEY'] },
    { field: 'accessKeySecret', name: 'VOLCENGINE_SECRET_KEY', aliases: ['VOLC_SECRETKEY'] },
    { field: 'securityToken', name: 'VOLCENGINE_SESSION_TOKEN', optional: true },
  ],
  huaweicloud: [
    { field: 'accessKeyId', name: 'HUAWEICLOUD_SDK_AK' },
    { field: 'accessKeySecret', name: 'HUAWEICLOUD_SDK_SK' },
    { field: 'projectId', name: 'HUAWEICLOUD_SDK_PROJECT_ID' },
    { field: 'securityToken', name: 'HUAWEICLOUD_SDK_SECURITY_TOKEN', optional: true },
  ],
};

/** Region used when neither --region nor the fixtures file names one. */
export const DEFAULT_REGIONS: Record<Vendor, string> = {
  aliyun: 'cn-hangzhou', volcengine: 'cn-beijing', huaweicloud: 'ap-southeast-1',
};

const REGION = /^[a-z0-9][a-z0-9-]{1,40}$/;

/** The vendor's public API endpoint for the services the contracts cover, in a region. */
export function defaultEndpoint(vendor: Vendor, region: string): string {
  if (!REGION.test(region)) throw new ConformanceError('E_OPTION', `--region "${region}" is not a region id (lower-case letters, digits and dashes)`);
  if (vendor === 'aliyun') return `https://ecs.${region}.aliyuncs.com`;
  if (vendor === 'volcengine') return 'https://open.volcengineapi.com';
  return `https://evs.${region}.myhuaweicloud.com`;
}

/**
 * Credentials of one vendor: the config's (targetOptions.credentials[vendor]) when complete, else
 * the environment. A missing required value throws one line naming the variable (exit 2).
 */
export function credentialsFromEnv(vendor: Vendor, env: NodeJS.ProcessEnv, fromConfig?: Partial<Credentials>): Credentials {
  const out: Partial<Credentials> = {};
  for (const { field, name, optional, aliases } of CREDENTIAL_ENV[vendor]) {
    const value = fromConfig?.[field] ?? env[name] ?? aliases?.map((a) => env[a]).find((v) => v);
    if (value === undefined || value === '') {
      if (optional) continue;
      throw new ConformanceError('E_CREDENTIALS', `${vendor}: ${name} is not set`,
        `export it (or set targetOptions.credentials.${vendor}.${field} in the config file); credentials never come from flags`);
    }
    out[field] = value;
  }
  const { accessKeyId, accessKeySecret } = out;
  // the table makes both required for every vendor: this only guards a table that would not
  if (accessKeyId === undefined || accessKeySecret === undefined) throw new ConformanceError('E_CREDENTIALS', `${vendor}: no access key id and secret`);
  return { ...out, accessKeyId, accessKeySecret };
}

// ---------------------------------------------------------------- redaction

/** Placeholders a redacted value becomes. */
export const REDACTED = {
  secret: '***', accessKeyId: '<access-key-id>', securityToken: '<security-token>', projectId: '{project_id}', signature: '<signature>',
} as const;

/** Patterns that carry a signature or a credential whatever the key. */
const SIGNATURE_PATTERNS: [RegExp, string][] = [
  [/((?:^|[?&\s"])Signature=)[^&\s"]+/g, `$1${REDACTED.signature}`],
  [/(Signature=)[0-9a-fA-F]{16,}/g, `$1${REDACTED.signature}`],
  [/((?:^|[\s"{,])authorization["']?\s*[:=]\s*["']?)[^"'\n]+/gi, `$1${REDACTED.signature}`],
  [/((?:x-acs-security-token|x-security-token|x-auth-token)["']?\s*[:=]\s*["']?)[^"',\s]+/gi, `$1${REDACTED.securityToken}`],
];

export interface Redactor {
  /** Every sensitive value replaced (longest first), signatures and Authorization values masked. */
  text(s: string): string;
  /** A deep copy of a JSON value with every string redacted. */
  value<T>(v: T): T;
  /** The raw sensitive values (for tests that search outputs). */
  readonly values: string[];
}

/**
 * What counts as sensitive: the secret and the security token (secrets), the access key id (it
 * names the account's key: kept out of every artefact too), the Huawei project id (an account id:
 * `{project_id}`), and any signature or Authorization value. Values shorter than 6 characters are
 * not redacted (they would shred ordinary text).
 */
export function createRedactor(credentials: (Credentials | undefined)[]): Redactor {
  const pairs: [string, string][] = [];
  for (const c of credentials) {
    if (!c) continue;
    pairs.push([c.accessKeySecret, REDACTED.secret], [c.accessKeyId, REDACTED.accessKeyId]);
    if (c.securityToken) pairs.push([c.securityToken, REDACTED.securityToken]);
    if (c.projectId) pairs.push([c.projectId, REDACTED.projectId]);
  }
  const list = pairs.filter(([v]) => typeof v === 'string' && v.length >= 6).sort((a, b) => b[0].length - a[0].length);
  const text = (s: string): string => {
    let out = s;
    for (const [v, p] of list) if (out.includes(v)) out = out.split(v).join(p);
    for (const [re, p] of SIGNATURE_PATTERNS) out = out.replace(re, p);
    return out;
  };
  const value = <T>(v: T): T => {
    if (typeof v === 'string') return text(v) as T;
    if (Array.isArray(v)) return v.map(value) as T;
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [text(k), value(x)])) as T;
    return v;
  };
  return { text, value, values: list.map(([v]) => v) };
}
