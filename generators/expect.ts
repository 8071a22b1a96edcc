// Where a negative case's expected answer comes from: the parameter's onViolation, the error table,
// the vendor profile's role errors. Several candidate answers become an Acceptable (pass-ambiguous).
import type { Acceptable, Contract, ContractParam, ErrorRef, Expectation, ProtocolProfile } from '../core/types.ts';

/** Keywords that stand for each other in onViolation maps (a `not: {pattern}` is still a pattern rule). */
const ALIASES: Record<string, string[]> = {
  not: ['not', 'pattern'],
  format: ['format', 'pattern'],
  const: ['const', 'enum'],
  enum: ['enum', 'const'],
  exclusiveMaximum: ['exclusiveMaximum', 'maximum'],
  exclusiveMinimum: ['exclusiveMinimum', 'minimum'],
  multipleOf: ['multipleOf', 'type'],
  uniqueItems: ['uniqueItems', 'items'],
};


/** A contract's error reference (or its Acceptable) as the expectations it stands for. */
export function fromRef(ref: ErrorRef | Acceptable): Expectation[] {
  if ('alternatives' in ref) return ref.alternatives;
  return [{ kind: 'error', code: ref.code, ...(ref.status !== undefined ? { status: ref.status } : {}) }];
}

export function roleError(profile: ProtocolProfile | undefined, role: string): Expectation[] {
  const e = profile?.errors?.[role];
  return e ? fromRef(e) : [];
}

/** The answers a violation of `keyword` on `param` may produce, best source first. */
export function violationAnswers(contract: Contract, profile: ProtocolProfile | undefined, p: ContractParam, keyword: string): Expectation[] {
  for (const k of ALIASES[keyword] ?? [keyword]) {
    const own = p.onViolation?.[k];
    if (own) return fromRef(own);
  }
  const row = contract.errors.find((r) => r.trigger?.param === p.name && (ALIASES[keyword] ?? [keyword]).includes(r.trigger.keyword ?? ''));
  if (row) return [{ kind: 'error', code: row.code, status: row.status }];
  if (p.onViolation?.['*']) return fromRef(p.onViolation['*']);
  return roleError(profile, keyword === 'required' ? 'missing-parameter' : 'invalid-parameter');
}

const key = (e: Expectation) => (e.kind === 'success' ? `success:${e.status ?? ''}` : `${e.code}:${e.status ?? ''}`);

export function dedupe(list: Expectation[]): Expectation[] {
  const seen = new Set<string>();
  return list.filter((e) => (seen.has(key(e)) ? false : (seen.add(key(e)), true)));
}

/** One answer stays an Expectation; several become an Acceptable with the note. */
export function combine(list: Expectation[], note: string): Expectation | Acceptable | undefined {
  const d = dedupe(list);
  if (d.length === 0) return undefined;
  return d.length === 1 ? d[0]! : { note, alternatives: d };
}

export function expectViolation(contract: Contract, profile: ProtocolProfile | undefined, p: ContractParam, keywords: string[]): Expectation | Acceptable | undefined {
  const all = keywords.flatMap((k) => violationAnswers(contract, profile, p, k));
  return combine(all, `${p.name}: the value breaks ${keywords.join(' and ')}; the contract names a different error for each`);
}
