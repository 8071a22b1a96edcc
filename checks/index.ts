// The registry of named checks and the judge: which checks apply to a case, which verdict follows.
// Every pass or fail comes from a registered check, each tagged with the stage of the case it judges
// (client refusal, answer, state read back, replay); skipped and inconclusive come from the runner's
// stages. Verdict rules: a transport failure is inconclusive (never fail); a missing capability is
// skipped; an Acceptable matched by one alternative is pass-ambiguous; a client-side refusal of an
// invalid request passes (reason recorded).
import type { Case, CheckName, CheckResult, Expectation, ProtocolTweak, TargetResponse, Verdict } from '../core/types.ts';
import { VERDICTS } from '../core/types.ts';
import { ConformanceError, didYouMean } from '../core/errors.ts';
import { contentType } from './content-type.ts';
import { documentedValues, itemResults } from './documented-values.ts';
import { envelope } from './envelope.ts';
import { errorCode, errorStatus } from './error-code.ts';
import { requestId } from './request-id.ts';
import { clientRejected } from './client-rejected.ts';
import { listed } from './listed.ts';
import { sameAsFirst } from './same-as-first.ts';
import { request } from './request.ts';
import { schema } from './schema.ts';
import { stateChecks } from './state.ts';
import { status } from './status.ts';
import type { CheckFn, CheckInput, JudgeContext, Judgement } from './types.ts';
import { alternativesOf, isAcceptable } from '../core/expectations.ts';
import { xmlJson } from './xml-json.ts';
import { claimCitations } from './evidence.ts';

export type { CheckFn, CheckInput, CheckStage, JudgeContext, Judgement, StateAfter, StateRead } from './types.ts';
export { stateChecks } from './state.ts';

/** The checks of the `answer` stage: run once per accepted alternative, in this order. */
type AnswerCheckName = Exclude<CheckName, 'state' | 'same-as-first' | 'client-rejected'>;

/** Name -> check of the `answer` stage (run once per accepted alternative). */
export const CHECKS: Readonly<Record<AnswerCheckName, CheckFn>> = Object.freeze({
  status,
  'error-code': errorCode,
  'error-status': errorStatus,
  envelope,
  schema,
  'request-id': requestId,
  request,
  'content-type': contentType,
  'xml-json': xmlJson,
  'documented-values': documentedValues,
  'item-results': itemResults,
  listed,
} satisfies Record<AnswerCheckName, CheckFn>);

/** A registered check and its stage; `state` judges every `after:` assertion, so it gives a list. */
export type RegisteredCheck =
  | { stage: 'client' | 'answer' | 'replay'; check: CheckFn }
  | { stage: 'state'; check: (input: CheckInput) => CheckResult[] };

/** Every named check, with the stage it judges (tsc holds it to the CheckName union: no name missing or extra). */
export const REGISTRY: Readonly<Record<CheckName, RegisteredCheck>> = Object.freeze({
  'client-rejected': { stage: 'client', check: clientRejected },
  ...Object.fromEntries(Object.entries(CHECKS).map(([name, check]) => [name, { stage: 'answer', check }])) as Record<AnswerCheckName, RegisteredCheck>,
  state: { stage: 'state', check: ({ testCase, stateAfter, refs }) => stateChecks(testCase.after ?? [], stateAfter, refs) },
  'same-as-first': { stage: 'replay', check: sameAsFirst },
} satisfies Record<CheckName, RegisteredCheck>);
const isCheckName = (n: string): n is CheckName => Object.hasOwn(REGISTRY, n);

export const CHECK_NAMES: readonly CheckName[] = Object.keys(REGISTRY).filter(isCheckName);

/** Validate a list of check names (from the command line); unknown names are rejected with the valid ones listed. */
export function selectChecks(names: readonly string[]): CheckName[] {
  for (const n of names) {
    if (!isCheckName(n)) {
      const guess = didYouMean(n, CHECK_NAMES);
      throw new ConformanceError('E_OPTION', `unknown check "${n}"${guess ? ` (did you mean "${guess}"?)` : ''}; valid checks: ${CHECK_NAMES.join(', ')}`);
    }
  }
  return names.filter(isCheckName);
}

