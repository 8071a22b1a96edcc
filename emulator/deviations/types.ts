// One idea, one name: a deviation is a named change to the reference emulator, switched on at start
// (`createEmulator({ mutants })`, `--mutant`). A `mutant` is a deviation the suite must fail (through
// a case of its `expectedCategory`); a `variant` is a conforming alternative the suite must pass.
// Hand-written ones are in catalogue.ts; ledger.ts and listing.ts derive more from the contracts.
//
// What a deviation changes (`apply`) is data, applied at the decision points the handlers and the
// HTTP pipeline declare (emulator/ops/types.ts HandlerSpec, emulator/http/pipeline.ts):
// - `skips`: rules not enforced (ids a handler declares in `rules`; `*`: the pipeline's);
// - `limits`: a limit rule off by some amount (`{ 'max-ten-disks': 1 }`: 11 accepted);
// - `set`: decision points given another value than the handler's reference one;
// - `ignores`: request parameters the operation does not read;
// - `hides`: statuses whose entities a read call leaves out;
// - `neverSettles`: a lifecycle that never completes on the emulator clock (creation, deletion);
// - `params`: a patch of the contract's parameter schema, used only for the emulator's validators;
// - `response`: post-processing of the wire answer (envelope, field, status and code rewrites).
import type { ExpectProfile } from '../../core/evidence.ts';
import type { Category, Vendor, WireResponse } from '../../core/types.ts';

export interface ParamPatch {
  /** Keys set here replace the contract's; a key set to undefined is removed. */
  schema?: Record<string, unknown>;
  required?: boolean;
}

/** What the listener knows about an answer when it offers it to a `response` rewrite. */
export interface ResponseInfo {
  vendor: Vendor;
  operation?: string;
  /** The error code, when the answer is an error. */
  code?: string;
  /** The expectation key the error enforces (`rule:<id>`, `param:<name>.<keyword>`, `common:<role>`). */
  about?: string;
}

export type Rewrite = (res: WireResponse, info: ResponseInfo) => WireResponse;

/** Lifecycles that settle on the emulator clock: a snapshot being created, a resource being deleted. */
export const LIFECYCLES = ['creation', 'deletion'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export interface DeviationApply {
  skips?: readonly string[];
  limits?: Readonly<Record<string, number>>;
  set?: Readonly<Record<string, unknown>>;
  ignores?: readonly string[];
  hides?: readonly string[];
  neverSettles?: readonly Lifecycle[];
  params?: Record<string, ParamPatch>;
  response?: Rewrite;
}

export type DeviationKind = 'mutant' | 'variant';

export interface Deviation {
  name: string;
  kind: DeviationKind;
  description: string;
  vendor: Vendor;
  /** The contract's operation name, or `*`: every operation of the vendor and its HTTP pipeline. */
  operation: string;
  /**
   * A mutant's case category expected to catch it (a kill only by other categories is "weak").
   * Absent on a ledger mutant: `npm run mutants` takes the category of the cases resting on its claim.
   */
  expectedCategory?: Category;
  /**
   * The behaviour profiles under which it deviates (absent: both). `npm run mutants` runs it only
   * there, the suite expecting the same profile: what the page forbids, today's cloud may allow.
   */
  profiles?: readonly ExpectProfile[];
  /** Derived from an evidence ledger's disputed claim: its id and the expectation key it is about. */
  claim?: { id: string; about: string };
  apply: DeviationApply;
}

/** A mutant with its expected category (every catalogue mutant; a ledger mutant once planned). */
export type Mutant = Deviation & { kind: 'mutant'; expectedCategory: Category };
