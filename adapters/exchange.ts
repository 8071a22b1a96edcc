// The wire exchange of one signed call (CaseExchange), as a thunk the runner calls only for a case
// it must explain (failing, inconclusive, `replay`): nothing is copied or redacted on passing calls.
import type { CaseExchange, Credentials, WireRequest, WireResponse } from '../core/types.ts';
import { EXCHANGE_LIMITS, redactExchange, type ExchangeLimits } from '../core/exchange.ts';
import { createRedactor } from './credentials-env.ts';

/**
 * A REST route's account-id segments (`/v2/{project_id}/...`) shown as the template names them,
 * whatever id the request carried (the caller's, or another account's a case made up).
 */
export function redactPathIds(path: string, template: string | undefined): string {
  if (!template?.includes('{project_id}')) return path;
  const q = path.indexOf('?');
  const segments = (q < 0 ? path : path.slice(0, q)).split('/');
  const names = template.split('/');
  if (segments.length !== names.length) return path;
  const shown = segments.map((s, i) => (names[i] === '{project_id}' && s !== '' ? '{project_id}' : s)).join('/');
  return q < 0 ? shown : `${shown}${path.slice(q)}`;
}

export function wireExchange(
  origin: string, wire: WireRequest, answer: { response?: WireResponse; failure?: { kind: string; message: string } },
  credentials: () => Credentials | undefined, route?: () => string | undefined,
): (limits?: ExchangeLimits) => CaseExchange {
  return (limits = EXCHANGE_LIMITS) => {
    const creds = credentials();
    const x: CaseExchange = {
      request: { method: wire.method, url: `${origin}${redactPathIds(wire.path, route?.())}`, headers: wire.headers, ...(wire.body ? { body: wire.body } : {}) },
      ...(answer.response ? { response: { status: answer.response.status, headers: answer.response.headers, body: answer.response.body } } : {}),
      ...(answer.failure ? { failure: answer.failure } : {}),
    };
    return redactExchange(x, creds ? createRedactor([creds]).text : undefined, limits);
  };
}
