// The shared vocabulary of the suite. Every layer imports from here; nothing here imports a layer.
// Contracts are data (YAML) typed by the Contract* interfaces; cases and results are plain JSON.

import type { EvidenceView, ExpectProfile, Ledger } from './evidence.ts';
import { isOneOf } from './json.ts';

export type Vendor = 'aliyun' | 'volcengine' | 'huaweicloud';
export const VENDORS: readonly Vendor[] = ['aliyun', 'volcengine', 'huaweicloud'];

/** Narrows a name read from input (a file, a flag, a request) to a vendor. */
export function isVendor(x: unknown): x is Vendor {
  return isOneOf(VENDORS, x);
}

/** The matrix columns, in display order. */
export const CATEGORIES = [
  'positive', 'required', 'type', 'range-length', 'pattern-format', 'enum', 'list-limits',
  'error-table', 'state-rules', 'filters', 'paging', 'envelope', 'auth-signing', 'idempotency', 'client-flows',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** How much a run generates: a few cases per operation, every rule, or every rule many times over. */
export const DEPTHS = ['smoke', 'standard', 'deep'] as const;
export type Depth = (typeof DEPTHS)[number];

export const VERDICTS = ['fail', 'inconclusive', 'skipped', 'pass-ambiguous', 'pass'] as const;
/** Ordered worst first: a matrix cell shows the worst verdict of its cases. */
export type Verdict = (typeof VERDICTS)[number];

/** Where a fact came from: a vendor page line, or a contract line. */
export interface SourceRef { file: string; line?: number; text?: string }

// ---------------------------------------------------------------- contracts

export type ParamLocation = 'query' | 'form' | 'path' | 'header' | 'body';

/** A reference to an error: a code with its HTTP status (status may be absent where unobservable). */
export interface ErrorRef { code: string; status?: number }

/** Several answers the doc allows (its contradiction or silence): any one of them passes, as pass-ambiguous. */
export interface Acceptable { note: string; alternatives: Expectation[] }

export interface ContractParam {
  /** Wire name without `.N` (`ExcludeDiskId`); `style: flat-list` says it goes as `ExcludeDiskId.1..N`. */
  name: string;
  /** Name exactly as printed on the page (`ExcludeDiskId.N`), for traceability and the fidelity test. */
  docName: string;
  in: ParamLocation;
  style?: 'flat-list';
  required: boolean;
  /** JSON Schema of the logical value (array for lists). Constraint keywords live here. */
  schema: Record<string, unknown>;
  example?: unknown;
  default?: unknown;
  /** Doc's own words, per JSON Schema keyword (`minLength: "长度为2~128个..."`), for traceability. */
  wording?: Record<string, string>;
  description?: string;
  /** Page line of the parameter row. */
  line?: number;
  /** Which error a violation of each keyword produces (`minLength`, `pattern`, `required`, `type`, `*`). */
  onViolation?: Record<string, ErrorRef | Acceptable>;
  /** True when the parameter comes from the vendor profile, not the page (fidelity test skips it). */
  fromProfile?: boolean;
  /** The client's idempotency token (unique per request, the doc says): the runner salts it per run. */
  idempotencyToken?: boolean;
  /** Id kind for unknown/malformed-ID cases (`snapshot`, `instance`, ...). */
  refersTo?: string;
}

/** Cross-field rule from prose ("only effective when InstantAccess=true"). */
export interface ContractDependency {
  id: string;
  kind: 'only-effective-when' | 'mutually-exclusive' | 'at-least-one' | 'required-when';
  params: string[];
  when?: Record<string, unknown>;
  doc: string;
  line?: number;
  /** Error when violated (absent for only-effective-when: the param is then ignored). */
  error?: ErrorRef | Acceptable;
}

export interface ContractErrorRow {
  status: number;
  code: string;
  message: string;
  description?: string;
  line?: number;
  /** How to provoke it: a rule id, a parameter violation, or null with `untriggerable` saying why. */
  trigger?: { rule?: string; param?: string; keyword?: string; dependency?: string };
  /** Set when no documented parameter or rule explains this row (kept, reported uncovered). */
  untriggerable?: string;
}

/** An entity the world must hold for a scenario; `fields` may reference others as `$name.id`. */
export interface FixtureSpec { as: string; kind: string; fields?: Record<string, unknown> }

/** Assertion on state after the call, through the target's fixtures. */
export interface StateAssertion {
  ref: string; exists?: boolean; fields?: Record<string, unknown>;
  /** World kind of the entity; needed when `ref` is `$response.<Field>` (set by the generator: the kind the field names, else the rule's entity). */
  kind?: string;
}

export interface RuleScenario {
  /** Slug used in the case id. */
  name: string;
  given: FixtureSpec[];
  /** Request params; string values `$x.id` are replaced by fixture ids. */
  params: Record<string, unknown>;
  expect: Expectation | Acceptable;
  after?: StateAssertion[];
  /** A second call (replay) for idempotency scenarios. */
  then?: { params: Record<string, unknown>; expect: Expectation | Acceptable; sameAsFirst?: boolean };
  /** A read call's answer lists (`includes`) or leaves out (`excludes`) these fixtures (by `as`): the `listed` check. */
  listed?: ListedExpectation;
  /** Page through the answer (the contract's `listing.paging`) with this page size; `listed` is judged over all pages. */
  pages?: number;
}

export interface ListedExpectation { includes?: string[]; excludes?: string[] }

/**
 * What a read call lists: the world kind, where its items sit in the answer and which field holds
 * an item's id, how it pages, and which request parameter filters on which world field. The emulator
 * applies the filters and paging from it (emulator/ops/listing.ts); the runner pages with it; the
 * `listed` check finds fixtures in the answer through it.
 */
export interface ContractListing {
  kind: string;
  /** Dotted path of the item list in the answer; `item` instead for a read of one entity. */
  items?: string;
  item?: string;
  /** The item field holding the entity id. */
  id: string;
  /** How the suite pages (`pages:` scenarios); `alsoPaging`: other ways the call pages, which the emulator honours too. */
  paging?: ListingPaging;
  alsoPaging?: ListingPaging[];
  filters?: ListingFilter[];
}

export interface ListingPaging {
  /** token: the answer carries the next token (`next`); page: 1-based page numbers; offset: items skipped; marker: the last id seen. */
  style: 'token' | 'page' | 'offset' | 'marker';
  /** The page-size parameter. */
  size: string;
  /** The parameter asking for the next page (token, page number, offset or marker id). */
  cursor: string;
  /** token style: the answer field with the next token (empty or absent on the last page). */
  next?: string;
  /** The smallest page the cloud gives: a smaller size asked for is raised to it (a client's evidence). */
  min?: number;
}

export interface ListingFilter {
  param: string;
  /** The world field it filters on (`id` for the entity id). */
  field: string;
  /** equals (default; a list parameter: one of its values), or tags (`Tag.N.Key/Value` pairs all present). */
  match?: 'equals' | 'tags';
}

export interface ContractRule {
  id: string;
  /** filter and paging rules are a read call's (their cases: categories `filters` and `paging`). */
  kind: 'precondition' | 'effect' | 'idempotency' | 'limit' | 'filter' | 'paging';
  doc: string;
  line?: number;
  /** Machine form of the rule (entity, predicate, error) for the emulator and the reader. */
  entity?: string;
  require?: Record<string, unknown>;
  error?: ErrorRef;
  scenarios: RuleScenario[];
}

export interface ContractNote {
  id: string;
  doc: string;
  line?: number;
  kind: 'contradiction' | 'silence' | 'invalid-example' | 'untriggerable-error' | 'other';
  acceptable?: Expectation[];
}

/**
 * A value the page fixes for a response field (`OperationStatus` is `Success`): exactly `equals`, or
 * one of `oneOf`, wherever the field occurs; with `whenEmpty`, only where that sibling field is empty
 * or absent. Its expectation key is `value:<path>`.
 */
export interface DocumentedValue {
  /** Field path in dots, `[]` for array items (as in `field:` keys). */
  path: string;
  equals?: string | number | boolean;
  oneOf?: (string | number | boolean)[];
  whenEmpty?: string;
  line?: number;
  doc?: string;
}

/** Where a batch answer reports each item: a list, the field naming the item, and the item's error code. */
export interface PerItemResults { list: string; id: string; code: string; line?: number }

export interface Contract {
  id: string; // `<vendor>.<service>.<Operation>`
  vendor: Vendor;
  service: string;
  version: string;
  operation: string;
  protocol: string;
  /**
   * The seed page, stored at `pages/<file>` beside the contract (loader `pageFileOf`). `file: null`: no
   * page text is stored (a read call transcribed from its ledger): `noPage` says why, `url`/`retrieved`
   * name the vendor's page where one was found.
   */
  source: { file: string | null; updated?: string | null; title?: string; url?: string | null; retrieved?: string | null; stored?: string; noPage?: string };
  http?: { method: string; path: string };
  request: { parameters: ContractParam[]; dependencies?: ContractDependency[] };
  response: {
    status: number;
    /** null when the success answer has no body (Huawei 202). */
    schema: Record<string, unknown> | null;
    xml?: { root: string; lists?: Record<string, string> } | null;
    examples?: { format: 'json' | 'xml'; line?: number; body: unknown; valid?: boolean; note?: string }[];
    /** Documented values of response fields (checked on every success answer). */
    values?: DocumentedValue[];
    /** Per-item results of a batch operation (what a success expectation's `items` are checked against). */
    perItem?: PerItemResults;
  };
  errors: ContractErrorRow[];
  rules: ContractRule[];
  notes: ContractNote[];
  /** A read call: what it lists (filters, paging). */
  listing?: ContractListing;
  /** Filled by the loader: absolute file and a JSON-pointer -> line map for traceability. */
  $file?: string;
  $lines?: Record<string, number>;
  $sha256?: string;
  /** The ledger beside the contract (`<Operation>.evidence.yaml`), and the profile the contract is seen under. */
  $ledger?: Ledger;
  $evidence?: EvidenceView;
}

/**
 * How a vendor's requests are shaped (a profile's `requestStyle`). The typed fields are the ones code
 * reads; the others (list encoding, error status ranges, clock skew, signing details) are notes for
 * readers, traced to their lines like the rest of the profile.
 */
export interface RequestStyle {
  /** The one path of an RPC-style API (`/`). */
  path?: string;
  /** The HTTP methods an RPC-style API accepts; absent when requests are routed by method and path (REST). */
  methods?: string[];
  paramsIn?: string[];
  /** Where an RPC request names its operation; absent: no action parameter (REST). */
  action?: { param: string; header?: string };
  version?: { param: string; header?: string };
  formats?: string[];
  defaultFormat?: string;
  /** `true / false` where booleans are spelt exactly so (a `Force=True` is then refused). */
  booleans?: string;
  successStatus?: number | string;
  /** Common error roles this vendor's protocol cannot provoke, each with why. */
  rolesNotApplicable?: Record<string, string>;
  [note: string]: unknown;
}

export interface ProtocolProfile {
  vendor: Vendor;
  name: string;
  signing: string[];
  requestStyle: RequestStyle;
  commonParameters: ContractParam[];
  envelopes: { success: Record<string, unknown>; error: Record<string, unknown> };
  /** Common errors by role: missing-parameter, invalid-parameter, bad-signature, unknown-key, expired, nonce-reused, unknown-action, bad-version, bad-method, throttled, internal. */
  errors: Record<string, ErrorRef & { message: string; source?: string; codeN?: number }>;
  /** Codes after which a request may be retried (throttling, transient). */
  transientCodes: string[];
  /** How a real client reads each entity kind back through the vendor's own read call (runner/read-back.ts). */
  stateReads?: Record<string, StateReadSpec>;
  $file?: string;
  $lines?: Record<string, number>;
  $ledger?: Ledger;
  $evidence?: EvidenceView;
}

/**
 * Reading one entity kind back through a read call of the vendor (what the real clients poll). The
 * runner sends `operation` with `params` (`$id`: the entity's id, `$region`: the case's region) and
 * finds the entity in the answer: in the list at `items` (the element whose `id` field is the id) or
 * at `item`; `fields` maps world field names (the contracts' `after:` assertions) to answer fields.
 */
export interface StateReadSpec {
  operation: string;
  params: Record<string, unknown>;
  items?: string;
  item?: string;
  /** The id field of a list element (with `items`). */
  id?: string;
  fields: Record<string, string>;
  /** Answers that mean the entity is gone (besides an empty list): HTTP statuses and/or error codes. */
  gone?: { status?: number[]; codes?: string[] };
  /** World field values on the way to another state: keep polling (`status: [progressing]`). */
  transitional?: Record<string, string[]>;
  /** World field values that mean "being deleted": on the way out, for `exists: false` (still there for `exists: true`). */
  deleting?: Record<string, string[]>;
  /** Which clients read it this way, and the read call's page or model (repo + path + commit, or URL + date). */
  source: string;
}

// ---------------------------------------------------------------- calls on the wire

export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** Huawei only. */
  projectId?: string;
}

