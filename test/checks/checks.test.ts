// Each check passes on a right answer and fails on a wrong one (a table), and the judge's verdict rules.
import { describe, expect, it } from 'vitest';
import type { Case, Expectation, TargetResponse } from '../../core/types.ts';
import { CHECKS, CHECK_NAMES, judge, REGISTRY, selectChecks, stateChecks } from '../../checks/index.ts';
import { validator } from '../../checks/ajv.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { answer, FULL, REQUEST_IDS } from '../runner/fakes.ts';

const loaded = loadContracts();
const cases = generateCases(loaded, { seed: 1, depth: 'standard' });
const byId = (id: string) => cases.find((c) => c.id === id)!;
const ds = loaded.byId('aliyun.ecs.DeleteSnapshot');
const csg = loaded.byId('aliyun.ecs.CreateSnapshotGroup');
const hw = loaded.byId('huaweicloud.evs.DeleteSnapshot');
const volc = loaded.byId('volcengine.ecs.DeleteInstances');
const ctxOf = (c: Case) => ({ contract: loaded.byId(c.contract), profile: loaded.profiles[loaded.byId(c.contract).vendor], capabilities: FULL });

const okCase = byId('aliyun.ecs.DeleteSnapshot/envelope/success-json');
const xmlCase = byId('aliyun.ecs.CreateSnapshotGroup/envelope/success-xml');
const missing = byId('aliyun.ecs.DeleteSnapshot/required/SnapshotId-missing');
const hwOk = byId('huaweicloud.evs.DeleteSnapshot/envelope/success');
const volcOk = byId('volcengine.ecs.DeleteInstances/envelope/success');
const success: Expectation = { kind: 'success', status: 200 };
const missingErr: Expectation = { kind: 'error', code: 'MissingParameter', status: 400 };

const right = answer(success, okCase, ds);
const rightErr = answer(missingErr, missing, ds);

interface Row { check: keyof typeof CHECKS; c: Case; e: Expectation; good: TargetResponse; bad: TargetResponse; why: string }
const table: Row[] = [
  { check: 'status', c: okCase, e: success, good: right, bad: { ...right, status: 202 }, why: 'wrong success status' },
  { check: 'status', c: missing, e: missingErr, good: rightErr, bad: { ...rightErr, status: 403 }, why: 'wrong error status' },
  { check: 'error-code', c: missing, e: missingErr, good: rightErr, bad: { ...rightErr, error: { code: 'InvalidParameter' } }, why: 'wrong code' },
  { check: 'error-code', c: okCase, e: success, good: right, bad: { ...right, error: { code: 'InternalError' } }, why: 'error on success' },
  { check: 'error-code', c: missing, e: missingErr, good: rightErr, bad: { ...rightErr, error: { code: 'MissingParameter', message: ' ' } }, why: 'the right code without its message' },
  { check: 'error-code', c: missing, e: missingErr, good: rightErr, bad: { ...rightErr, error: { code: 'MissingParameter' } }, why: 'the right code, the message dropped' },
  { check: 'error-status', c: missing, e: missingErr, good: rightErr, bad: { ...rightErr, error: { code: 'SnapshotCreatedDisk' }, status: 400 }, why: 'documented code with an undocumented status' },
  { check: 'envelope', c: okCase, e: success, good: right, bad: { ...right, body: { requestId: 'x' } }, why: 'success envelope without RequestId' },
  { check: 'envelope', c: missing, e: missingErr, good: rightErr, bad: { ...rightErr, body: { RequestId: REQUEST_IDS.aliyun, Code: 'MissingParameter' } }, why: 'error envelope without Message' },
  { check: 'envelope', c: volcOk, e: success, good: answer(success, volcOk, volc), bad: { ...answer(success, volcOk, volc), body: { Result: {} } }, why: 'volcengine envelope without ResponseMetadata' },
  { check: 'schema', c: okCase, e: success, good: right, bad: { ...right, body: { RequestId: 42 } }, why: 'RequestId is not a string' },
  { check: 'schema', c: hwOk, e: { kind: 'success', status: 202 }, good: answer({ kind: 'success', status: 202 }, hwOk, hw), bad: { outcome: 'answered', status: 202, body: { id: 'x' }, format: 'json', requestId: REQUEST_IDS.huaweicloud }, why: 'a body where the contract documents none' },
  { check: 'request-id', c: okCase, e: success, good: right, bad: { ...right, requestId: undefined }, why: 'no request id' },
  { check: 'request-id', c: okCase, e: success, good: right, bad: { ...right, requestId: 'not-a-uuid' }, why: 'request id in the wrong format' },
  { check: 'content-type', c: okCase, e: success, good: right, bad: { ...right, contentType: 'text/html' }, why: 'JSON served as HTML' },
  { check: 'content-type', c: xmlCase, e: success, good: answer(success, xmlCase, csg), bad: answer(success, byId('aliyun.ecs.CreateSnapshotGroup/envelope/success-json'), csg), why: 'asked for XML, got JSON' },
  { check: 'xml-json', c: xmlCase, e: success, good: answer(success, xmlCase, csg), bad: { ...answer(success, xmlCase, csg), body: { CreateSnapshotGroupResponse: { RequestId: 'x' } } }, why: 'XML lacks SnapshotGroupId' },
  { check: 'xml-json', c: xmlCase, e: success, good: answer(success, xmlCase, csg), bad: { ...answer(success, xmlCase, csg), body: { Wrong: { RequestId: 'x', SnapshotGroupId: 'y' } } }, why: 'wrong XML root' },
];

