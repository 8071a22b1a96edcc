// The runner against fake targets: a conforming one passes every case, a deviating one fails exactly
// the cases its deviation touches, a slow one is inconclusive, a throttling one passes after retry.
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import type { Case, CaseResult, Expectation, RunResults, Target, TargetResponse } from '../../core/types.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { requestLine, runCase, runSuite, type RunEvent } from '../../runner/index.ts';
import { answer, conformingFake, FULL, perCaseFake, routerFake } from './fakes.ts';

const loaded = loadContracts();
// Client flows are sequences a one-answer fake cannot play; test/runner/flow.test.ts runs them on a stateful fake.
// (a one-answer fake can run neither a client flow nor a read call's listing, whose answer must list the case's own fixtures)
const cases = generateCases(loaded, { seed: 3, depth: 'standard' }).filter((c) => !c.flow && !c.listed);
const contractOf = (c: Case) => loaded.byId(c.contract);
const opts = { loaded, retries: 2, backoffMs: 1, timeoutMs: 1000 };
const first = (e: Case['expect']): Expectation => ('alternatives' in e ? e.alternatives[0]! : e);

describe('runCase against fakes', () => {
  it('a conforming fake passes every generated case', async () => {
    for (const c of cases) {
      const r = await runCase(c, conformingFake(c, contractOf(c)), opts);
      expect(r.verdict, `${c.id}: ${r.reason}`).toMatch(/^pass/);
      expect(r.verdict === 'pass-ambiguous').toBe('alternatives' in c.expect || (!!c.then && 'alternatives' in c.then.expect));
    }
  });

  it('a deviating fake (wrong status for one error, no RequestId on one operation) fails exactly those cases', async () => {
    const WRONG = 'SnapshotCreatedDisk';
    const NO_ID = 'aliyun.ecs.DeleteSnapshotGroup';
    const deviate = (r: import('../../core/types.ts').Answered, c: Case) => {
      let out = r;
      if (r.error?.code === WRONG) out = { ...out, status: 500 };
      if (c.contract === NO_ID) out = { ...out, requestId: undefined };
      return out;
    };
    const failed: string[] = [];
    for (const c of cases) {
      const r = await runCase(c, conformingFake(c, contractOf(c), { deviate }), opts);
      if (r.verdict === 'fail') failed.push(c.id);
    }
    const touched = (c: Case) => c.contract === NO_ID || first(c.expect).kind === 'error' && (first(c.expect) as { code: string }).code === WRONG;
    const expected = cases.filter(touched).map((c) => c.id);
    expect(expected.length).toBeGreaterThan(5);
    expect(failed).toEqual(expected);
  });

  it('a timing-out target is inconclusive, never failed', async () => {
    const c = cases.find((x) => x.id === 'aliyun.ecs.DeleteSnapshot/required/SnapshotId-missing')!;
    const slow: Target = { name: 'slow', kind: 'fake', capabilities: FULL, send: () => new Promise(() => {}) };
    const r = await runCase(c, slow, { ...opts, timeoutMs: 20, retries: 1 });
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toContain('timeout');
  });

  it('a target whose send answers a plain value, or throws, is judged like any other', async () => {
    const c = cases.find((x) => x.id === 'aliyun.ecs.DeleteSnapshot/required/SnapshotId-missing')!;
    const fake = conformingFake(c, contractOf(c));
    const send = fake.send;
    const canned: TargetResponse = await send(c.call, c.tweak);
    const plain: Target = { ...fake, send: (() => canned) as unknown as Target['send'] };
    expect((await runCase(c, plain, opts)).verdict).toBe('pass');
    const throwing: Target = { ...fake, send: () => { throw new Error('boom'); } };
    const r = await runCase(c, throwing, { ...opts, retries: 0 });
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toContain('target threw: boom');
  });

  it('a throttling-then-ok target passes after a retry; always throttled is inconclusive', async () => {
    const c = cases.find((x) => x.id === 'aliyun.ecs.DeleteSnapshot/required/SnapshotId-missing')!;
    const contract = contractOf(c);
    let calls = 0;
    const throttled = answer({ kind: 'error', code: 'Throttling.User', status: 400 }, c, contract);
    const flaky: Target = { name: 'flaky', kind: 'fake', capabilities: FULL, async send() { return ++calls < 3 ? throttled : answer(first(c.expect), c, contract); } };
    const r = await runCase(c, flaky, opts);
    expect(r.verdict).toBe('pass');
    expect(calls).toBe(3);
    const always: Target = { name: 'throttled', kind: 'fake', capabilities: FULL, async send() { return throttled; } };
    const r2 = await runCase(c, always, opts);
    expect(r2.verdict).toBe('inconclusive');
    expect(r2.reason).toMatch(/throttled: Throttling.User after 3 attempts/);
    // the answer given up on stays in the results beside the transport error, as the results schema has it
    expect(r2.actual).toEqual({
      status: 400, code: 'Throttling.User', message: 'm', requestId: throttled.requestId, format: 'json',
      transportError: { kind: 'throttled', message: 'Throttling.User after 3 attempts' },
    });
  });

  it('transport errors are retried, then inconclusive', async () => {
    const c = cases.find((x) => x.id === 'aliyun.ecs.DeleteSnapshot/required/SnapshotId-missing')!;
    let calls = 0;
    const down: Target = { name: 'down', kind: 'fake', capabilities: FULL, async send() { calls++; return { outcome: 'transport-error', kind: 'connection', message: 'ECONNREFUSED' }; } };
    expect((await runCase(c, down, opts)).verdict).toBe('inconclusive');
    expect(calls).toBe(3);
    const throws: Target = { name: 'throws', kind: 'fake', capabilities: FULL, async send() { throw new Error('boom'); } };
    expect((await runCase(c, throws, { ...opts, retries: 0 })).reason).toContain('boom');
  });

  it('skips without sending when the target lacks fixtures; fixture failures are inconclusive', async () => {
    const c = cases.find((x) => x.id === 'aliyun.ecs.DeleteSnapshot/positive/minimal')!;
    let sent = 0;
    const bare: Target = { name: 'bare', kind: 'fake', capabilities: { ...FULL, fixtures: false }, async send() { sent++; return { outcome: 'answered' }; } };
    const r = await runCase(c, bare, opts);
    expect(r).toMatchObject({ verdict: 'skipped', reason: expect.stringContaining('fixtures') });
    expect(sent).toBe(0);
    const broken: Target = { ...bare, capabilities: FULL, fixtures: { async create() { throw new Error('control API down'); }, async get() { return undefined; } } };
    expect(await runCase(c, broken, opts)).toMatchObject({ verdict: 'inconclusive', reason: expect.stringContaining('control API down') });
  });

  it('destructive cases are skipped on a real cloud unless allowed', async () => {
    const c = cases.find((x) => x.id === 'aliyun.ecs.DeleteSnapshot/positive/minimal')!;
    const fake = conformingFake(c, contractOf(c), { capabilities: { realCloud: true } });
    expect((await runCase(c, fake, opts)).verdict).toBe('skipped');
    expect((await runCase(c, conformingFake(c, contractOf(c), { capabilities: { realCloud: true } }), { ...opts, allowDestructive: true })).verdict).toBe('pass');
  });

  it('fixture refs are resolved in order and the request line is redacted', async () => {
    const c = cases.find((x) => x.id.endsWith('snapshot-used-by-image--used-by-image'))!;
    const created: Record<string, unknown>[] = [];
    const fake = conformingFake(c, contractOf(c));
    const create = fake.fixtures!.create;
    fake.fixtures!.create = async (v, spec, fields) => { created.push({ as: spec.as, fields }); return create(v, spec, fields); };
    const r = await runCase(c, fake, opts);
    expect(created).toEqual([{ as: 'snap', fields: { status: 'accomplished' } }, { as: 'img', fields: { snapshotIds: ['fx-snap-0'] } }]);
    expect(r.request).toBe('call aliyun/ecs/2014-05-26 DeleteSnapshot SnapshotId=fx-snap-0');
    const line = requestLine({ vendor: 'aliyun', service: 'ecs', version: 'v', operation: 'Op', params: { AccessKeySecret: 'hunter2', SecurityToken: 'tok', Name: 'x'.repeat(200) } }, { auth: 'bad-signature' });
    expect(line).not.toContain('hunter2');
    expect(line).not.toContain('tok');
    expect(line).toContain('(200 chars)');
  });
});

