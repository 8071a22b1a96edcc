// A client flow (category client-flows): a real client's sequence of calls and polls, run as one case.
// Each call step is judged by the registered checks exactly as a case of that operation would be;
// each poll step reads the vendor's read call until the entity is gone / present / has the fields
// (read-back.ts). The flow stops at the first step that fails or gives no judgeable answer.
//   first failing step              -> fail, naming the step;
//   no answer, or a poll that never settles -> inconclusive;
//   every step passes               -> pass (pass-ambiguous if a step's answer was one of several accepted).
import type { Case, CheckResult, Contract, Flow, FlowStep, OperationCall, ProtocolProfile, StateAssertion, Target, TargetResponse, Verdict } from '../core/types.ts';
import { VERDICTS } from '../core/types.ts';
import { resolveRefs } from '../core/refs.ts';
import { canSendTweak, judge } from '../checks/index.ts';
import { stateChecks } from '../checks/state.ts';
import type { LoadedContracts } from '../core/contracts.ts';
import { fieldAt, fixtureRegions, readStateThroughReadCalls } from './read-back.ts';
import { sendWithRetries, type RetryOptions } from './retry.ts';
import { saltTokens } from './tokens.ts';
import { errorMessage } from '../core/errors.ts';
import { answerSeen } from '../core/outcome.ts';

export interface FlowOptions extends RetryOptions {
  loaded: LoadedContracts;
  checks?: string[];
  runSalt?: string;
  settleTimeoutMs?: number;
  /** As for after-state (runner/index.ts): `auto` polls the emulator through its control API, any other target through its read calls. */
  stateVia?: 'auto' | 'control' | 'read-calls';
}

export interface FlowOutcome {
  verdict: Verdict;
  reason?: string;
  checks: CheckResult[];
  /** One line per step run: what it sent or read, and how it ended. */
  steps: string[];
}

const worse = (a: Verdict, b: Verdict): Verdict => (VERDICTS.indexOf(a) <= VERDICTS.indexOf(b) ? a : b);

/** Run `c.flow` with the case's fixtures already made (`refs`, `kinds` by fixture `as`). */
export async function runFlow(
  c: Case & { flow: Flow }, target: Target, profile: ProtocolProfile | undefined, opts: FlowOptions,
  refs: Record<string, string>, kinds: Record<string, string>,
): Promise<FlowOutcome> {
  const caps = target.capabilitiesFor?.(c.call.vendor) ?? target.capabilities;
  const ids = { ...refs };
  const known = { ...kinds };
  const checks: CheckResult[] = [];
  const steps: string[] = [];
  let verdict: Verdict = 'pass';
  let last: { call: OperationCall; response: TargetResponse } | undefined;
  for (const [i, step] of c.flow.steps.entries()) {
    const tag = `step ${i + 1} (${step.title})`;
    if ('same' in step) {
      const [a, b] = step.same;
      const ok = ids[a] !== undefined && ids[a] === ids[b];
      checks.push({ name: `${tag}: same`, ok, expected: `$${a}.id = $${b}.id`, actual: { [a]: ids[a], [b]: ids[b] } });
      steps.push(`${tag}: ${a}=${ids[a]} ${ok ? '=' : '!='} ${b}=${ids[b]}`);
      if (!ok) return { verdict: 'fail', reason: `${tag}: $${a}.id (${ids[a]}) and $${b}.id (${ids[b]}) should be the same resource`, checks, steps };
      continue;
    }
    if ('poll' in step) {
      const polled = await poll(step, c, target, profile, opts, ids, known, last);
      checks.push(...polled.checks.map((k) => ({ ...k, name: `${tag}: ${k.name}` })));
      steps.push(`${tag}: ${polled.line}`);
      if (polled.verdict !== 'pass') return { verdict: polled.verdict, reason: `${tag}: ${polled.reason}`, checks, steps };
      continue;
    }
    const contract = opts.loaded.contracts.find((x) => x.vendor === c.call.vendor && x.operation === step.call);
    if (!contract) return { verdict: 'inconclusive', reason: `${tag}: no contract in scope for ${step.call}`, checks, steps };
    // the client's own signing where the target can sign so (an SDK configured for that scheme)
    const stepCase = stepCaseOf(c, step, contract, c.flow.signing && canSendTweak({ scheme: c.flow.signing }, caps) ? c.flow.signing : undefined);
    let params: Record<string, unknown>;
    try {
      params = saltTokens(resolveRefs(step.params, ids), stepCase, contract, opts.runSalt);
    } catch (e) {
      return { verdict: 'fail', reason: `${tag}: ${errorMessage(e)}`, checks, steps };
    }
    const response = await sendWithRetries(target, stepCase, params, step.expect, profile, { ...opts, ...(step.retry === 'with-token' ? { stateChanging: false, retryServerErrors: true } : {}), ...(step.retries !== undefined ? { retries: step.retries, backoffMs: Math.min(opts.backoffMs ?? 100, 100) } : {}) });
    last = { call: { ...stepCase.call, params }, response };
    const j = judge(stepCase, response, { contract, profile, capabilities: caps, refs: ids, ...(opts.checks ? { checks: opts.checks } : {}) });
    checks.push(...j.checks.map((k) => ({ ...k, name: `${tag}: ${k.name}` })));
    const seen = answerSeen(response);
    steps.push(`${tag}: ${step.call} -> ${seen?.status ?? '-'} ${seen?.error?.code ?? (response.outcome === 'transport-error' ? response.kind : 'OK')}`);
    if (j.verdict !== 'pass' && j.verdict !== 'pass-ambiguous') return { verdict: j.verdict, reason: `${tag}: ${j.reason ?? j.verdict}`, checks, steps };
    verdict = worse(verdict, j.verdict);
    if (step.count) {
      const list = fieldAt(response.body, step.count.path);
      const n = Array.isArray(list) ? list.length : list === undefined || list === null || list === '' ? 0 : 1;
      const ok = n === step.count.equals;
      checks.push({ name: `${tag}: count`, ok, expected: { [step.count.path]: step.count.equals }, actual: { [step.count.path]: n } });
      if (!ok) return { verdict: 'fail', reason: `${tag}: ${step.count.path} has ${n} element(s), expected ${step.count.equals}`, checks, steps };
    }
    for (const [name, path] of Object.entries(step.save ?? {})) {
      const v = fieldAt(response.body, path);
      if (v === undefined || v === null || v === '') return { verdict: 'fail', reason: `${tag}: the answer has no ${path} (saved as $${name}.id for the next steps)`, checks, steps };
      ids[name] = String(v);
    }
  }
  return { verdict, checks, steps };
}

