// Helpers the checks (and the runner) share: how a response is shown, XML unwrapping.
import type { TargetResponse } from '../core/types.ts';

/** The document inside an XML answer (fast-xml-parser keeps the root element as the only key). */
export function unwrapXml(body: unknown): { root?: string; doc?: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const keys = Object.keys(body);
  if (keys.length !== 1) return { doc: body };
  return { root: keys[0], doc: (body as Record<string, unknown>)[keys[0]!] };
}

export function actualSummary(r: TargetResponse): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (r.status !== undefined) out.status = r.status;
  if (r.error?.code !== undefined) out.code = r.error.code;
  if (r.error?.message !== undefined) out.message = r.error.message;
  if (r.requestId !== undefined) out.requestId = r.requestId;
  if (r.format !== undefined) out.format = r.format;
  if (r.transportError) out.transportError = r.transportError;
  if (r.clientRejected) out.clientRejected = r.clientRejected;
  return out;
}

export const isSuccessStatus = (s: number | undefined) => s !== undefined && s >= 200 && s < 300;
