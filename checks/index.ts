// The registry of named checks and the judge: which checks apply to a case, which verdict follows.
// Verdict rules: a transport failure is inconclusive (never fail); a missing capability is skipped;
// an Acceptable matched by one alternative is pass-ambiguous; a client-side refusal of an invalid
// request passes (reason recorded).
import type { Case, CheckName, CheckResult, Expectation, TargetResponse } from '../core/types.ts';
import { ConformanceError, didYouMean } from '../core/errors.ts';
import { contentType } from './content-type.ts';
import { documentedValues, itemResults } from './documented-values.ts';
import { envelope } from './envelope.ts';
import { errorCode, errorStatus } from './error-code.ts';
import { requestId } from './request-id.ts';
import { listed } from './listed.ts';
import { request } from './request.ts';
import { schema } from './schema.ts';
import { stateChecks } from './state.ts';
import { status } from './status.ts';
import type { CheckFn, CheckInput, JudgeContext, Judgement } from './types.ts';
import { alternativesOf, isAcceptable } from '../core/expectations.ts';
import { xmlJson } from './xml-json.ts';
import { claimCitations } from './evidence.ts';

export type { CheckFn, CheckInput, JudgeContext, Judgement, StateAfter, StateRead } from './types.ts';
export { stateChecks } from './state.ts';

/**
 * Name -> check, run once per accepted alternative. `state` is not in it: it judges the world after
 * the call (the case's `after`), the same whichever alternative matched, so the judge runs it once;
 * it is selected and hidden by name like the others.
 */
export const CHECKS: Readonly<Record<Exclude<CheckName, 'state'>, CheckFn>> = Object.freeze({
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
} satisfies Record<Exclude<CheckName, 'state'>, CheckFn>);
export const CHECK_NAMES: readonly CheckName[] = [...(Object.keys(CHECKS) as Exclude<CheckName, 'state'>[]), 'state'];

const isCheckName = (n: string): n is CheckName => (CHECK_NAMES as readonly string[]).includes(n);

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

/** Why this target cannot run this case, if it cannot. */
export function missingCapability(c: Case, caps: JudgeContext['capabilities']): string | undefined {
  if ((c.setup?.length || c.after?.length) && !caps.fixtures) return 'the target cannot create fixtures (the case needs a prepared world)';
  const t = c.tweak;
  if (t && (t.auth && t.auth !== 'valid' || t.action !== undefined || t.version !== undefined || t.method !== undefined || t.scheme !== undefined) && !caps.tweaks) {
    return 'the target cannot send protocol tweaks (signature/action/version/method changes)';
  }
  if (c.call.format === 'XML' && !caps.xml) return 'the target cannot ask for or parse XML answers';
  return undefined;
}

const CHECK_LIST = Object.entries(CHECKS) as [Exclude<CheckName, 'state'>, CheckFn][];

/** The checks that apply, in registry order; `wanted` is undefined when every check is. */
function runChecks(input: CheckInput, wanted: ((name: CheckName) => boolean) | undefined): CheckResult[] {
  const out: CheckResult[] = [];
  for (const [name, check] of CHECK_LIST) {
    if (wanted && !wanted(name)) continue;
    const r = check(input);
    if (r) out.push(r);
  }
  return out;
}

const describe = (e: Expectation) => (e.kind === 'success' ? `success${e.status ? ` ${e.status}` : ''}` : `${e.code}${e.status ? ` ${e.status}` : ''}`);

export function judge(testCase: Case, response: TargetResponse, ctx: JudgeContext): Judgement {
  if (response.transportError) {
    return { verdict: 'inconclusive', checks: [], reason: `${response.transportError.kind}: ${response.transportError.message}` };
  }
  const missing = missingCapability(testCase, ctx.capabilities);
  if (missing) return { verdict: 'skipped', checks: [], reason: missing };
  if (response.unsendable !== undefined) return { verdict: 'skipped', checks: [], reason: `the client cannot send this request: ${response.unsendable}` };
  const alternatives = alternativesOf(testCase.expect);
  if (response.clientRejected !== undefined) {
    const anyError = alternatives.some((a) => a.kind === 'error');
    return anyError
      ? { verdict: 'pass', checks: [{ name: 'client-rejected', ok: true, actual: response.clientRejected }], reason: `rejected client-side: ${response.clientRejected}` }
      : { verdict: 'fail', checks: [{ name: 'client-rejected', ok: false, expected: 'sent and accepted', actual: response.clientRejected, source: testCase.source }], reason: `the client refused a valid request: ${response.clientRejected}` };
  }
  const only = ctx.checks ? new Set(selectChecks(ctx.checks)) : undefined;
  const hidden = ctx.capabilities.unobservable;
  // Selected by --checks, and observable by this target (an SDK hides headers, raw bodies).
  const wanted = only || hidden?.length ? (name: CheckName) => (!only || only.has(name)) && !hidden?.includes(name) : undefined;
  // One input for every alternative (the judge runs once per case: no copy per alternative).
  const input: CheckInput = {
    contract: ctx.contract, profile: ctx.profile, capabilities: ctx.capabilities, stateAfter: ctx.stateAfter, refs: ctx.refs, pages: ctx.pages,
    testCase, response, expectation: alternatives[0]!,
  };
  let best: CheckResult[] | undefined;
  let bestFailures = Infinity;
  let matched: Expectation | undefined;
  for (const expectation of alternatives) {
    input.expectation = expectation;
    const results = runChecks(input, wanted);
    let failures = 0;
    for (const r of results) if (!r.ok) failures++;
    if (failures < bestFailures) { best = results; bestFailures = failures; }
    if (failures === 0) { matched = expectation; best = results; break; }
  }
  const checks = best ?? [];
  if (testCase.after?.length && (!wanted || wanted('state'))) checks.push(...stateChecks(testCase.after, ctx.stateAfter, ctx.refs));
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
