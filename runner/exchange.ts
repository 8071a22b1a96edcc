// The exchanges a case result carries: the adapter's wire exchange when it saw the wire, else the
// logical call the target was given (SDK and module targets build their own wire) with its answer.
import type { CaseExchange, OperationCall, TargetResponse } from '../core/types.ts';
import { EXCHANGE_LIMITS, redactExchange, type ExchangeLimits } from '../core/exchange.ts';
import { answerSeen } from '../core/outcome.ts';

/** The call as handed to a target whose client builds the wire itself. */
export function logicalExchange(call: OperationCall, res: TargetResponse, limits: ExchangeLimits = EXCHANGE_LIMITS): CaseExchange {
  const seen = answerSeen(res);
  const body = seen?.raw ?? (seen?.body !== undefined ? JSON.stringify(seen.body) : undefined);
  const failure = res.outcome === 'transport-error' || res.outcome === 'client-rejected'
    ? { kind: res.outcome === 'transport-error' ? res.kind : 'client-rejected', message: res.message }
    : undefined;
  const answered = seen?.status !== undefined || body !== undefined || seen?.headers !== undefined;
  return redactExchange({
    logical: true,
    request: {
      method: 'CALL',
      url: `${call.vendor}:${call.service}/${call.version}/${call.operation}${call.region ? ` (region ${call.region})` : ''}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(call.rawParams?.length ? { ...call.params, $raw: call.rawParams } : call.params),
    },
    ...(answered ? { response: { ...(seen?.status !== undefined ? { status: seen.status } : {}), headers: seen?.headers ?? {}, ...(body !== undefined ? { body } : {}) } } : {}),
    ...(failure ? { failure } : {}),
  }, undefined, limits);
}

export function exchangeOf(call: OperationCall, res: TargetResponse, label?: string, limits: ExchangeLimits = EXCHANGE_LIMITS): CaseExchange {
  let x: CaseExchange;
  try { x = res.exchange ? res.exchange(limits) : logicalExchange(call, res, limits); } catch { x = logicalExchange(call, res, limits); }
  // The runner's deadline may have answered before the target did: say so next to the request.
  if (res.outcome === 'transport-error' && !x.failure && !x.response) x = { ...x, failure: { kind: res.kind, message: res.message } };
  return label ? { label, ...x } : x;
}