/** Whether a target can send this tweak: any, with `tweaks`; else only what its `signing` settings express. */
export function canSendTweak(t: ProtocolTweak | undefined, caps: JudgeContext['capabilities']): boolean {
  if (!t || caps.tweaks) return true;
  if ((t.action !== undefined || t.version !== undefined || t.method !== undefined) && !caps.signing?.byName) return false;
  if (t.auth && t.auth !== 'valid' && !caps.signing?.auth?.includes(t.auth)) return false;
  return !t.scheme || t.scheme === 'acs3' || !!caps.signing?.schemes?.includes(t.scheme);
}

/** Why this target cannot run this case, if it cannot. */
export function missingCapability(c: Case, caps: JudgeContext['capabilities']): string | undefined {
  if ((c.setup?.length || c.after?.length) && !caps.fixtures) return 'the target cannot create fixtures (the case needs a prepared world)';
  if (!canSendTweak(c.tweak, caps)) {
    return caps.signing
      ? 'the client signs every request itself: it cannot send protocol tweaks beyond what its settings express (a wrong secret, an unknown key, a signing scheme, an action by name)'
      : 'the target cannot send protocol tweaks (signature/action/version/method changes)';
  }
  if (c.call.format === 'XML' && !caps.xml) return 'the target cannot ask for or parse XML answers';
  return undefined;
}

type Stage = RegisteredCheck['stage'];
/** Each stage's checks in registry order, names and functions side by side (the judge runs per case, per alternative). */
const STAGE_LISTS = new Map<Stage, { names: CheckName[]; fns: RegisteredCheck['check'][] }>();
for (const name of CHECK_NAMES) {
  const entry = REGISTRY[name];
  let list = STAGE_LISTS.get(entry.stage);
  if (!list) STAGE_LISTS.set(entry.stage, (list = { names: [], fns: [] }));
  list.names.push(name);
  list.fns.push(entry.check);
}

/** The checks of one stage that apply, in registry order; `wanted` is undefined when every check is. */
function runStage(stage: Stage, input: CheckInput, wanted: ((name: CheckName) => boolean) | undefined): CheckResult[] {
  const out: CheckResult[] = [];
  const list = STAGE_LISTS.get(stage);
  if (!list) return out;
  const { names, fns } = list;
  for (let i = 0; i < fns.length; i++) {
    if (wanted && !wanted(names[i]!)) continue;
    const r = fns[i]!(input);
    if (Array.isArray(r)) out.push(...r);
    else if (r) out.push(r);
  }
  return out;
}

const describe = (e: Expectation) => (e.kind === 'success' ? `success${e.status ? ` ${e.status}` : ''}` : `${e.code}${e.status ? ` ${e.status}` : ''}`);

const worse = (a: Verdict, b: Verdict): Verdict => (VERDICTS.indexOf(a) <= VERDICTS.indexOf(b) ? a : b);

/**
 * Judge a case: its answer (or the client's refusal), the state read back after it, and, for an
 * idempotency scenario, its replay (`ctx.replay`, the second call's answer).
 */
export function judge(testCase: Case, response: TargetResponse, ctx: JudgeContext): Judgement {
  const first = judgeAnswer(testCase, response, ctx);
  if (!ctx.replay || !testCase.then || (first.verdict !== 'pass' && first.verdict !== 'pass-ambiguous')) return first;
  let verdict: Verdict = first.verdict;
  let reason = first.reason;
  const checks = [...first.checks];
  const thenCase: Case = { ...testCase, expect: testCase.then.expect, after: undefined, tweak: undefined, then: undefined };
  const second = judgeAnswer(thenCase, ctx.replay, { ...ctx, stateAfter: undefined, replay: undefined });
  for (const r of second.checks) checks.push({ ...r, name: `then:${r.name}` });
  if (second.verdict !== 'inconclusive') {
    const same = runStage('replay', { ...inputOf(testCase, ctx.replay, ctx), first: response }, wantedBy(ctx));
    for (const r of same) checks.push({ ...r, name: `then:${r.name}` });
    if (same.some((r) => !r.ok) && second.verdict !== 'skipped') return { verdict: 'fail', checks, reason: 'replay with the same token answered differently from the first call' };
  }
  verdict = worse(verdict, second.verdict);
  if (second.reason && second.verdict !== 'pass') reason = `replay: ${second.reason}`;
  return { verdict, checks, ...(reason ? { reason } : {}) };
}

