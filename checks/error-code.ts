// Error code against the case expectation; and a returned documented code must come with the status
// the contract's error table (or the vendor profile) gives it.
import type { CheckFn } from './types.ts';
import { isAcceptable } from '../core/expectations.ts';

export const errorCode: CheckFn = ({ testCase, response, expectation }) => {
  const got = response.error?.code;
  if (expectation.kind === 'success') {
    const ok = got === undefined;
    return { name: 'error-code', ok, expected: null, actual: got ?? null, source: testCase.source, ...(ok ? {} : { message: `expected success, got error ${got}` }) };
  }
  const ok = got === expectation.code;
  return {
    name: 'error-code', ok, expected: expectation.code, actual: got ?? null, source: testCase.source,
    ...(ok ? {} : { message: got === undefined ? `expected error ${expectation.code}, got no error code` : `expected error ${expectation.code}, got ${got}` }),
  };
};

/** A documented code must carry a documented status for it (table or profile). */
export const errorStatus: CheckFn = ({ response, contract, profile }) => {
  const got = response.error?.code;
  if (got === undefined || response.status === undefined) return undefined;
  const documented = new Set<number>();
  const rows = contract.errors.filter((r) => r.code === got);
  for (const r of rows) documented.add(r.status);
  for (const e of Object.values(profile?.errors ?? {})) if (e.code === got && e.status !== undefined) documented.add(e.status);
  for (const p of contract.request.parameters) {
    for (const v of Object.values(p.onViolation ?? {})) {
      for (const alt of isAcceptable(v) ? v.alternatives : [{ kind: 'error' as const, ...v }]) {
        if (alt.kind === 'error' && alt.code === got && alt.status !== undefined) documented.add(alt.status);
      }
    }
  }
  if (documented.size === 0) return undefined;
  const ok = documented.has(response.status);
  const row = rows[0];
  return {
    name: 'error-status', ok, expected: [...documented], actual: response.status,
    ...(row?.line !== undefined ? { source: { file: `../shared/vendor-docs/${contract.source.file}`, line: row.line } } : {}),
    ...(ok ? {} : { message: `${got} is documented with HTTP ${[...documented].join('/')}, got ${response.status}` }),
  };
};