/** A logical call: what the case wants, before any vendor wire format. */
export interface OperationCall {
  vendor: Vendor;
  service: string;
  version: string;
  operation: string;
  region?: string;
  /** Logical param values: arrays for flat-lists, raw strings allowed for type violations. */
  params: Record<string, unknown>;
  /** Extra raw wire pairs appended as is (for malformed-wire cases). */
  rawParams?: [string, string][];
  /** Response format asked for (Alibaba `Format=XML`). */
  format?: 'JSON' | 'XML';
}

/** Protocol-level deviations a negative case may ask the signer/adapter to make. */
export interface ProtocolTweak {
  auth?: 'valid' | 'none' | 'bad-signature' | 'unknown-key' | 'expired' | 'reused-nonce';
  action?: string;
  version?: string;
  method?: string;
  /** Alibaba: which signing scheme to use (default ACS3). */
  scheme?: 'acs3' | 'rpc-v1';
}

export interface WireRequest {
  method: string;
  /** Path with the raw query string (`/?A=b`). */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The fields of an answer, normalised by the adapter so checks never parse vendor wire formats. */
export interface Answer {
  /** Absent when the client hides it (Volcengine SDK resolves every status). */
  status?: number;
  headers?: Record<string, string>;
  contentType?: string;
  raw?: string;
  /** Parsed body (JSON, or XML turned into an object). */
  body?: unknown;
  format?: 'json' | 'xml' | 'none' | 'other';
  /** Vendor error as the envelope carries it. */
  error?: { code?: string; message?: string };
  requestId?: string;
}

/** What every outcome may carry, answered or not. */
interface Sending {
  durationMs?: number;
  attempts?: number;
  /**
   * The exchange as it went on the wire, redacted and bounded, built only when asked (a failing or
   * inconclusive case, `replay`): adapters that see the wire set it; the runner falls back to the call.
   */
  exchange?: (limits?: { body: number; header: number; url: number }) => CaseExchange;
}

/** An outcome without an answer has none of the answer's fields (reading them gives undefined). */
type NoAnswer = { [K in keyof Answer]?: never };

export type TransportErrorKind = 'timeout' | 'connection' | 'throttled' | 'truncated' | 'other';

/** The target answered: the only outcome the answer checks judge. */
export interface Answered extends Answer, Sending { outcome: 'answered' }

/** The target could not answer (or a transient code outlived the retries): inconclusive, never a failure. */
export interface TransportError extends NoAnswer, Sending {
  outcome: 'transport-error';
  kind: TransportErrorKind;
  message: string;
  /** The answer given up on (a transient code after the last retry, a 5xx on a state-changing call). */
  last?: Answer;
}

/** The client refused to send it (SDK-side validation): judged by the `client-rejected` check alone. */
export interface ClientRejected extends NoAnswer, Sending {
  outcome: 'client-rejected';
  message: string;
  /**
   * The constraints the client declares it enforces (`Param.keyword`, an SDK binding's `enforces`);
   * a refusal passes only for one of these, or when it names the parameter.
   */
  enforced?: string[];
}

/**
 * Never sent, the case is skipped with the reason: `unsendable` (the client cannot express the
 * request, an SDK overrides the value), `refused` (the real-cloud safety guard: an unlisted resource id).
 */
export interface NotSent extends NoAnswer, Sending { outcome: 'unsendable' | 'refused'; message: string }

export type NotAnswered = TransportError | ClientRejected | NotSent;

/** What a target gave back for one call: `outcome` says which of the five cases, and so which fields exist. */
export type TargetResponse = Answered | NotAnswered;

/** One request as sent and what came back: secrets and account ids redacted, bodies bounded. */
export interface CaseExchange {
  /** Which call of the case: `call` (judged), `replay` (its second call). */
  label?: string;
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  /** What the target answered; absent when it did not (see `failure`). */
  response?: { status?: number; headers: Record<string, string>; body?: string };
  failure?: { kind: string; message: string };
  /** The target's client built the wire itself (SDK, module target): the request is the logical call. */
  logical?: boolean;
  /** Characters cut from bodies or headers over the bound kept per exchange. */
  truncated?: number;
}

// ---------------------------------------------------------------- cases

export type Expectation =
  /** `items`: per-item results of a batch answer, item id (or `$x.id`) -> its error code, null for none, `*` for any (contract `response.perItem`). */
  | { kind: 'success'; status?: number; items?: Record<string, string | null> }
  | { kind: 'error'; code: string; status?: number };

/**
 * What a negative case breaks: a schema keyword of a parameter, its presence (`required`), a reference
 * (`exists`, `id-format`), a cross-field dependency, or the protocol (`protocol`: no parameter; the
 * case's origin names the role).
 */
export const MUTATION_RULES = [
  'required', 'type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'format',
  'enum', 'const', 'minItems', 'maxItems', 'uniqueItems', 'not', 'exists', 'id-format', 'dependency', 'protocol',
] as const;
export type MutationRule = (typeof MUTATION_RULES)[number];
export interface Mutation { param?: string; rule: MutationRule; original?: unknown; value?: unknown; description: string }

/**
 * Where a case comes from, typed (set by the generators; nothing parses case ids or rule names):
 * - `parameter`: a boundary accepted or a constraint broken (`keyword`) of one parameter;
 * - `rule` / `dependency`: a scenario of a rule, a side of a cross-field dependency;
 * - `error-row`: a row of the error table, and the case whose stimulus provokes it;
 * - `operation`: the operation as a whole (positive requests, envelopes);
 * - `protocol`: a vendor profile's protocol case, with the role it provokes;
 * - `flow`: a real client's flow.
 */
export type CaseOrigin =
  | { kind: 'parameter'; param: string; keyword?: string }
  | { kind: 'rule'; rule: string; scenario: string }
  | { kind: 'dependency'; dependency: string }
  | { kind: 'error-row'; code: string; stimulus?: CaseOrigin }
  | { kind: 'operation' }
  | { kind: 'protocol'; role?: string }
  | { kind: 'flow'; flow: string };

/** What a case's expectation rests on (the evidence ledger): its keys, their sources, and the claims involved. */
export interface CaseEvidence {
  /** The expectation profile the case was generated under. */
  profile: ExpectProfile;
  /** Expectation keys (docs/evidence-format.md): `param:InstanceId.required`, `common:bad-signature`, ... */
  keys: string[];
  /** One line per source: `id: reference` (page, package@version path, repo@commit path, url). */
  sources: string[];
  /** Claims of the ledger (disputed or superseded) this expectation follows. */
  claims?: string[];
}

export interface Case {
  /** `<vendor>.<service>.<Operation>/<category>/<slug>`, stable across runs with the same seed. */
  id: string;
  contract: string;
  category: Category;
  title: string;
  /** Where the expectation comes from (contract file + line, and the page line). */
  source: SourceRef;
  docSource?: SourceRef;
  mutation?: Mutation;
  /** Where in the contract (or profile, or flow) the case comes from. */
  origin?: CaseOrigin;
  call: OperationCall;
  tweak?: ProtocolTweak;
  setup?: FixtureSpec[];
  expect: Expectation | Acceptable;
  /** The sources the expectation rests on (generated under an expectation profile). */
  evidence?: CaseEvidence;
  after?: StateAssertion[];
  then?: RuleScenario['then'];
  /** A read call's answer lists / leaves out these fixtures (`listed` check); with `pages`, over every page. */
  listed?: ListedExpectation;
  pages?: number;
  /** A real client's sequence (category client-flows, runner/flow.ts): `call` and `expect` are its first step's. */
  flow?: Flow;
  /** Changes or creates cloud resources (needs --allow-destructive on a real cloud). */
  destructive: boolean;
  /** Touches world state others read: run alone, not concurrently. */
  exclusive?: boolean;
  tags?: string[];
}

/**
 * One step of a client flow: a call (of any operation of the vendor in scope) judged like a case, its
 * answer's fields saved for later steps (`save: { group: SnapshotGroupId }` -> `$group.id`), or a poll
 * of the vendor's read call until an entity is gone, present, or has field values (runner/read-back.ts).
 */
export type FlowStep =
  | {
    title: string; call: string; params: Record<string, unknown>; expect: Expectation | Acceptable; save?: Record<string, string>;
    /** Sent with a protocol tweak (an unknown action, ...). */
    tweak?: ProtocolTweak;
    /** `with-token`: the client retries even an ambiguous failure (5xx, a cut connection), its token making that safe. */
    retry?: 'with-token';
    /** The client's own retry budget for this step (Terraform retries for minutes), whatever the run's `--retries`. */
    retries?: number;
    /** The answer's list at `path` has exactly `equals` elements (one resource after retries). */
    count?: { path: string; equals: number };
  }
  | { title: string; poll: { ref: string; kind: string; until: 'gone' | 'present' | Record<string, unknown> } }
  | { title: string; same: [string, string] };

/** A sequence taken from a real client's code (flows/<vendor>/*.yaml). */
export interface Flow {
  id: string;
  /** The client and where it does this: repository, path, commit. */
  source: string;
  steps: FlowStep[];
  /** The client signs every call and read so (Terraform's Alibaba client: the v1 HMAC-SHA1 RPC signature). */
  signing?: 'rpc-v1';
}

// ---------------------------------------------------------------- targets

/**
 * Every named check: checks/index.ts registers one function per name except `state` (run once per
 * case, on the world after the call), and its registry must match this list exactly (tsc enforces it).
 * Adapters name unobservable checks with this type, so a misspelt name does not compile.
 */
export type CheckName =
  | 'status' | 'error-code' | 'error-status' | 'envelope' | 'schema' | 'request-id' | 'content-type'
  | 'xml-json' | 'documented-values' | 'item-results' | 'request' | 'listed' | 'state' | 'same-as-first' | 'client-rejected';

export interface TargetCapabilities {
  fixtures: boolean;
  xml: boolean;
  /** Can send protocol tweaks (bad signatures, unknown actions). */
  tweaks: boolean;
  /**
   * Without `tweaks`, the signing cases the client can still express through its settings (an SDK:
   * a wrong secret, an unknown key, another signing scheme).
   */
  signing?: {
    auth?: NonNullable<ProtocolTweak['auth']>[];
    schemes?: NonNullable<ProtocolTweak['scheme']>[];
    /** Its generic API takes the action, version and HTTP method by name (Volcengine's `createAPI`, Alibaba's `callApi`). */
    byName?: boolean;
  };
  /** Check names this target cannot observe (an SDK hides headers or raw bodies): those checks are not run. */
  unobservable?: CheckName[];
  realCloud?: boolean;
}

export interface Fixtures {
  /** Create an entity in the target's world; returns its id. */
  create(vendor: Vendor, spec: FixtureSpec, resolved: Record<string, unknown>): Promise<string>;
  /** Read an entity back (undefined when it does not exist). */
  get(vendor: Vendor, kind: string, id: string): Promise<Record<string, unknown> | undefined>;
  reset?(): Promise<void>;
  /** Remove the entities a case created, and what hangs off them (the runner tidies up after each case). */
  remove?(vendor: Vendor, entities: { kind: string; id: string }[]): Promise<void>;
  /**
   * For kinds that are one per account (the Alibaba `account`: balance, quotas), capture the current
   * state before a fixture overwrites it; the returned function puts it back after the case.
   */
  preserve?(vendor: Vendor, kind: string): Promise<(() => Promise<void>) | undefined>;
  /**
   * Optional batch form, one round trip for many cases: first remove earlier cases' entities
   * (cascading, as `remove`), then create each set's fixtures in order, `$x.id` in a set's fields
   * resolving among that set's own fixtures. One answer per set, in order: its ids by `as`, or why
   * that set failed (the other sets are unaffected). Kinds `preserve` would capture are refused: the
   * runner keeps cases on account-wide state on the one-at-a-time path.
   */
  batch?(request: FixtureBatch): Promise<FixtureBatchAnswer[]>;
  /** The emulator's clock moved on (control API): lifecycles progress with no wait on the wall clock. */
  advanceClock?(ms: number): Promise<void>;
  /** false: `get` cannot read the target's state (a real cloud's fixtures file): state is read through the vendor's read calls. */
  readsState?: boolean;
}

export interface FixtureBatch {
  remove: { vendor: Vendor; entities: { kind: string; id: string }[] }[];
  create: { vendor: Vendor; specs: FixtureSpec[] }[];
}
export type FixtureBatchAnswer = { ids: Record<string, string> } | { error: string };

export interface Target {
  name: string;
  kind: string;
  capabilities: TargetCapabilities;
  /** Per-vendor capabilities where they differ (the Volcengine SDK hides HTTP status). */
  capabilitiesFor?(vendor: Vendor): TargetCapabilities;
  send(call: OperationCall, tweak?: ProtocolTweak): Promise<TargetResponse>;
  fixtures?: Fixtures;
  /**
   * send() or the fixtures read the running case (`currentCase()`, core/case-context.ts): the runner
   * then runs each case inside that context. Only on request: AsyncLocalStorage hooks every promise
   * of the process, about 8% of a loopback case.
   */
  caseAware?: boolean;
  close?(): Promise<void>;
}

// ---------------------------------------------------------------- results

export interface CheckResult {
  name: string;
  ok: boolean;
  expected?: unknown;
  actual?: unknown;
  message?: string;
  source?: SourceRef;
}

export interface CaseResult {
  id: string;
  contract: string;
  vendor: Vendor;
  operation: string;
  category: Category;
  title: string;
  verdict: Verdict;
  /** Why skipped / inconclusive / ambiguous. */
  reason?: string;
  expected: unknown;
  actual: unknown;
  checks: CheckResult[];
  source: SourceRef;
  mutation?: Mutation;
  /** What the expectation rests on: its keys, their sources, the claims it follows. */
  evidence?: CaseEvidence;
  /** Redacted, curl-like line that shows the request sent. */
  request?: string;
  durationMs: number;
  /** Differential mode (`--reference`): does the target answer as the reference did, volatile values normalised? */
  parity?: { verdict: 'agrees' | 'differs' | 'no-reference'; diff?: string };
  /** The wire exchange(s) of a failing or inconclusive case (redacted, bounded). */
  exchanges?: CaseExchange[];
}

/** A vendor the preflight probe stopped before its cases ran (cli: `run`). */
export interface PreflightStop {
  vendor: Vendor;
  kind: 'no-envelope' | 'credentials-rejected';
  message: string;
}

/** The results schema version this tool writes (schemas/results.schema.json); readers take 1 and 2. */
export const RESULTS_SCHEMA_VERSION = 2;
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, 2];

