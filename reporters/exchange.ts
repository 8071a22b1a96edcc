// A case's wire exchange as text, the way a terminal shows HTTP: `>` lines sent, `<` lines received.
// Shared by `run --verbose` (terminal reporter) and `conformance replay`.
import type { CaseExchange } from '../core/types.ts';
import { clean } from './format.ts';

function bodyLines(prefix: string, body: string | undefined): string[] {
  if (body === undefined) return [];
  let shown = body;
  try { shown = JSON.stringify(JSON.parse(body), null, 2); } catch { /* not JSON: as sent */ }
  return ['', ...clean(shown).split('\n')].map((l) => `${prefix}${l ? ` ${l}` : ''}`);
}

/** The exchange as lines (no trailing newline), every line indented by `indent`. */
export function exchangeLines(x: CaseExchange, indent = ''): string[] {
  const out: string[] = [];
  const head = x.logical ? ' (the call given to the target\'s own client; it built the wire)' : '';
  if (x.label) out.push(`${x.label}:${head}`);
  else if (head) out.push(head.trim().replace(/^\(|\)$/g, ''));
  out.push(`> ${x.request.method} ${clean(x.request.url)}`);
  for (const [k, v] of Object.entries(x.request.headers)) out.push(`> ${clean(k)}: ${clean(v)}`);
  out.push(...bodyLines('>', x.request.body));
  if (x.response) {
    out.push(`< ${x.response.status ?? '(status not visible to this client)'}`);
    for (const [k, v] of Object.entries(x.response.headers)) out.push(`< ${clean(k)}: ${clean(v)}`);
    out.push(...bodyLines('<', x.response.body));
  }
  if (x.failure) out.push(`! no answer: ${x.failure.kind}: ${clean(x.failure.message)}`);
  if (x.truncated) out.push(`(${x.truncated} characters cut: the bound kept per exchange; \`conformance replay\` prints them all)`);
  return out.map((l) => `${indent}${l}`);
}