/** The step as a case of its own operation: judged by the same checks. */
function stepCaseOf(c: Case, step: Extract<FlowStep, { call: string }>, contract: Contract, signing: Flow['signing']): Case {
  const call: OperationCall = {
    vendor: contract.vendor, service: contract.service, version: contract.version, operation: contract.operation,
    ...(c.call.region ? { region: c.call.region } : {}), params: step.params,
  };
  const destructive = step.expect && 'kind' in step.expect ? step.expect.kind === 'success' : true;
  const { flow: _flow, after: _after, then: _then, tweak: _tweak, ...rest } = c;
  const tweak = signing || step.tweak ? { ...(signing ? { scheme: signing } : {}), ...step.tweak } : undefined;
  return { ...rest, contract: contract.id, call, expect: step.expect, destructive, ...(tweak ? { tweak } : {}) };
}

function pollVia(opts: FlowOptions, target: Target, profile: ProtocolProfile | undefined, kind: string): 'read-call' | 'control' {
  if (opts.stateVia === 'read-calls') return 'read-call';
  if (opts.stateVia === 'control') return 'control';
  if (!target.fixtures || target.fixtures.readsState === false) return 'read-call';
  const read = profile?.stateReads?.[kind];
  return read && opts.loaded.contracts.some((c) => c.vendor === profile?.vendor && c.operation === read.operation) ? 'read-call' : 'control';
}

async function poll(
  step: Extract<FlowStep, { poll: unknown }>, c: Case, target: Target, profile: ProtocolProfile | undefined, opts: FlowOptions,
  ids: Record<string, string>, kinds: Record<string, string>, last: { call: OperationCall; response: TargetResponse } | undefined,
): Promise<{ verdict: Verdict; reason?: string; checks: CheckResult[]; line: string }> {
  const { ref, kind, until } = step.poll;
  const assertion: StateAssertion = until === 'gone' ? { ref, kind, exists: false } : until === 'present' ? { ref, kind, exists: true } : { ref, kind, exists: true, fields: until };
  const state = await readStateThroughReadCalls(target, profile, {
    vendor: c.call.vendor, call: last?.call ?? c.call, after: [assertion], refs: ids, kinds: { ...kinds, [ref]: kind },
    ...(last ? { response: last.response } : {}), regions: fixtureRegions(c.setup),
  }, {
    // a client polls its read call: so does the flow, wherever the vendor's read call is in scope (the
    // emulator's control API only for a kind no read call shows, or when asked with --state-via control)
    via: pollVia(opts, target, profile, kind),
    ...(opts.settleTimeoutMs !== undefined ? { settleTimeoutMs: opts.settleTimeoutMs } : {}),
    ...(c.flow?.signing && canSendTweak({ scheme: c.flow.signing }, target.capabilitiesFor?.(c.call.vendor) ?? target.capabilities) ? { tweak: { scheme: c.flow.signing } } : {}),
  });
  const read = state[ref]!;
  const line = `poll ${kind} ${ids[ref] ?? ref} until ${typeof until === 'string' ? until : JSON.stringify(until)}: ${read.polls ?? 0} read(s)`;
  if (read.unobservable) return { verdict: 'inconclusive', reason: read.unobservable, checks: [], line };
  if (read.unsettled) return { verdict: 'inconclusive', reason: read.unsettled, checks: [], line };
  const checks = stateChecks([assertion], state, ids);
  const failed = checks.find((k) => !k.ok);
  return failed ? { verdict: 'fail', reason: failed.message ?? 'state not reached', checks, line } : { verdict: 'pass', checks, line };
}
