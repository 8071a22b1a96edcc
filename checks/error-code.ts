// Error code against the case expectation; and a returned documented code must come with the status
// the contract's error table (or the vendor profile) gives it.
import { pageLabel } from '../core/page.ts';
import type { Contract, ProtocolProfile } from '../core/types.ts';
import type { CheckFn } from './types.ts';
import { isAcceptable } from '../core/expectations.ts';
import { openAnswers } from '../core/evidence.ts';

export const errorCode: CheckFn = ({ testCase, response, expectation }) => {
  const got = response.error?.code;
  if (expectation.kind === 'success') {
    const ok = got === undefined;
    return { name: 'error-code', ok, expected: null, actual: got ?? null, source: testCase.source, ...(ok ? {} : { message: `expected success, got error ${got}` }) };
  }
  // every vendor's error envelope carries a message beside its code: a client that decodes the code but
  // drops the message (an SDK's error with an empty message) has lost half of the answer
  const noMessage = got === expectation.code && !response.error?.message?.trim();
  const ok = got === expectation.code && !noMessage;
  const why = noMessage ? `error ${got} came without its message (the vendor's envelope carries one)`
    : got === undefined ? `expected error ${expectation.code}, got no error code` : `expected error ${expectation.code}, got ${got}`;
  return {
    name: 'error-code', ok, expected: expectation.code, actual: got ?? null, source: testCase.source,
    ...(ok ? {} : { message: why }),
  };
};

/** code -> the statuses the contract's table, its parameters' violations and the profile document for it. */
function documentedStatuses(contract: Contract, profile: ProtocolProfile | undefined): Map<string, Set<number>> {
  const byProfile = statusCache.get(contract) ?? new WeakMap();
  statusCache.set(contract, byProfile);
  const key = profile ?? NO_PROFILE;
  let map = byProfile.get(key);
  if (map) return map;
  map = new Map();
  const add = (code: string, status: number | undefined) => {
    if (status === undefined) return;
    const set = map!.get(code) ?? new Set<number>();
    map!.set(code, set.add(status));
  };
  for (const r of contract.errors) add(r.code, r.status);
  // a disputed status (the ledger's sources differ, none replaces the other) documents each of its values
  const roles = Object.fromEntries(Object.entries(profile?.errors ?? {}).map(([role, e]) => [role, e.code]));
  for (const [code, open] of openAnswers(contract.$evidence, roles)) for (const st of open.statuses ?? []) add(code, st);
  for (const e of Object.values(profile?.errors ?? {})) add(e.code, e.status);
  for (const p of contract.request.parameters) {
    for (const v of Object.values(p.onViolation ?? {})) {
      for (const alt of isAcceptable(v) ? v.alternatives : [{ kind: 'error' as const, ...v }]) if (alt.kind === 'error') add(alt.code, alt.status);
    }
  }
  byProfile.set(key, map);
  return map;
}
// Contracts and profiles are loaded once and never change: their status table is built once.
const statusCache = new WeakMap<Contract, WeakMap<object, Map<string, Set<number>>>>();
const NO_PROFILE = {};

/** A documented code must carry a documented status for it (table or profile). */
export const errorStatus: CheckFn = ({ response, contract, profile, testCase }) => {
  const got = response.error?.code;
  if (got === undefined || response.status === undefined) return undefined;
  const documented = documentedStatuses(contract, profile).get(got);
  if (!documented?.size) return undefined;
  const ok = documented.has(response.status);
  const row = contract.errors.find((r) => r.code === got);
  return {
    name: 'error-status', ok, expected: [...documented], actual: response.status,
    ...(row?.line !== undefined ? { source: { file: testCase.docSource?.file ?? pageLabel(contract), line: row.line } } : {}),
    ...(ok ? {} : { message: `${got} is documented with HTTP ${[...documented].join('/')}, got ${response.status}` }),
  };
};