/**
 * The cases of a run as the reporters read them: in run order, iterated (possibly more than once) and
 * counted. An array is one; a run streamed to disk (reporters/ndjson.ts) is another, read back one
 * case at a time, so a 100k-case run is never held in memory at once.
 */
export interface CaseList extends Iterable<CaseResult> {
  readonly length: number;
  /** Each case is freshly parsed from JSON (a file-backed list): no undefined values, nothing shared. */
  readonly fromJson?: boolean;
}

/** `C`: the list the cases come in; an array unless the run streamed them to disk. */
export interface RunResults<C extends CaseList = CaseResult[]> {
  /** 2 adds `expect` and per-case `evidence` (the evidence ledger); files of version 1 are still read. */
  schemaVersion: 1 | 2;
  /** The expectation profile the cases were generated under (absent in version 1 files: before profiles). */
  expect?: ExpectProfile;
  tool: { name: 'cloud-api-conformance'; version: string };
  target: { name: string; kind: string };
  seed: number;
  depth: Depth;
  startedAt: string;
  durationMs: number;
  contracts: { id: string; file: string; sha256: string }[];
  /** Error rows no case aims at, with the reason. */
  uncovered: { contract: string; code: string; status: number; reason: string }[];
  shard?: { index: number; count: number };
  /** Stopped by Ctrl-C: `cases` holds the cases that finished. */
  interrupted?: boolean;
  /** The `run` flags that shape a case (target spec, mutants, contracts, profile...): re-run and replay commands use them. */
  rerunArgs?: string[];
  /** Vendors stopped by the preflight probe; their cases are skipped with the reason. */
  preflight?: PreflightStop[];
  cases: C;
}

/** A run as reporters accept it: its cases in memory or on disk. */
export type ReportableRun = RunResults<CaseList>;
