// The wire exchange of one signed call (CaseExchange), as a thunk the runner calls only for a case
// it must explain (failing, inconclusive, `replay`): nothing is copied or redacted on passing calls.
import type { CaseExchange, Credentials, WireRequest, WireResponse } from '../core/types.ts';
import { EXCHANGE_LIMITS, redactExchange, type ExchangeLimits } from '../core/exchange.ts';
import { createRedactor } from './credentials-env.ts';

export function wireExchange(
  origin: string, wire: WireRequest, answer: { response?: WireResponse; failure?: { kind: string; message: string } },
  credentials: () => Credentials | undefined,
): (limits?: ExchangeLimits) => CaseExchange {
  return (limits = EXCHANGE_LIMITS) => {
    const creds = credentials();
    const x: CaseExchange = {
      request: { method: wire.method, url: `${origin}${wire.path}`, headers: wire.headers, ...(wire.body ? { body: wire.body } : {}) },
      ...(answer.response ? { response: { status: answer.response.status, headers: answer.response.headers, body: answer.response.body } } : {}),
      ...(answer.failure ? { failure: answer.failure } : {}),
    };
    return redactExchange(x, creds ? createRedactor([creds]).text : undefined, limits);
  };
}