describe('check table', () => {
  it('the registry holds one function per family', () => {
    expect(Object.keys(CHECKS).sort()).toEqual(['content-type', 'documented-values', 'envelope', 'error-code', 'error-status', 'item-results', 'listed', 'request', 'request-id', 'schema', 'status', 'xml-json']);
  });
  for (const row of table) {
    it(`${row.check}: passes the right answer, fails on ${row.why}`, () => {
      const input = { testCase: row.c, expectation: row.e, ...ctxOf(row.c) };
      expect(CHECKS[row.check]!({ ...input, response: row.good })?.ok).toBe(true);
      const bad = CHECKS[row.check]!({ ...input, response: row.bad });
      expect(bad?.ok).toBe(false);
      expect(bad?.message).toBeTruthy();
    });
  }
  it('status is not judged when the client hides it; the code still is', () => {
    const hidden = { ...rightErr, status: undefined };
    const input = { testCase: missing, expectation: missingErr, ...ctxOf(missing), capabilities: FULL };
    expect(CHECKS.status!({ ...input, response: hidden })).toBeUndefined();
    expect(CHECKS['error-code']!({ ...input, response: { ...hidden, error: { code: 'Nope' } } })?.ok).toBe(false);
  });
  it('XML single-item lists and string leaves agree with the JSON schema', () => {
    const c = byId('aliyun.ecs.DeleteSnapshotGroup/envelope/success-xml');
    const contract = loaded.byId(c.contract);
    const body = { DeleteSnapshotGroupResponse: { RequestId: REQUEST_IDS.aliyun, OperationProgressSet: { OperationProgress: { OperationStatus: 'Success', ErrorCode: '', ErrorMsg: '', RelatedItemSet: { RelatedItem: { Name: 'SnapshotId', Value: 's-1' } } } } } };
    const r = CHECKS['xml-json']!({ testCase: c, expectation: success, contract, capabilities: FULL, response: { outcome: 'answered', status: 200, body, format: 'xml', requestId: REQUEST_IDS.aliyun } });
    expect(r?.ok, r?.message).toBe(true);
  });
  it('error-status: statuses come from the table, the violations and the profile in use (kept per contract and profile)', () => {
    const input = { testCase: missing, expectation: missingErr, ...ctxOf(missing) };
    const profile = loaded.profiles.aliyun;
    const inContract = new Set([...ds.errors.map((r) => r.code), ...JSON.stringify(ds.request.parameters).match(/(?<="code":")[^"]+/g) ?? []]);
    const disputed = new Set(Object.keys(ds.$evidence?.disputes ?? {}).map((k) => profile.errors[/^common:(.+)\.status$/.exec(k)?.[1] ?? '']?.code));
    const code = Object.values(profile.errors).find((e) => e.status !== undefined && !inContract.has(e.code) && !disputed.has(e.code))!;
    const answerWith = (status: number) => ({ ...rightErr, error: { code: code.code }, status });
    expect(CHECKS['error-status']!({ ...input, response: answerWith(code.status!) })?.ok).toBe(true);
    expect(CHECKS['error-status']!({ ...input, response: answerWith(code.status! + 1) })?.ok).toBe(false);
    // Another profile (none here) documents nothing for that code: not judged, whatever was seen before.
    expect(CHECKS['error-status']!({ ...input, profile: undefined, response: answerWith(code.status! + 1) })).toBeUndefined();
    expect(CHECKS['error-status']!({ ...input, response: answerWith(code.status! + 1) })?.expected).toEqual([code.status]);
    // A disputed status (the ledger's signature-status claim) documents each of its values, and no other.
    const sig = { ...rightErr, error: { code: profile.errors['bad-signature']!.code } };
    for (const status of [400, 403]) expect(CHECKS['error-status']!({ ...input, response: { ...sig, status } })?.ok, String(status)).toBe(true);
    expect(CHECKS['error-status']!({ ...input, response: { ...sig, status: 401 } })?.ok).toBe(false);
  });

  it('schemas are compiled once', () => {
    expect(validator(ds.response.schema!)).toBe(validator(ds.response.schema!));
    expect(validator({ ...ds.response.schema! })).toBe(validator(ds.response.schema!));
  });
  it('state: exists and fields, with fixture refs resolved', () => {
    const after = [{ ref: 'snap', exists: false }, { ref: 'g', exists: true, fields: { instanceId: '$inst.id' } }];
    const good = stateChecks(after, { snap: { kind: 'snapshot', id: 's1' }, g: { kind: 'snapshotGroup', id: 'g1', entity: { instanceId: 'i-9' } } }, { inst: 'i-9' });
    expect(good.every((r) => r.ok)).toBe(true);
    const bad = stateChecks(after, { snap: { kind: 'snapshot', id: 's1', entity: {} }, g: { kind: 'snapshotGroup', id: 'g1', entity: { instanceId: 'i-0' } } }, { inst: 'i-9' });
    expect(bad.map((r) => r.ok)).toEqual([false, false]);
  });
  it('unknown check names are rejected with the valid ones', () => {
    expect(() => selectChecks(['status', 'schemaa'])).toThrow(/unknown check "schemaa" \(did you mean "schema"\?\); valid checks: .*request-id/);
    expect(selectChecks(['status'])).toEqual(['status']);
    expect(CHECK_NAMES).toContain('state');
  });
});

