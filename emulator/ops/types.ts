// The domain boundary: an operation handler takes validated logical values and the world,
// and answers a body or an error. Synchronous on purpose: validate-then-mutate is atomic.
import type { Contract, Credentials, ProtocolProfile, Vendor } from '../../core/types.ts';
import type { Deviations } from '../deviations.ts';
import type { Store } from '../state/store.ts';
import type { OpError } from '../validate/errors.ts';
import type { Values } from '../validate/params.ts';

export type { OpError };

export type OpResult =
  | { status: number; body: unknown | null; error?: undefined }
  | { status: number; error: OpError; body?: undefined };

export interface OpContext {
  vendor: Vendor;
  store: Store;
  contract: Contract;
  profile?: ProtocolProfile;
  now: number;
  requestId: string;
  region?: string;
  accessKeyId?: string;
  credentials?: Credentials;
  deviations: Deviations;
  snapshotCreationMs: number;
  /** How long a deleted resource stays in its deleting status on the emulator clock (store.startDeleting). */
  deletionMs: number;
  /**
   * The error of a violated rule: the contract rule's `error` when the contract has rule `ruleId`,
   * else `code` with status/message from the contract's error table.
   */
  fail(ruleId: string, code: string, status?: number, message?: string): { status: number; error: OpError };
  /** A vendor profile role (`unknown-region`, `invalid-parameter`, ...). */
  role(role: string, param?: string): { status: number; error: OpError };
}

export type OpHandler = (values: Values, ctx: OpContext) => OpResult;

/**
 * A handler over its operation's typed input (ops/wire-types.ts). The validator has converted the
 * values to the contract's types before any handler runs, which is what this one cast states.
 */
export function typedHandler<I>(h: (values: I, ctx: OpContext) => OpResult): OpHandler {
  return h as unknown as OpHandler;
}
