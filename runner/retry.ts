// Sending one case's call: a per-attempt deadline, then bounded retries with exponential backoff
// and full jitter on transport errors and on the vendor's transient codes (profile transientCodes).
// After the last retry the answer is a transport error, which the judge turns into `inconclusive`,
// never `fail`.
//
// State-changing calls are not retried blindly. A call that may have taken effect before it
// failed (the connection dropped or the body was cut after the server acted, the deadline passed
// while the server was still working, a 5xx/InternalError) is *ambiguous*: retrying it would judge
// a different world (the retried DeleteSnapshot sees "not found"). For a case that changes state
// (`Case.destructive`) such a failure is not retried: the case is inconclusive, with the reason.
// Only failures that prove the request was not acted on are retried for those cases: throttling
// answers (the vendor refused before acting) and connections that were never established.
import type { Acceptable, Answer, Case, Expectation, ProtocolProfile, Target, TargetResponse, TransportError } from '../core/types.ts';
import { alternativesOf } from '../core/expectations.ts';
import { errorMessage } from '../core/errors.ts';
import { answerFields } from '../core/outcome.ts';

export interface RetryOptions {
  /** Per attempt; past it the answer is a timeout (inconclusive). Default 30 s; 0 disables. */
  timeoutMs?: number;
  /** Extra attempts after a transport error or a transient code. Default 2. */
  retries?: number;
  /** First backoff delay; doubles each retry (capped by maxBackoffMs), with jitter. Default 100 ms. */
  backoffMs?: number;
  /** Upper bound of one backoff delay. Default 10 s. */
  maxBackoffMs?: number;
  /** Random source for the jitter (tests pass a seeded one). */
  random?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 2;
export const DEFAULT_BACKOFF_MS = 100;
export const DEFAULT_MAX_BACKOFF_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Throttling codes: the vendor refused before acting, always safe to retry. */
const THROTTLING = /thrott|flowlimit|ratelimit|too.?many|APIGW\.0308|RequestLimitExceeded/i;

/** Backoff before retry `attempt` (0-based): exponential, capped, "equal jitter" (half fixed, half random). */
export function backoffDelay(attempt: number, opts: RetryOptions = {}): number {
  const base = opts.backoffMs ?? DEFAULT_BACKOFF_MS;
  const cap = opts.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
  const exp = Math.min(cap, base * 2 ** attempt);
  return exp / 2 + (opts.random ?? Math.random)() * (exp / 2);
}

export function sendOnce(target: Target, c: Case, params: Record<string, unknown>, timeoutMs: number): Promise<TargetResponse> {
  const call = params === c.call.params ? c.call : { ...c.call, params };
  const started = performance.now();
  const threw = (e: unknown): TargetResponse => ({ outcome: 'transport-error', kind: 'other', message: `target threw: ${errorMessage(e)}`, durationMs: performance.now() - started });
  // One promise settled by whichever comes first, the answer or the deadline (no Promise.race per call).
  return new Promise<TargetResponse>((resolve) => {
    const timer = timeoutMs > 0
      ? setTimeout(() => resolve({ outcome: 'transport-error', kind: 'timeout', message: `no answer within ${timeoutMs} ms`, durationMs: performance.now() - started }), timeoutMs)
      : undefined;
    const done = (r: TargetResponse) => { if (timer) clearTimeout(timer); resolve(r); };
    try {
      Promise.resolve(target.send(call, c.tweak)).then(done, (e: unknown) => done(threw(e))); // a plain value from a module target too
    } catch (e) {
      done(threw(e));
    }
  });
}

export type Failure =
  | { retry: false }
  | { retry: true; ambiguous: boolean; what: string };

/** Is this answer a failure worth retrying, and could the request have taken effect before it? */
export function classify(res: TargetResponse, transientCodes: readonly string[], expectedCodes: ReadonlySet<string> | (() => ReadonlySet<string>)): Failure {
  if (res.outcome === 'refused' || res.outcome === 'client-rejected') return { retry: false };
  if (res.outcome === 'transport-error') {
    const { kind, message } = res;
    // Never connected: nothing was sent. Throttled (from a client-side limiter): not sent either.
    const notSent = kind === 'throttled' || (kind === 'connection' && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|CONNECT_TIMEOUT/.test(message));
    return { retry: true, ambiguous: !notSent, what: `${kind}: ${message}` };
  }
  const code = res.error?.code;
  if (code !== undefined && transientCodes.includes(code) && !(typeof expectedCodes === 'function' ? expectedCodes() : expectedCodes).has(code)) {
    return { retry: true, ambiguous: !THROTTLING.test(code), what: `${code}${res.status !== undefined ? ` ${res.status}` : ''}` };
  }
  return { retry: false };
}

/**
 * Send with bounded retries. A transient code still there after the last retry becomes a
 * `throttled` transport error (inconclusive). `stateChanging` cases stop at the first ambiguous
 * failure (see the file comment).
 */
export async function sendWithRetries(
  target: Target, c: Case, params: Record<string, unknown>, expect: Expectation | Acceptable,
  profile: ProtocolProfile | undefined, opts: RetryOptions & { stateChanging?: boolean; retryServerErrors?: boolean },
): Promise<TargetResponse> {
  const retries = opts.retries ?? DEFAULT_RETRIES;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transient = profile?.transientCodes ?? [];
  // Only needed when a transient code comes back: built then, not for every call.
  let expectedSet: Set<string> | undefined;
  const expected = () => (expectedSet ??= new Set(alternativesOf(expect).map((e) => (e.kind === 'error' ? e.code : ''))));
  const stateChanging = opts.stateChanging ?? c.destructive;
  for (let attempt = 0; ; attempt++) {
    const res = await sendOnce(target, c, params, timeoutMs);
    let f = classify(res, transient, expected);
    // a client retrying with its token retries any server error (Terraform's NeedRetry on 5xx), unless that error is expected
    if (!f.retry && opts.retryServerErrors && (res.status ?? 0) >= 500 && !expected().has(res.error?.code ?? '')) {
      f = { retry: true, ambiguous: true, what: `${res.error?.code ?? 'HTTP'} ${res.status}` };
    }
    if (!f.retry) { res.attempts = attempt + 1; return res; }
    if (stateChanging && f.ambiguous) {
      const why = `ambiguous failure on a state-changing call (${f.what}); not retried: the request may have taken effect, so a retry would judge a different world`;
      return givenUp(res, attempt + 1, res.outcome === 'transport-error' ? res.kind : 'other', why);
    }
    if (attempt >= retries) {
      return res.outcome === 'transport-error'
        ? { ...res, attempts: attempt + 1, message: `${res.message} (after ${attempt + 1} attempts)` }
        : givenUp(res, attempt + 1, 'throttled', `${res.error?.code} after ${attempt + 1} attempts`);
    }
    await sleep(backoffDelay(attempt, opts));
  }
}

/** The failure a retried call ends in; an answer given up on (a transient code, a 5xx) is kept as `last`. */
function givenUp(res: TargetResponse, attempts: number, kind: TransportError['kind'], message: string): TransportError {
  const { durationMs, exchange } = res;
  const last: Answer | undefined = res.outcome === 'answered' ? answerFields(res) : res.outcome === 'transport-error' ? res.last : undefined;
  return { outcome: 'transport-error', kind, message, attempts, ...(durationMs !== undefined ? { durationMs } : {}), ...(exchange ? { exchange } : {}), ...(last ? { last } : {}) };
}

