// Huawei envelopes (sdk-wire.md 3.4): success 202 with no body; errors as the doc's typed
// wrapper `{"<kind>": {message, code}}`, `{"error": {...}}` (the one the SDK reads), or the API
// gateway's `{error_code, error_msg, request_id}`. The request id travels in X-Request-Id.
import type { Answered, WireResponse } from '../../core/types.ts';
import type { RenderableError, RenderContext } from '../types.ts';
import { getHeader } from '../common/headers.ts';
import { baseResponse, isRecord, str } from '../common/response.ts';

const JSON_TYPE = 'application/json;charset=UTF-8';

export function renderHwSuccess(_op: string, body: unknown | null, ctx: RenderContext): WireResponse {
  const headers: Record<string, string> = { 'X-Request-Id': ctx.requestId };
  if (body === null || body === undefined) return { status: ctx.status ?? 202, headers, body: '' };
  return { status: ctx.status ?? 200, headers: { ...headers, 'content-type': JSON_TYPE }, body: JSON.stringify(body) };
}

export function renderHwError(err: RenderableError, ctx: RenderContext): WireResponse {
  const kind = err.kind ?? 'error';
  const doc = kind === 'gateway'
    ? { error_code: err.code, error_msg: err.message, request_id: ctx.requestId }
    : { [kind]: { message: err.message, code: err.code } };
  return { status: err.status, headers: { 'X-Request-Id': ctx.requestId, 'content-type': JSON_TYPE }, body: JSON.stringify(doc) };
}

export function parseHwResponse(res: WireResponse): Answered {
  const out = baseResponse(res);
  out.requestId = getHeader(res.headers, 'x-request-id');
  const body = isRecord(out.body) ? out.body : undefined;
  if (!body) return out;
  if (body.error_code !== undefined || body.error_msg !== undefined) {
    out.error = { code: str(body.error_code), message: str(body.error_msg) };
    return out;
  }
  if (res.status < 400) return out;
  // Any wrapper key: `error` first, then the typed ones (itemNotFound, badRequest, ...).
  const keys = Object.keys(body).sort((a, b) => Number(b === 'error') - Number(a === 'error'));
  for (const k of keys) {
    const w = body[k];
    if (isRecord(w) && (w.code !== undefined || w.message !== undefined)) {
      out.error = { code: str(w.code), message: str(w.message) };
      break;
    }
  }
  return out;
}
