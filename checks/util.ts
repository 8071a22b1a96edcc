// Helpers the checks (and the runner) share: how a response is shown, XML unwrapping.
import type { TargetResponse } from '../core/types.ts';
import { answerSeen } from '../core/outcome.ts';
import { isJsonObject } from '../core/json.ts';

/** The document inside an XML answer (fast-xml-parser keeps the root element as the only key). */
export function unwrapXml(body: unknown): { root?: string; doc?: unknown } {
  if (!isJsonObject(body)) return {};
  const keys = Object.keys(body);
  if (keys.length !== 1) return { doc: body };
  return { root: keys[0], doc: body[keys[0]!] };
}

/** The results' `actual` (its keys are the results schema's: `transportError`, `clientRejected` name the outcomes). */
export function actualSummary(r: TargetResponse): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const a = answerSeen(r);
  if (a?.status !== undefined) out.status = a.status;
  if (a?.error?.code !== undefined) out.code = a.error.code;
  if (a?.error?.message !== undefined) out.message = a.error.message;
  if (a?.requestId !== undefined) out.requestId = a.requestId;
  if (a?.format !== undefined) out.format = a.format;
  if (r.outcome === 'transport-error') out.transportError = { kind: r.kind, message: r.message };
  if (r.outcome === 'client-rejected' && r.message) out.clientRejected = r.message;
  return out;
}

export const isSuccessStatus = (s: number | undefined) => s !== undefined && s >= 200 && s < 300;
