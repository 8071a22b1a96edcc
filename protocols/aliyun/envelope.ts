// Alibaba RPC envelopes (sdk-wire.md 1.5): PascalCase JSON, or XML with lists as repeated
// elements. Errors are 4xx/5xx; an XML error needs exactly `text/xml;charset=utf-8`, the only
// content type the SDK parses as XML.
import type { Answered, WireResponse } from '../../core/types.ts';
import type { RenderableError, RenderContext } from '../types.ts';
import { getHeader } from '../common/headers.ts';
import { baseResponse, isRecord, str } from '../common/response.ts';
import { toXmlDocument } from '../common/xml.ts';

export const XML_CONTENT_TYPE = 'text/xml;charset=utf-8';
export const JSON_CONTENT_TYPE = 'application/json;charset=utf-8';

function headers(ctx: RenderContext, xml: boolean): Record<string, string> {
  return { 'content-type': xml ? XML_CONTENT_TYPE : JSON_CONTENT_TYPE, 'x-acs-request-id': ctx.requestId };
}

export function renderAliyunSuccess(op: string, body: unknown | null, ctx: RenderContext): WireResponse {
  const fields = isRecord(body) ? body : {};
  const { RequestId: _ignored, ...rest } = fields;
  const doc = { RequestId: ctx.requestId, ...rest };
  const xml = ctx.format === 'XML';
  return {
    status: ctx.status ?? 200,
    headers: headers(ctx, xml),
    body: xml ? toXmlDocument(`${op}Response`, doc) : JSON.stringify(doc),
  };
}

export function renderAliyunError(err: RenderableError, ctx: RenderContext): WireResponse {
  const service = ctx.service ?? 'ecs';
  const product = service.charAt(0).toUpperCase() + service.slice(1);
  const doc = {
    RequestId: ctx.requestId,
    HostId: `${service}.aliyuncs.com`,
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=${product}&requestId=${encodeURIComponent(ctx.requestId)}`,
  };
  const xml = ctx.format === 'XML';
  return { status: err.status, headers: headers(ctx, xml), body: xml ? toXmlDocument('Error', doc) : JSON.stringify(doc) };
}

export function parseAliyunResponse(res: WireResponse): Answered {
  const out = baseResponse(res);
  let doc: Record<string, unknown> | undefined = isRecord(out.body) ? out.body : undefined;
  // XML keeps its root element in `body`; read the fields from inside it.
  if (doc && out.format === 'xml') {
    const keys = Object.keys(doc);
    const inner = keys.length === 1 ? doc[keys[0]!] : undefined;
    doc = isRecord(inner) ? inner : undefined;
  }
  out.requestId = str(doc?.RequestId) ?? str(doc?.requestId) ?? getHeader(res.headers, 'x-acs-request-id');
  // The SDK treats only 400-599 as errors; a Code in a 2xx body is never read.
  if (res.status >= 400 && doc) {
    const code = str(doc.Code) ?? str(doc.code);
    const message = str(doc.Message) ?? str(doc.message);
    if (code !== undefined || message !== undefined) out.error = { code, message };
  }
  return out;
}