describe('fixture clean-up', () => {
  const c = cases.find((x) => x.id.endsWith('snapshot-used-by-image--used-by-image'))!;
  /** A conforming fake whose fixtures log what happens, in order. */
  function logged(log: string[], opts: { failCreate?: number; failRemove?: boolean } = {}): Target {
    const fake = conformingFake(c, contractOf(c));
    const f = fake.fixtures!;
    const create = f.create.bind(f);
    let n = 0;
    f.create = async (v, spec, fields) => {
      if (n++ === opts.failCreate) throw new Error('quota exceeded');
      const id = await create(v, spec, fields);
      log.push(`create ${spec.kind} ${id}`);
      return id;
    };
    f.remove = async (_v, list) => { log.push(`remove ${list.map((e) => `${e.kind} ${e.id}`).join(', ')}`); if (opts.failRemove) throw new Error('remove failed'); };
    f.preserve = async (_v, kind) => { log.push(`preserve ${kind}`); return kind === 'snapshot' ? async () => { log.push('restore snapshot'); } : undefined; };
    const send = fake.send;
    fake.send = (call, tweak) => { log.push('send'); return send(call, tweak); };
    return fake;
  }

  it('removes what the case created, newest first, after the call; preserved state is put back last', async () => {
    const log: string[] = [];
    const r = await runCase(c, logged(log), opts);
    expect(r.verdict, r.reason).toBe('pass');
    expect(log).toEqual([
      'preserve snapshot', 'preserve image',
      'create snapshot fx-snap-0', 'create image fx-img-1', 'send',
      'remove image fx-img-1, snapshot fx-snap-0', 'restore snapshot',
    ]);
  });

  it('removes what was created before a setup failure; a failing removal changes no verdict', async () => {
    const log: string[] = [];
    const r = await runCase(c, logged(log, { failCreate: 1 }), opts);
    expect(r).toMatchObject({ verdict: 'inconclusive', reason: expect.stringContaining('quota exceeded') });
    expect(log).toEqual(['preserve snapshot', 'preserve image', 'create snapshot fx-snap-0', 'remove snapshot fx-snap-0', 'restore snapshot']);
    const log2: string[] = [];
    expect((await runCase(c, logged(log2, { failRemove: true }), opts)).verdict).toBe('pass');
    expect(log2.slice(-2)).toEqual(['remove image fx-img-1, snapshot fx-snap-0', 'restore snapshot']);
  });

  it('a case without fixtures removes and preserves nothing', async () => {
    const neg = cases.find((x) => x.id === 'aliyun.ecs.DeleteSnapshot/required/SnapshotId-missing')!;
    const calls: string[] = [];
    const fake = conformingFake(neg, contractOf(neg));
    fake.fixtures!.remove = async () => { calls.push('remove'); };
    fake.fixtures!.preserve = async () => { calls.push('preserve'); return undefined; };
    expect((await runCase(neg, fake, opts)).verdict).toBe('pass');
    expect(calls).toEqual([]);
  });
});

