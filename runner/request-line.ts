// A redacted, curl-like line for the request a case sent: enough to reproduce it, never a secret.
import type { OperationCall, ProtocolTweak } from '../core/types.ts';

const SECRET = /secret|password|passwd|signature|accesskey|securitytoken|authorization|credential|x-auth-token/i;
const MAX = 64;

function show(name: string, v: unknown): string {
  if (SECRET.test(name)) return '***';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  const shown = s.length > MAX ? `${s.slice(0, 24)}…(${[...s].length} chars)` : s;
  return /^[\w.:@\-/]*$/.test(shown) && shown !== '' ? shown : `'${shown.replace(/'/g, "'\\''")}'`;
}

export function requestLine(call: OperationCall, tweak?: ProtocolTweak): string {
  const parts = [`call ${call.vendor}/${call.service}/${call.version} ${call.operation}`];
  if (call.region) parts.push(`--region ${call.region}`);
  if (call.format) parts.push(`--format ${call.format}`);
  for (const [k, v] of Object.entries(call.params)) {
    if (Array.isArray(v)) v.forEach((x, i) => parts.push(`${k}.${i + 1}=${show(k, x)}`));
    else if (v !== undefined) parts.push(`${k}=${show(k, v)}`);
  }
  for (const [k, v] of call.rawParams ?? []) parts.push(`${k}=${show(k, v)}`);
  if (tweak) for (const [k, v] of Object.entries(tweak)) if (v !== undefined) parts.push(`--tweak ${k}=${show(k === 'auth' ? 'auth-mode' : k, v)}`);
  return parts.join(' ');
}
