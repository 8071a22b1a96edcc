// Logical params -> flat wire pairs (Alibaba and Volcengine RPC style), and the reverse
// direction on the server: every param a request carries, wherever it put them.
import type { OperationCall, WireRequest } from '../../core/types.ts';
import { mediaType } from './headers.ts';
import { parsePairs, splitPath } from './rfc3986.ts';

function scalar(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/**
 * Arrays become `Name.1..N` (1-based), objects `Name.Key` (so a list of structs gives
 * `Tag.1.Key`), booleans `true`/`false`; null and undefined are left out, as the SDKs do.
 */
export function flattenParams(params: Record<string, unknown>, skip: readonly string[] = []): [string, string][] {
  const out: [string, string][] = [];
  const walk = (name: string, v: unknown): void => {
    if (v === undefined || v === null) return;
    if (Array.isArray(v)) v.forEach((item, i) => walk(`${name}.${i + 1}`, item));
    else if (typeof v === 'object') for (const [k, sub] of Object.entries(v)) walk(`${name}.${k}`, sub);
    else out.push([name, scalar(v)]);
  };
  for (const [k, v] of Object.entries(params)) if (!skip.includes(k)) walk(k, v);
  return out;
}

/** Sort pairs by key, as the SDKs' generated code and Volcengine's signer do. */
export function sortPairs(pairs: [string, string][]): [string, string][] {
  return [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Pairs carried in a form-urlencoded or JSON body (JSON arrays stay repeated keys). */
export function bodyPairs(req: WireRequest): [string, string][] {
  const body = req.body ?? '';
  if (!body) return [];
  const type = mediaType(req.headers);
  if (type === 'application/json' || (!type && /^\s*\{/.test(body))) {
    try {
      const obj: unknown = JSON.parse(body);
      if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return [];
      const out: [string, string][] = [];
      for (const [k, v] of Object.entries(obj)) {
        if (Array.isArray(v)) for (const item of v) out.push([k, scalar(item)]);
        else if (v !== null && v !== undefined) out.push([k, scalar(v)]);
      }
      return out;
    } catch { return []; }
  }
  if (type === 'application/x-www-form-urlencoded' || !type) return parsePairs(body);
  return [];
}

export function queryPairs(req: WireRequest): [string, string][] {
  return parsePairs(splitPath(req.path)[1]);
}

/**
 * Flat map of all params. A repeated key (`InstanceIds=a&InstanceIds=b`, as the Volcengine SDK
 * sends an unflattened array) is spread into `InstanceIds.1`, `InstanceIds.2`.
 */
export function collectParams(pairs: [string, string][]): Record<string, string> {
  const groups = new Map<string, string[]>();
  for (const [k, v] of pairs) {
    const vs = groups.get(k);
    if (vs) vs.push(v);
    else groups.set(k, [v]);
  }
  const out: Record<string, string> = {};
  for (const [k, vs] of groups) {
    if (vs.length === 1) out[k] = vs[0]!;
    else vs.forEach((v, i) => { out[`${k}.${i + 1}`] = v; });
  }
  return out;
}

/**
 * `Action`/`Version`: the tweak wins, then a value in params (a contract may list them), then the
 * call. A params key set to null or undefined means "send none" (a missing-Action case).
 */
export function pick(call: OperationCall, key: 'Action' | 'Version', tweak: string | undefined, fallback: string): string | undefined {
  if (tweak !== undefined) return tweak;
  if (Object.prototype.hasOwnProperty.call(call.params, key)) {
    const v = call.params[key];
    return v === null || v === undefined ? undefined : String(v);
  }
  return fallback;
}
