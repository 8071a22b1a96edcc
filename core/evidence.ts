// The evidence ledger (docs/evidence-format.md): who says what about a contract's expectations, where
// witnesses disagree, and which claim each expectation profile follows. Types and pure helpers only.

import type { ContractDependency, ContractErrorRow, ContractParam, ContractRule, DocumentedValue } from './types.ts';

/** Which claims a run expects: today's cloud (`current`), or the seed page as written (`page`). */
export type ExpectProfile = 'current' | 'page';
export const EXPECT_PROFILES: readonly ExpectProfile[] = ['current', 'page'];
export const DEFAULT_EXPECT: ExpectProfile = 'current';

export type SourceKind = 'page' | 'newer-page' | 'error-appendix' | 'sdk-model' | 'client';

export interface EvidenceSource {
  kind: SourceKind;
  /** page: the stored seed page, `pages/<file>`. */
  file?: string;
  /** newer-page, error-appendix: where it is published, and when it was read. */
  url?: string;
  retrieved?: string;
  /** sdk-model from npm. */
  package?: string;
  version?: string;
  /** sdk-model or client from a repository: owner/name, path, 40-hex commit. */
  repo?: string;
  path?: string;
  commit?: string;
  /** Short facts taken from the source, in our words. */
  facts?: string[];
  /** When the source said it (a page's revision, a commit's date). */
  date?: string;
  note?: string;
}

export type ClaimKind = 'superseded' | 'disputed';

export interface ClaimValue { value: unknown; sources: string[] }

export interface Claim {
  id: string;
  /** An expectation key plus a property: `param:InstanceId.required`, `common:bad-signature.status`. */
  about: string;
  kind: ClaimKind;
  says: ClaimValue[];
  /** superseded: the value that replaces the others. */
  current?: unknown;
  doc: string;
}

/** An item a ledger adds: a contract part as the contract schema describes it, with its sources. */
export type Added<T> = T & { sources: string[] };

/** A response field a ledger adds: its path (dots, `[]` for array items) and its JSON Schema. */
export interface AddedField { path: string; schema: Record<string, unknown> }

/** A rule a ledger adds: a contract rule whose scenarios may be left out (none). */
export type AddedRule = Omit<ContractRule, 'scenarios'> & { scenarios?: ContractRule['scenarios'] };

/** What each list of `adds` holds (the loader checks each item against the contract schema's definition). */
export interface AddedItems {
  parameters: ContractParam;
  errors: ContractErrorRow;
  fields: AddedField;
  rules: AddedRule;
  dependencies: ContractDependency;
  /** Documented values of response fields (contract `response.values` syntax). */
  values: DocumentedValue;
}

export type LedgerAdds = { [K in keyof AddedItems]?: Added<AddedItems[K]>[] };

export interface Ledger {
  /** A contract id, or `profile:<vendor>`. */
  for: string;
  sources: Record<string, EvidenceSource>;
  backing: Record<string, string[]>;
  claims: Claim[];
  adds?: LedgerAdds;
  /** Keys only one source states, with the reason. */
  single?: Record<string, string>;
  $file?: string;
  $lines?: Record<string, number>;
}

/** What a contract or profile carries once loaded under a profile. */
export interface EvidenceView {
  expect: ExpectProfile;
  ledger?: Ledger;
  /** Disputed answers by claim `about` (`common:bad-signature.status` -> [400, 403]), with the claim. */
  disputes: Record<string, { claim: string; values: unknown[] }>;
  /** Superseded claims applied to this view: `about` -> the claim id and the value now expected. */
  applied: Record<string, { claim: string; value: unknown; replaced: unknown[] }>;
}

/** Sources of one family say things independently of each other's families. */
export function familyOf(source: EvidenceSource): string {
  switch (source.kind) {
    case 'page': case 'newer-page': case 'error-appendix': return 'vendor-docs';
    case 'sdk-model': return 'vendor-model';
    case 'client': return `client:${source.repo ?? '?'}`;
  }
}

/** Keys that may be `disputed`: answers only (docs/evidence-format.md). */
export const DISPUTABLE = /^(error:[^\s]+\.(status|code)|common:[\w-]+\.(status|code)|rule:[\w-]+(\/[\w-]+)?\.answer|note:[\w-]+\.answer)$/;

/** The value a profile expects of a claim: under `page` the page's own value where the page says one. */
export function chosenValue(claim: Claim, expect: ExpectProfile): { values: unknown[]; from: 'page' | 'current' } {
  if (expect === 'page') {
    const onPage = claim.says.filter((s) => s.sources.includes('page'));
    if (onPage.length > 0) return { values: onPage.map((s) => s.value), from: 'page' };
  }
  return { values: claim.kind === 'superseded' ? [claim.current] : claim.says.map((s) => s.value), from: 'current' };
}

/** One-line human reference of a source: package@version path, repo@commit7 path, or url (date). */
export function describeSource(id: string, s: EvidenceSource): string {
  if (s.kind === 'page') return `${id}: seed page ${s.file ?? ''}`;
  if (s.package) return `${id}: ${s.package}@${s.version ?? '?'} ${s.path ?? ''}`.trim();
  if (s.repo) return `${id}: ${s.repo}@${(s.commit ?? '').slice(0, 7)} ${s.path ?? ''}`.trim();
  return `${id}: ${s.url ?? '?'}${s.retrieved ? ` (read ${s.retrieved})` : ''}`;
}

/** What a disputed claim leaves open for one error code: its accepted statuses or codes, and the claim. */
export interface OpenAnswer { claim: string; statuses?: number[]; codes?: string[] }

/**
 * Disputed answers by error code, from a contract's view (its own and its profile's claims): a
 * `common:<role>` dispute reaches the role's code. Built once per contract view.
 */
export function openAnswers(view: EvidenceView | undefined, roleCodes: Record<string, string>): Map<string, OpenAnswer> {
  const out = new Map<string, OpenAnswer>();
  for (const [about, d] of Object.entries(view?.disputes ?? {})) {
    const m = /^(error|common):(.+)\.(status|code)$/.exec(about);
    if (!m) continue;
    // the code as the view answers it: after the claim applied its first value, a code dispute's first value
    const code = m[3] === 'code' ? String(d.values[0]) : m[1] === 'error' ? m[2]! : roleCodes[m[2]!];
    if (!code) continue;
    const entry = out.get(code) ?? { claim: d.claim };
    if (m[3] === 'status') entry.statuses = d.values.map(Number);
    else entry.codes = d.values.map(String);
    out.set(code, entry);
  }
  return out;
}
