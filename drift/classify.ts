// The drift vocabulary and the one classifier every drift command shares (page drift, SDK drift,
// contracts diff). A change is judged from two sides:
//   breaking-for-clients   a client written against the old contract may now fail (a value it sends is
//                          refused, a field it reads is gone, a status it switches on moved);
//   breaking-for-emulators an emulator built from the old contract no longer conforms (it refuses what is
//                          now allowed, lacks a new row, parameter or field);
//   compatible             neither.

export type Classification = 'breaking-for-clients' | 'breaking-for-emulators' | 'compatible';

export type ChangeKind =
  | 'param-added' | 'param-removed' | 'required-changed' | 'type-changed' | 'location-changed'
  | 'constraint-changed' | 'default-changed'
  | 'error-added' | 'error-removed' | 'error-changed'
  | 'response-field-added' | 'response-field-removed' | 'response-field-retyped'
  | 'status-changed' | 'http-changed'
  | 'contract-added' | 'contract-removed' | 'rule-added' | 'rule-removed'
  | 'sdk-only' | 'contract-only' | 'deprecation-changed';

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
  /** SDK drift: where the model states the fact (`path:line`). */
  modelAt?: string;
}

const TIGHTER = 'values that were valid may now be refused';
const LOOSER = 'an emulator built from the old contract still refuses values now allowed';

const LOWER = new Set(['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties']);
const UPPER = new Set(['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties']);

type Verdict = { classification: Classification; why: string };
const clients = (why: string): Verdict => ({ classification: 'breaking-for-clients', why });
const emulators = (why: string): Verdict => ({ classification: 'breaking-for-emulators', why });
const compatible = (why: string): Verdict => ({ classification: 'compatible', why });
const tighter = clients(TIGHTER);
const looser = emulators(LOOSER);

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
  return clients('changed in a way that may refuse values that were valid');
}

/** Kinds whose classification never depends on the detail of the change. */
const FIXED: Record<Exclude<ChangeKind, 'constraint-changed' | 'param-added' | 'required-changed' | 'default-changed' | 'error-changed' | 'sdk-only' | 'deprecation-changed'>, Verdict> = {
  'param-removed': clients('clients that send it may be refused'),
  'type-changed': clients('values of the old type may be refused'),
  'location-changed': clients('clients send it in the old place'),
  'error-added': emulators('an emulator built from the old contract never answers it'),
  'error-removed': compatible('clients may keep handling it; nothing new to answer'),
  'response-field-added': emulators('an emulator built from the old contract does not return it'),
  'response-field-removed': clients('clients that read it find nothing'),
  'response-field-retyped': clients('clients parse the old type'),
  'status-changed': clients('clients check the old success status'),
  'http-changed': clients('clients call the old method or path'),
  'contract-added': emulators('an operation the emulator does not serve'),
  'contract-removed': clients('clients may still call it'),
  'rule-added': emulators('a behaviour an emulator built from the old contract lacks'),
  'rule-removed': compatible('a behaviour no longer required'),
  'contract-only': clients('potentially breaking: SDK users cannot send or read it'),
};

/** Classification of every other kind of change (the constraint case is above). */
export function classify(kind: Exclude<ChangeKind, 'constraint-changed'>, detail: { required?: boolean; before?: unknown; after?: unknown; statusChanged?: boolean } = {}): Verdict {
  switch (kind) {
    // Optional: the page may leave out what its SDK lists (owner fields, parameters not public).
    case 'sdk-only': return detail.required
      ? clients('the model requires a parameter the page does not list: clients that follow the page omit it')
      : compatible('informational: the SDK knows more than the contract (the page may be behind)');
    // Nothing is refused yet: a warning for clients, and emulators keep accepting it.
    case 'deprecation-changed': return detail.after === true
      ? compatible('deprecated by the newer source: still accepted; clients should stop relying on it')
      : compatible('no longer deprecated');
    case 'param-added': return detail.required
      ? clients('a new required parameter: old clients do not send it')
      : emulators('a new optional parameter: an emulator built from the old contract ignores or refuses it');
    case 'required-changed': return detail.after === true
      ? clients('now required: clients that omit it are refused')
      : emulators('now optional: an emulator still refuses requests without it');
    case 'default-changed':
      if (detail.before === undefined) return emulators('a new default an emulator does not apply');
      if (detail.after === undefined) return compatible('the default is no longer stated');
      return clients('clients that omit it get a different behaviour');
    case 'error-changed': return detail.statusChanged
      ? clients('clients that switch on the HTTP status see another one')
      : emulators('the documented message changed: an emulator answers the old text');
    default: return { ...FIXED[kind] };
  }
}

/** Counts by classification (all three keys always present). */
export function summarize(changes: Change[]): Record<Classification, number> {
  const out: Record<Classification, number> = { 'breaking-for-clients': 0, 'breaking-for-emulators': 0, compatible: 0 };
  for (const c of changes) out[c.classification]++;
  return out;
}

/** What makes a drift command exit 1: a breaking change (the default), or any change. */
export const FAIL_ON = ['breaking', 'any'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export const isBreaking = (c: Pick<Change, 'classification'>) => c.classification !== 'compatible';

/** 1 when a change counts under `failOn`, else 0 (compatible-only drift passes `breaking`). */
export function driftExitCode(changes: Pick<Change, 'classification'>[], failOn: FailOn = 'breaking'): 0 | 1 {
  return changes.some((c) => failOn === 'any' || isBreaking(c)) ? 1 : 0;
}
