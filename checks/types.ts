// What every check sees and returns. A check is a small named function: it returns its result, or
// undefined when it does not apply to this case (a status check when the client hides the status).
import type {
  Case, CheckResult, Contract, Expectation, ProtocolProfile, TargetCapabilities, TargetResponse, Verdict,
} from '../core/types.ts';

/** State read back after the call through the target's fixtures, per `after[].ref`. */
export interface StateRead {
  kind: string;
  id?: string;
  /** undefined: the entity does not exist. */
  entity?: Record<string, unknown>;
  /** The read itself failed (unknown ref, fixture error). */
  error?: string;
  /** No read call in scope shows this kind (an image): not judged, listed on the case. */
  unobservable?: string;
  /** Still on the way (a transitional status) when the settle bound was reached: the case is inconclusive. */
  unsettled?: string;
  /** How it was read: the control API (default) or the vendor's read call, and in how many reads. */
  via?: 'control' | 'read-call';
  polls?: number;
}
export type StateAfter = Record<string, StateRead>;

export interface JudgeContext {
  contract: Contract;
  profile?: ProtocolProfile;
  capabilities: TargetCapabilities;
  stateAfter?: StateAfter;
  /** Fixture ids by `as`, to resolve `$x.id` in expected state fields. */
  refs?: Record<string, string>;
  /** A paging case's later pages (runner/pages.ts), and why paging stopped early, if it did. */
  pages?: { more: TargetResponse[]; problem?: string };
  /** The answer to the scenario's second call (`then:`, an idempotent replay): judged as a stage of the case. */
  replay?: TargetResponse;
  /** Restrict to these check names (validated against the registry). */
  checks?: string[];
}

/** What one check sees: the judge's context (less the check selection), the case, the answer, one alternative. */
export interface CheckInput extends Omit<JudgeContext, 'checks' | 'replay'> {
  testCase: Case;
  response: TargetResponse;
  /** Stage `replay`: the first call's answer (`response` is then the replay's). */
  first?: TargetResponse;
  /** The one alternative being tried. */
  expectation: Expectation;
}

export type CheckFn = (input: CheckInput) => CheckResult | undefined;

/**
 * The stage of a case a check judges: `client` (the client refused to send: instead of the answer
 * checks), `answer` (the answer, once per accepted alternative), `state` (the world read back after
 * the call, once), `replay` (the second call of an idempotency scenario).
 */
export type CheckStage = 'client' | 'answer' | 'state' | 'replay';

export interface Judgement { verdict: Verdict; checks: CheckResult[]; reason?: string }