/** Selected by --checks, and observable by this target (an SDK hides headers, raw bodies); undefined: every check. */
function wantedBy(ctx: JudgeContext): ((name: CheckName) => boolean) | undefined {
  const only = ctx.checks ? new Set(selectChecks(ctx.checks)) : undefined;
  const hidden = ctx.capabilities.unobservable;
  return only || hidden?.length ? (name: CheckName) => (!only || only.has(name)) && !hidden?.includes(name) : undefined;
}

function inputOf(testCase: Case, response: TargetResponse, ctx: JudgeContext): CheckInput {
  const alternatives = alternativesOf(testCase.expect);
  return {
    contract: ctx.contract, profile: ctx.profile, capabilities: ctx.capabilities, stateAfter: ctx.stateAfter, refs: ctx.refs, pages: ctx.pages,
    testCase, response, expectation: alternatives[0]!,
  };
}

/** One answer (or the client's refusal of the request), then the state read back after it. */
function judgeAnswer(testCase: Case, response: TargetResponse, ctx: JudgeContext): Judgement {
  if (response.outcome === 'transport-error') return { verdict: 'inconclusive', checks: [], reason: `${response.kind}: ${response.message}` };
  const missing = missingCapability(testCase, ctx.capabilities);
  if (missing) return { verdict: 'skipped', checks: [], reason: missing };
  if (response.outcome === 'unsendable') return { verdict: 'skipped', checks: [], reason: `the client cannot send this request: ${response.message}` };
  if (response.outcome === 'refused') return { verdict: 'skipped', checks: [], reason: `refused by the real-cloud guard: ${response.message}` };
  const alternatives = alternativesOf(testCase.expect);
  const refused = response.outcome === 'client-rejected';
  // a refusal by the client is always judged (no answer to select checks on)
  const wanted = refused ? undefined : wantedBy(ctx);
  // One input for every alternative (the judge runs once per case: no copy per alternative).
  const input = inputOf(testCase, response, ctx);
  let best: CheckResult[] | undefined;
  let bestFailures = Infinity;
  let matched: Expectation | undefined;
  for (const expectation of alternatives) {
    input.expectation = expectation;
    const results = runStage(refused ? 'client' : 'answer', input, wanted);
    let failures = 0;
    for (const r of results) if (!r.ok) failures++;
    if (failures < bestFailures) { best = results; bestFailures = failures; }
    if (failures === 0) { matched = expectation; best = results; break; }
  }
  const checks = best ?? [];
  if (refused) {
    return matched
      ? { verdict: 'pass', checks, reason: `rejected client-side: ${response.message}` }
      : { verdict: 'fail', checks, reason: `the client refused a valid request: ${response.message}` };
  }
  if (testCase.after?.length) checks.push(...runStage('state', input, wanted));
  const failed = checks.filter((r) => !r.ok);
  if (failed.length > 0 || !matched) {
    const src = `${testCase.source.file}${testCase.source.line ? `:${testCase.source.line}` : ''}`;
    const exp = alternatives.map(describe).join(' or ');
    const got = response.error?.code ? `${response.error.code}${response.status !== undefined ? ` ${response.status}` : ''}` : response.status !== undefined ? `HTTP ${response.status}` : 'an answer';
    const cited = claimCitations(testCase, ctx.contract, ctx.profile);
    return { verdict: 'fail', checks, reason: `expected ${exp} (${src}), got ${got}: ${failed.map((f) => f.message ?? f.name).join('; ')}${cited.length ? ` [${cited.join(' | ')}]` : ''}` };
  }
  if (isAcceptable(testCase.expect)) {
    return { verdict: 'pass-ambiguous', checks, reason: `${testCase.expect.note}: matched ${describe(matched)} (one of ${alternatives.map(describe).join(', ')})` };
  }
  return { verdict: 'pass', checks };
}
