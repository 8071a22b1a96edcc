// Volcengine envelope (sdk-wire.md 2.4): `{ResponseMetadata, Result}`; errors carry
// `ResponseMetadata.Error`, the only thing the SDK surfaces (it resolves on every status).
import type { Answered, WireResponse } from '../../core/types.ts';
import type { RenderableError, RenderContext } from '../types.ts';
import { baseResponse, isRecord, str } from '../common/response.ts';
import { VOLC_DEFAULT_REGION } from './request.ts';

function metadata(op: string, ctx: RenderContext): Record<string, unknown> {
  return {
    RequestId: ctx.requestId,
    Action: ctx.action ?? op,
    Version: ctx.version ?? '2020-04-01',
    Service: ctx.service ?? 'ecs',
    Region: ctx.region ?? VOLC_DEFAULT_REGION,
  };
}

const HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export function renderVolcSuccess(op: string, body: unknown | null, ctx: RenderContext): WireResponse {
  const doc = { ResponseMetadata: metadata(op, ctx), Result: body ?? {} };
  return { status: ctx.status ?? 200, headers: { ...HEADERS, 'x-tt-logid': ctx.requestId }, body: JSON.stringify(doc) };
}

export function renderVolcError(err: RenderableError, ctx: RenderContext): WireResponse {
  const doc = { ResponseMetadata: { ...metadata(ctx.action ?? '', ctx), Error: { Code: err.code, ...(err.codeN !== undefined ? { CodeN: err.codeN } : {}), Message: err.message } } };
  return { status: err.status, headers: { ...HEADERS, 'x-tt-logid': ctx.requestId }, body: JSON.stringify(doc) };
}

export function parseVolcResponse(res: WireResponse): Answered {
  const out = baseResponse(res);
  const meta = isRecord(out.body) && isRecord(out.body.ResponseMetadata) ? out.body.ResponseMetadata : undefined;
  out.requestId = str(meta?.RequestId);
  if (meta && isRecord(meta.Error)) out.error = { code: str(meta.Error.Code), message: str(meta.Error.Message) };
  return out;
}
