// The domain boundary: an operation handler takes validated logical values and the world,
// and answers a body or an error. Synchronous on purpose: validate-then-mutate is atomic.
//
// A handler is written as the docs say. It declares, as data, what a deviation may change in it
// (emulator/deviations.ts): the contract rules it checks (`rules`, each checked through `ctx.check`
// or `ctx.violates`, so a deviation can skip it), its decision points with their reference values
// (`points`, read with `ctx.point`), and whether it shows entities (`reads`: `ctx.shows` may hide
// some). It never names a deviation.
import type { Contract, Credentials, ProtocolProfile, Vendor } from '../../core/types.ts';
import type { Store } from '../state/store.ts';
import type { OpError } from '../validate/errors.ts';
import type { Values } from '../validate/params.ts';

export type { OpError };

export type OpResult =
  | { status: number; body: unknown | null; error?: undefined }
  | { status: number; error: OpError; body?: undefined };

export type Failure = { status: number; error: OpError };

/** A handler's decision points and their reference values (JSON-like data). */
export type Points = Record<string, unknown>;

export interface OpContext<R extends string = string, P extends Points = Points> {
  vendor: Vendor;
  store: Store;
  contract: Contract;
  profile?: ProtocolProfile;
  now: number;
  requestId: string;
  region?: string;
  accessKeyId?: string;
  credentials?: Credentials;
  snapshotCreationMs: number;
  /** How long a deleted resource stays in its deleting status on the emulator clock (store.startDeleting). */
  deletionMs: number;
  /**
   * The error of a violated rule: the contract rule's `error` when the contract has rule `ruleId`,
   * else `code` with status/message from the contract's error table.
   */
  fail(ruleId: string, code: string, status?: number, message?: string): Failure;
  /** A vendor profile role (`unknown-region`, `invalid-parameter`, ...). */
  role(role: string, param?: string): Failure;
  /** Rule `rule` checked: its failure (as `fail`) when `violated` and the rule is enforced, else undefined. */
  check(rule: R, violated: boolean, code: string, status?: number, message?: string): Failure | undefined;
  /** True when `violated` and rule `rule` is enforced (for rules whose answer is not `fail`'s). */
  violates(rule: R, violated: boolean): boolean;
  /** Limit rule `rule`: its failure when `count` is over `limit` (as the emulator plays it) and the rule is enforced. */
  exceeds(rule: R, count: number, limit: number, code: string, status?: number): Failure | undefined;
  /** Whether a read shows this entity (every entity, unless a deviation hides its status). */
  shows(entity: Readonly<Record<string, unknown>>): boolean;
  /** The value of decision point `name`: the handler's reference value unless a deviation sets another. */
  point<K extends keyof P & string>(name: K): P[K];
}

export type OpHandler = (values: Values, ctx: OpContext) => OpResult;

/** A handler with what deviations may change in it declared (see the top of this file). */
export interface HandlerSpec<I, R extends string, P extends Points> {
  /** The rules it checks through `ctx.check`/`violates`/`exceeds` (ids of its contract's rules where it has them). */
  rules: readonly R[];
  /** Its decision points with their reference values. */
  points?: P;
  /** It shows entities through `ctx.shows` (a read call). */
  reads?: boolean;
  handle(values: I, ctx: OpContext<R, P>): OpResult;
}

/** A handler as the engine keeps it: its declarations, its input and context types erased. */
export interface OpSpec {
  rules: readonly string[];
  points: Points;
  reads: boolean;
  handle: OpHandler;
}

/**
 * A handler over its operation's typed input (ops/wire-types.ts), its rules and points typed from
 * its declarations. The validator has converted the values to the contract's types before any
 * handler runs, which is what this one cast states.
 */
export function defineHandler<I, R extends string, P extends Points = Record<never, never>>(spec: HandlerSpec<I, R, P>): OpSpec {
  return { rules: spec.rules, points: spec.points ?? {}, reads: spec.reads === true, handle: spec.handle as unknown as OpHandler };
}

/** A plain handler function (a user's, README "Add an operation"): no rules or points declared. */
export function specOf(h: OpHandler | OpSpec): OpSpec {
  return typeof h === 'function' ? { rules: [], points: {}, reads: false, handle: h } : h;
}
