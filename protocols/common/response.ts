// Client-side response normalisation shared by the vendors: content type, format and parsed body.
import type { Answered, WireResponse } from '../../core/types.ts';
import { getHeader } from './headers.ts';
import { parseXml } from './xml.ts';

export function baseResponse(res: WireResponse): Answered & { format: NonNullable<Answered['format']> } {
  const contentType = getHeader(res.headers, 'content-type');
  const raw = res.body ?? '';
  const out: Answered & { format: NonNullable<Answered['format']> } = {
    outcome: 'answered', status: res.status, headers: res.headers, contentType, raw, format: 'none',
  };
  if (raw.trim() === '') return out;
  const type = (contentType ?? '').toLowerCase();
  const looksXml = type.includes('xml') || (!type.includes('json') && raw.trimStart().startsWith('<?xml'));
  if (!looksXml) {
    try { out.body = JSON.parse(raw); out.format = 'json'; return out; } catch { /* not JSON; try XML below */ }
  }
  if (raw.trimStart().startsWith('<') && !/^\s*<(!doctype\s+)?html/i.test(raw)) {
    try { out.body = parseXml(raw); out.format = 'xml'; return out; } catch { /* fall through */ }
  }
  out.format = 'other';
  return out;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
