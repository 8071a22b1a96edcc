// The drift vocabulary and the one classifier every drift command shares (page drift, SDK drift,
// contracts diff). A change is judged from two sides:
//   breaking-for-clients   a client written against the old contract may now fail (a value it sends is
//                          refused, a field it reads is gone, a status it switches on moved);
//   breaking-for-emulators an emulator built from the old contract no longer conforms (it refuses what is
//                          now allowed, lacks a new row, parameter or field);
//   compatible             neither.

export type Classification = 'breaking-for-clients' | 'breaking-for-emulators' | 'compatible';
export const CLASSIFICATIONS: readonly Classification[] = ['breaking-for-clients', 'breaking-for-emulators', 'compatible'];

export type ChangeKind =
  | 'param-added' | 'param-removed' | 'required-changed' | 'type-changed' | 'location-changed'
  | 'constraint-changed' | 'default-changed'
  | 'error-added' | 'error-removed' | 'error-changed'
  | 'response-field-added' | 'response-field-removed' | 'response-field-retyped'
  | 'status-changed' | 'http-changed'
  | 'contract-added' | 'contract-removed' | 'rule-added' | 'rule-removed'
  | 'sdk-only' | 'contract-only';

export interface Change {
  kind: ChangeKind;
  classification: Classification;
  /** `param Name`, `param Name maxLength`, `error 404 InvalidDescription.Malformed`, `field OperationProgressSet.OperationProgress`. */
  subject: string;
  before?: unknown;
  after?: unknown;
  /** Why this classification, in a few words. */
  why: string;
  /** Page line in the newer version (or in the older one when the thing is gone: see oldLine). */
  line?: number;
  oldLine?: number;
  /** Contract id (set when several contracts are compared). */
  contract?: string;
}

const TIGHTER = 'values that were valid may now be refused';
const LOOSER = 'an emulator built from the old contract still refuses values now allowed';

const LOWER = new Set(['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties']);
const UPPER = new Set(['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties']);

type Verdict = { classification: Classification; why: string };
const tighter: Verdict = { classification: 'breaking-for-clients', why: TIGHTER };
const looser: Verdict = { classification: 'breaking-for-emulators', why: LOOSER };

/** A constraint keyword (path like `items.maxLength`, `not.pattern`) that went from `before` to `after`. */
export function classifyConstraint(keyword: string, before: unknown, after: unknown): Verdict {
  const k = keyword.split('.').pop()!;
  if (before === undefined) return k === 'uniqueItems' && after === false ? looser : tighter;
  if (after === undefined) return looser;
  if (LOWER.has(k) && typeof before === 'number' && typeof after === 'number') return after > before ? tighter : looser;
  if (UPPER.has(k) && typeof before === 'number' && typeof after === 'number') return after < before ? tighter : looser;
  if (k === 'enum' && Array.isArray(before) && Array.isArray(after)) {
    const b = new Set(before.map((v) => JSON.stringify(v)));
    const a = new Set(after.map((v) => JSON.stringify(v)));
    if ([...a].every((v) => b.has(v))) return tighter;
    if ([...b].every((v) => a.has(v))) return looser;
  }
  // A changed pattern, const or format: no direction can be told, so assume the worse for clients.
  return { classification: 'breaking-for-clients', why: 'changed in a way that may refuse values that were valid' };
}

/** Classification of every other kind of change (the constraint case is above). */
export function classify(kind: Exclude<ChangeKind, 'constraint-changed'>, detail: { required?: boolean; before?: unknown; after?: unknown; statusChanged?: boolean } = {}): Verdict {
  switch (kind) {
    case 'param-added': return detail.required
      ? { classification: 'breaking-for-clients', why: 'a new required parameter: old clients do not send it' }
      : { classification: 'breaking-for-emulators', why: 'a new optional parameter: an emulator built from the old contract ignores or refuses it' };
    case 'param-removed': return { classification: 'breaking-for-clients', why: 'clients that send it may be refused' };
    case 'required-changed': return detail.after === true
      ? { classification: 'breaking-for-clients', why: 'now required: clients that omit it are refused' }
      : { classification: 'breaking-for-emulators', why: 'now optional: an emulator still refuses requests without it' };
    case 'type-changed': return { classification: 'breaking-for-clients', why: 'values of the old type may be refused' };
    case 'location-changed': return { classification: 'breaking-for-clients', why: 'clients send it in the old place' };
    case 'default-changed':
      if (detail.before === undefined) return { classification: 'breaking-for-emulators', why: 'a new default an emulator does not apply' };
      if (detail.after === undefined) return { classification: 'compatible', why: 'the default is no longer stated' };
      return { classification: 'breaking-for-clients', why: 'clients that omit it get a different behaviour' };
    case 'error-added': return { classification: 'breaking-for-emulators', why: 'an emulator built from the old contract never answers it' };
    case 'error-removed': return { classification: 'compatible', why: 'clients may keep handling it; nothing new to answer' };
    case 'error-changed': return detail.statusChanged
      ? { classification: 'breaking-for-clients', why: 'clients that switch on the HTTP status see another one' }
      : { classification: 'breaking-for-emulators', why: 'the documented message changed: an emulator answers the old text' };
    case 'response-field-added': return { classification: 'breaking-for-emulators', why: 'an emulator built from the old contract does not return it' };
    case 'response-field-removed': return { classification: 'breaking-for-clients', why: 'clients that read it find nothing' };
    case 'response-field-retyped': return { classification: 'breaking-for-clients', why: 'clients parse the old type' };
    case 'status-changed': return { classification: 'breaking-for-clients', why: 'clients check the old success status' };
    case 'http-changed': return { classification: 'breaking-for-clients', why: 'clients call the old method or path' };
    case 'contract-added': return { classification: 'breaking-for-emulators', why: 'an operation the emulator does not serve' };
    case 'contract-removed': return { classification: 'breaking-for-clients', why: 'clients may still call it' };
    case 'rule-added': return { classification: 'breaking-for-emulators', why: 'a behaviour an emulator built from the old contract lacks' };
    case 'rule-removed': return { classification: 'compatible', why: 'a behaviour no longer required' };
    case 'sdk-only': return { classification: 'compatible', why: 'informational: the SDK knows more than the contract (the page may be behind)' };
    case 'contract-only': return { classification: 'breaking-for-clients', why: 'potentially breaking: SDK users cannot send or read it' };
  }
}

/** Counts by classification (all three keys always present). */
export function summarize(changes: Change[]): Record<Classification, number> {
  const out = { 'breaking-for-clients': 0, 'breaking-for-emulators': 0, compatible: 0 } as Record<Classification, number>;
  for (const c of changes) out[c.classification]++;
  return out;
}