describe('every verdict from a registered check, tagged with its stage', () => {
  it('the registry names each check once with its stage; state, same-as-first and client-rejected are in it', () => {
    expect(Object.fromEntries(Object.entries(REGISTRY).filter(([, r]) => r.stage !== 'answer').map(([n, r]) => [n, r.stage])))
      .toEqual({ 'client-rejected': 'client', state: 'state', 'same-as-first': 'replay' });
    expect([...CHECK_NAMES].sort()).toEqual(Object.keys(REGISTRY).sort());
    expect(Object.keys(CHECKS).every((n) => REGISTRY[n as keyof typeof REGISTRY].stage === 'answer')).toBe(true);
  });

  const replayCase = cases.find((c) => c.then?.sameAsFirst && !('alternatives' in c.expect) && c.expect.kind === 'success')!;
  const replayCtx = (replay: TargetResponse, checks?: string[]) => ({ ...ctxOf(replayCase), refs: {}, replay, ...(checks ? { checks } : {}) });
  const firstAnswer = answer(success, replayCase, loaded.byId(replayCase.contract));

  it('same-as-first judges the replay: the same answer passes, another body fails, --checks can leave it out', () => {
    expect(replayCase, 'a generated idempotency case with sameAsFirst').toBeDefined();
    const same = judge({ ...replayCase, after: undefined }, firstAnswer, replayCtx({ ...firstAnswer, requestId: 'other' }));
    expect(same.checks.find((k) => k.name === 'then:same-as-first')?.ok).toBe(true);
    const otherBody = { ...firstAnswer, body: { ...(firstAnswer.body as object), Extra: 'changed' } };
    const differs = judge({ ...replayCase, after: undefined }, firstAnswer, replayCtx(otherBody));
    expect(differs.verdict).toBe('fail');
    expect(differs.reason).toMatch(/replay with the same token answered differently/);
    const unselected = judge({ ...replayCase, after: undefined }, firstAnswer, replayCtx(otherBody, ['status']));
    expect(unselected.checks.some((k) => k.name === 'then:same-as-first')).toBe(false);
  });

  it('client-rejected: a refused invalid request passes, a refused valid one fails, whatever --checks selects', () => {
    const pass = judge(missing, { outcome: 'client-rejected', message: 'SnapshotId is required' }, { ...ctxOf(missing), checks: ['schema'] });
    expect({ verdict: pass.verdict, check: pass.checks[0]?.name }).toEqual({ verdict: 'pass', check: 'client-rejected' });
    const fail = judge(okCase, { outcome: 'client-rejected', message: 'nope' }, ctxOf(okCase));
    expect(fail.verdict).toBe('fail');
    expect(fail.checks[0]).toMatchObject({ name: 'client-rejected', ok: false, message: 'the client refused a valid request: nope' });
  });
});