describe('runSuite', () => {
  it('runs every case through one target: results in case order, streamed, uncovered filled, schema-valid', async () => {
    // concurrency 1 so the router fake knows which case is running: it advances on each result
    const order = [...cases.filter((c) => !c.exclusive), ...cases.filter((c) => c.exclusive)];
    const router = routerFake(order, contractOf);
    const streamed: string[] = [];
    const res = await runSuite({
      cases, target: router.target, loaded, seed: 3, depth: 'standard', concurrency: 1, retries: 0,
      onResult: (r: CaseResult) => { streamed.push(r.id); router.advance(); },
    });
    expect(res.cases.map((r) => r.id)).toEqual(cases.map((c) => c.id));
    expect(streamed).toEqual(order.map((c) => c.id)); // exclusive cases ran last
    expect(res.cases.every((r) => r.verdict === 'pass' || r.verdict === 'pass-ambiguous')).toBe(true);
    expect(res.uncovered.length).toBeGreaterThan(0);
    expect(res.uncovered.every((u) => u.reason.length > 0)).toBe(true);
    expect(res.contracts.map((c) => c.id).sort()).toEqual(loaded.contracts.map((c) => c.id).sort());
    const schema = JSON.parse(readFileSync(new URL('../../schemas/results.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(JSON.parse(JSON.stringify(res))), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('emits its lifecycle: run-start, one case event per case (with the case), interrupted when aborted, run-end with the results it returns', async () => {
    const some = cases.filter((c) => !c.setup && !c.tweak).slice(0, 12);
    const events: RunEvent[] = [];
    const res = await runSuite({ cases: some, target: perCaseFake(contractOf), loaded, seed: 3, depth: 'standard', concurrency: 3, retries: 0, onEvent: (e) => events.push(e) });
    expect(events[0]).toMatchObject({ type: 'run-start', header: { seed: 3, depth: 'standard', target: { kind: 'fake' } } });
    const caseEvents = events.filter((e): e is Extract<RunEvent, { type: 'case' }> => e.type === 'case');
    expect(caseEvents.map((e) => e.case.id).sort()).toEqual(some.map((c) => c.id).sort());
    expect(caseEvents.every((e) => res.cases[e.index] === e.result)).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'run-end', results: res });
    expect(events.some((e) => e.type === 'interrupted')).toBe(false);

    const stop = new AbortController();
    const cut: RunEvent[] = [];
    const partial = await runSuite({
      cases: some, target: perCaseFake(contractOf), loaded, seed: 3, depth: 'standard', concurrency: 1, retries: 0, signal: stop.signal,
      onEvent: (e) => { cut.push(e); if (e.type === 'case' && e.index === 2) stop.abort(); },
    });
    expect(partial.interrupted).toBe(true);
    expect(cut.find((e) => e.type === 'interrupted')).toEqual({ type: 'interrupted', done: partial.cases.length });
    expect(cut.at(-1)).toMatchObject({ type: 'run-end', results: { interrupted: true } });
  });

  const inputs: [string, (list: Case[]) => Iterable<Case>][] = [['an array', (list) => list], ['a generator', function* (list) { yield* list; }]];
  for (const [kind, input] of inputs) {
    it(`bounds concurrency and runs exclusive cases alone, after the rest (cases as ${kind})`, async () => {
      const negatives = cases.filter((c) => !c.setup && !c.tweak).slice(0, 60);
      const excl = negatives.slice(0, 5).map((c) => ({ ...c, id: `${c.id}-excl`, exclusive: true, call: { ...c.call, params: { ...c.call.params } } }));
      const all = [...excl, ...negatives];
      let inFlight = 0; let max = 0; let exclusiveOverlap = false; let exclusiveRunning = false; let othersDone = 0;
      const othersDoneAtExclusiveStart: number[] = [];
      const target: Target = {
        name: 'counting', kind: 'fake', capabilities: FULL,
        async send(call) {
          const c = all.find((x) => x.call.params === call.params || JSON.stringify(x.call.params) === JSON.stringify(call.params))!;
          const isExcl = excl.some((x) => x.call.params === call.params);
          inFlight++; max = Math.max(max, inFlight);
          if (isExcl) { if (inFlight > 1) exclusiveOverlap = true; exclusiveRunning = true; othersDoneAtExclusiveStart.push(othersDone); } else if (exclusiveRunning) exclusiveOverlap = true;
          await new Promise((r) => setTimeout(r, 2));
          inFlight--; if (isExcl) exclusiveRunning = false; else othersDone++;
          return answer(first(c.expect), c, contractOf(c));
        },
      };
      const streamed: string[] = [];
      const res = await runSuite({ cases: input(all), target, loaded, seed: 3, depth: 'standard', concurrency: 4, retries: 0, onResult: (r) => streamed.push(r.id) });
      expect(max).toBe(4);
      expect(exclusiveOverlap).toBe(false);
      expect(othersDoneAtExclusiveStart).toEqual(excl.map(() => negatives.length));
      expect(streamed.slice(-excl.length)).toEqual(excl.map((c) => c.id));
      expect(res.cases.map((r) => r.id)).toEqual(all.map((c) => c.id));
    });
  }

  it('hands every result to a store instead of keeping it (the store is the run\'s cases), in run order', async () => {
    const some = cases.filter((c) => !c.setup && !c.tweak).slice(0, 20);
    const put: number[] = [];
    const kept: CaseResult[] = [];
    const store = {
      put(r: CaseResult, i: number) { put.push(i); kept[i] = r; },
      get length() { return put.length; },
      *[Symbol.iterator]() { yield* kept.filter((r) => r !== undefined); },
    };
    const res = await runSuite({ cases: some, target: perCaseFake(contractOf), loaded, seed: 3, depth: 'standard', concurrency: 4, retries: 0, store });
    expect(res.cases).toBe(store);
    expect([...put].sort((a, b) => a - b)).toEqual(some.map((_, i) => i));
    expect([...res.cases].map((r) => r.id)).toEqual(some.map((c) => c.id));
  });

  it('sets aside at most 512 account-wide cases: more run alone in rounds, never beside others, results still in run order', async () => {
    const base = cases.filter((c) => !c.setup && !c.tweak);
    const excl = Array.from({ length: 600 }, (_, k) => ({ ...base[k % base.length]!, id: `excl-${k}`, exclusive: true }));
    const others = base.slice(0, 50).map((c, k) => ({ ...c, id: `other-${k}` }));
    const order: string[] = [];
    const res = await runSuite({ cases: [...excl, ...others], target: perCaseFake(contractOf), loaded, seed: 3, depth: 'standard', concurrency: 4, retries: 0, onResult: (r) => order.push(r.id) });
    // the first 512 ran alone before any other case was pulled; the rest after the others
    expect(order.slice(0, 512)).toEqual(excl.slice(0, 512).map((c) => c.id));
    expect(order.slice(512, 562).sort()).toEqual(others.map((c) => c.id).sort());
    expect(order.slice(562)).toEqual(excl.slice(512).map((c) => c.id));
    expect(res.cases.map((r) => r.id)).toEqual([...excl, ...others].map((c) => c.id));
  });

  it('pulls an iterable lazily and gives the same results as the same cases in an array', async () => {
    const run = (input: Iterable<Case>, target: Target) =>
      runSuite({ cases: input, target, loaded, seed: 3, depth: 'standard', concurrency: 4, retries: 0, runSalt: 'one-salt' });
    const fromArray = await run(cases, perCaseFake(contractOf));
    let pulled = 0;
    let pulledAtFirstSend: number | undefined;
    const target = perCaseFake(contractOf);
    const send = target.send;
    target.send = (call, tweak) => { pulledAtFirstSend ??= pulled; return send(call, tweak); };
    const fromGenerator = await run((function* () { for (const c of cases) { pulled++; yield c; } })(), target);
    const comparable = (r: RunResults) => ({ ...r, startedAt: '', durationMs: 0, cases: r.cases.map((c) => ({ ...c, durationMs: 0 })) });
    expect(comparable(fromGenerator)).toEqual(comparable(fromArray));
    expect(fromArray.cases.map((r) => r.verdict).filter((v) => !v.startsWith('pass'))).toEqual([]);
    expect(fromArray.uncovered.length).toBeGreaterThan(0);
    expect(pulled).toBe(cases.length);
    // one case per worker before the first call, not the whole list
    expect(pulledAtFirstSend).toBe(4);
  });

  it('salts idempotency tokens per run: the replay in a case reuses its token, the next run does not', async () => {
    const c = cases.find((x) => x.id === 'volcengine.ecs.DeleteInstances/idempotency/client-token-idempotency--same-token-same-request')!;
    const original = c.call.params.ClientToken as string;
    const runs: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const sent: string[] = [];
      const fake = conformingFake(c, contractOf(c));
      const send = fake.send;
      fake.send = (call, tweak) => { sent.push(call.params.ClientToken as string); return send(call, tweak); };
      const res = await runSuite({ cases: [c], target: fake, loaded, seed: 3, depth: 'standard', retries: 0 });
      expect(res.cases[0]!.verdict, res.cases[0]!.reason).toBe('pass');
      runs.push(sent);
    }
    for (const sent of runs) {
      expect(sent).toHaveLength(2);
      expect(sent[1]).toBe(sent[0]);
      expect(sent[0]).not.toBe(original);
      expect(sent[0]).toHaveLength(original.length);
    }
    expect(runs[1]![0]).not.toBe(runs[0]![0]);
  });

  it('keeps harness overhead small: thousands of cases per second in-process', async () => {
    const many = generateCases(loaded, { seed: 3, depth: 'deep', variations: 8 }).filter((c) => !c.setup && !c.then);
    const fast: Target = { name: 'fast', kind: 'fake', capabilities: FULL, async send() { return { outcome: 'answered', status: 400, error: { code: 'X' }, requestId: 'r' }; } };
    const t0 = performance.now();
    const res = await runSuite({ cases: many, target: fast, loaded, seed: 3, depth: 'deep', concurrency: 8, retries: 0 });
    const perSecond = many.length / ((performance.now() - t0) / 1000);
    expect(res.cases).toHaveLength(many.length);
    expect(perSecond).toBeGreaterThan(2000);
  });
});