describe('judge verdicts', () => {
  it('pass on the right answer; fail with expected vs actual and the contract line', () => {
    expect(judge(okCase, right, ctxOf(okCase)).verdict).toBe('pass');
    const j = judge(missing, { ...rightErr, status: 404 }, ctxOf(missing));
    expect(j.verdict).toBe('fail');
    expect(j.reason).toContain('MissingParameter 400');
    expect(j.reason).toContain(`${missing.source.file}:${missing.source.line}`);
    expect(j.checks.find((c) => c.name === 'status')).toMatchObject({ ok: false, expected: 400, actual: 404 });
  });
  it('a transport error is inconclusive, never a failure', () => {
    for (const kind of ['timeout', 'connection', 'throttled', 'truncated', 'other'] as const) {
      const j = judge(missing, { outcome: 'transport-error', kind, message: 'x', last: { status: 500, error: { code: 'Wrong' } } }, ctxOf(missing));
      expect(j.verdict).toBe('inconclusive');
      expect(j.reason).toContain(kind);
    }
  });
  it('a request never sent (the client cannot express it, the guard refused it) is skipped with the reason, never judged', () => {
    expect(judge(okCase, { outcome: 'unsendable', message: 'no field for X' }, ctxOf(okCase))).toEqual({ verdict: 'skipped', checks: [], reason: 'the client cannot send this request: no field for X' });
    expect(judge(missing, { outcome: 'refused', message: 'unlisted id' }, ctxOf(missing))).toEqual({ verdict: 'skipped', checks: [], reason: 'refused by the real-cloud guard: unlisted id' });
  });
  it('an Acceptable matched by an alternative is pass-ambiguous, with the note', () => {
    const c = byId('aliyun.ecs.DeleteSnapshot/state-rules/unknown-snapshot-id');
    const ctx = { ...ctxOf(c), stateAfter: {} };
    for (const alt of (c.expect as { alternatives: Expectation[] }).alternatives) {
      const j = judge(c, answer(alt, c, ds), ctx);
      expect(j.verdict).toBe('pass-ambiguous');
      expect(j.reason).toContain('unknown-snapshot-id');
    }
    expect(judge(c, answer({ kind: 'error', code: 'Other', status: 400 }, c, ds), ctx).verdict).toBe('fail');
  });
  it('a client-side refusal passes a negative case (reason kept) and fails a positive one', () => {
    const neg = judge(missing, { outcome: 'client-rejected', message: 'SnapshotId is required' }, ctxOf(missing));
    expect(neg).toMatchObject({ verdict: 'pass', reason: expect.stringContaining('rejected client-side') });
    expect(judge(okCase, { outcome: 'client-rejected', message: 'nope' }, ctxOf(okCase)).verdict).toBe('fail');
  });
  it('skipped, with the reason, when the target lacks fixtures, tweaks or XML', () => {
    const tweak = byId('aliyun.ecs.DeleteSnapshot/auth-signing/bad-signature');
    expect(judge(okCase, right, { ...ctxOf(okCase), capabilities: { ...FULL, fixtures: false } })).toMatchObject({ verdict: 'skipped', reason: expect.stringContaining('fixtures') });
    expect(judge(tweak, right, { ...ctxOf(tweak), capabilities: { ...FULL, tweaks: false } })).toMatchObject({ verdict: 'skipped', reason: expect.stringContaining('tweaks') });
    expect(judge(xmlCase, right, { ...ctxOf(xmlCase), capabilities: { ...FULL, xml: false } })).toMatchObject({ verdict: 'skipped', reason: expect.stringContaining('XML') });
  });
  it('a wrong world after the call fails the case even when the answer is right', () => {
    const c = cases.find((x) => x.category === 'state-rules' && x.after?.some((a) => a.exists === false) && !('alternatives' in x.expect))!;
    const gone = c.after!.find((a) => a.exists === false)!;
    const ctx = { ...ctxOf(c), refs: {} };
    const good = judge(c, answer(c.expect as Expectation, c, loaded.byId(c.contract)), { ...ctx, stateAfter: Object.fromEntries(c.after!.map((a) => [a.ref, { kind: 'x', id: 'i', ...(a.exists === false ? {} : { entity: {} }) }])) });
    expect(good.verdict, good.reason).toBe('pass');
    const stateAfter = { ...Object.fromEntries(c.after!.map((a) => [a.ref, { kind: 'x', id: 'i', ...(a.exists === false ? {} : { entity: {} }) }])), [gone.ref]: { kind: 'x', id: 'i', entity: {} } };
    const bad = judge(c, answer(c.expect as Expectation, c, loaded.byId(c.contract)), { ...ctx, stateAfter });
    expect(bad.verdict).toBe('fail');
    expect(bad.checks.filter((k) => !k.ok).map((k) => k.name)).toEqual(['state']);
    // state is selected and hidden by name like any registry check
    expect(judge(c, answer(c.expect as Expectation, c, loaded.byId(c.contract)), { ...ctx, stateAfter, checks: ['status', 'error-code'] }).verdict).toBe('pass');
    expect(judge(c, answer(c.expect as Expectation, c, loaded.byId(c.contract)), { ...ctx, stateAfter, capabilities: { ...FULL, unobservable: ['state'] } }).verdict).toBe('pass');
  });
  it('a check the target cannot observe is not run', () => {
    const j = judge(okCase, { ...right, contentType: 'text/html' }, { ...ctxOf(okCase), capabilities: { ...FULL, unobservable: ['content-type'] } });
    expect(j.verdict).toBe('pass');
    expect(j.checks.map((c) => c.name)).not.toContain('content-type');
    expect(judge(okCase, { ...right, contentType: 'text/html' }, ctxOf(okCase)).verdict).toBe('fail');
  });
  it('restricting checks by name', () => {
    const j = judge(okCase, { ...right, requestId: undefined }, { ...ctxOf(okCase), checks: ['status', 'error-code'] });
    expect(j.verdict).toBe('pass');
    expect(j.checks.map((c) => c.name)).toEqual(['status', 'error-code']);
  });
});
