// The read-back stage (runner/read-back.ts): state read through the vendor's own read call, polled
// until the assertion holds or the bound is reached, on a scripted target. Each row: what the read
// call answers poll after poll, the assertion, and what the stage must conclude.
import { describe, expect, test } from 'vitest';
import type { OperationCall, ProtocolProfile, StateAssertion, TargetResponse } from '../../core/types.ts';
import { readStateThroughReadCalls, type ReadBackCase } from '../../runner/read-back.ts';
import { stateChecks } from '../../checks/state.ts';

const LIST_READ = {
  operation: 'DescribeThings', params: { RegionId: '$region', ThingId: ['$id'], Ids: '["$id"]' },
  items: 'Things.Thing', id: 'ThingId', fields: { status: 'Status', name: 'Name' },
  transitional: { status: ['progressing'] }, deleting: { status: ['deleting'] }, source: 'a test fixture, no vendor source',
};
const ITEM_READ = {
  operation: 'ShowThing', params: { project_id: '$call.project_id', thing_id: '$id' }, item: 'thing',
  fields: { status: 'status' }, gone: { status: [404], codes: ['X.404'] }, deleting: { status: ['deleting'] }, source: 'a test fixture, no vendor source',
};
const PROFILE = { vendor: 'aliyun', stateReads: { thing: LIST_READ, item: ITEM_READ } } as unknown as ProtocolProfile;

type Answer = { things?: { ThingId: string; Status: string; Name?: string }[]; status?: number; code?: string; thing?: Record<string, unknown> };

/** A target whose read call answers the scripted answers in turn (the last one repeats), counting clock advances. */
function scripted(answers: Answer[]) {
  const calls: OperationCall[] = [];
  let advanced = 0;
  return {
    calls, advanced: () => advanced,
    target: {
      async send(call: OperationCall): Promise<TargetResponse> {
        const a = answers[Math.min(calls.length, answers.length - 1)]!;
        calls.push(call);
        if (a.code || (a.status ?? 200) >= 400) return { outcome: 'answered', status: a.status ?? 400, error: { code: a.code ?? 'E', message: 'm' } };
        return { outcome: 'answered', status: 200, body: a.thing ? { thing: a.thing } : { Things: { Thing: a.things ?? [] } } };
      },
      fixtures: { async advanceClock(ms: number) { advanced += ms; } },
    },
  };
}

const CASE = (after: StateAssertion[]): ReadBackCase => ({
  vendor: 'aliyun', after, refs: { t: 't-1' }, kinds: { t: 'thing' },
  call: { vendor: 'aliyun', service: 'ecs', version: 'v', operation: 'DeleteThing', params: { RegionId: 'r-1', project_id: 'p-1' } },
  response: { outcome: 'answered', status: 200, body: {} },
});

const OPTS = { settleTimeoutMs: 5_000, pollMs: 1_000 };

describe('read-back through read calls', () => {
  const present = (Status: string) => ({ things: [{ ThingId: 't-1', Status, Name: 'n' }] });
  const ROWS: { name: string; answers: Answer[]; assert: StateAssertion; verdict: 'pass' | 'fail'; polls: number }[] = [
    { name: 'gone at once', answers: [{ things: [] }], assert: { ref: 't', exists: false }, verdict: 'pass', polls: 1 },
    { name: 'deleting, then gone', answers: [present('deleting'), present('deleting'), { things: [] }], assert: { ref: 't', exists: false }, verdict: 'pass', polls: 3 },
    // the emulator's clock moved on by the whole bound: a lifecycle that never ends is a failure there
    { name: 'still deleting at the bound', answers: [present('deleting')], assert: { ref: 't', exists: false }, verdict: 'fail', polls: 6 },
    // the emulator is consistent: a stable state is final at once (a real cloud's is waited for, below)
    { name: 'still listed, stable', answers: [present('accomplished')], assert: { ref: 't', exists: false }, verdict: 'fail', polls: 1 },
    { name: 'present', answers: [present('accomplished')], assert: { ref: 't', exists: true }, verdict: 'pass', polls: 1 },
    // one being deleted is on its way out: waited for; still there at the bound (a refused second delete), it exists
    { name: 'being deleted, still there at the bound', answers: [present('deleting')], assert: { ref: 't', exists: true }, verdict: 'pass', polls: OPTS.settleTimeoutMs / OPTS.pollMs + 1 },
    { name: 'being deleted, then gone (a delete that should not have happened)', answers: [present('deleting'), { things: [] }], assert: { ref: 't', exists: true }, verdict: 'fail', polls: 2 },
    { name: 'not visible', answers: [{ things: [] }], assert: { ref: 't', exists: true }, verdict: 'fail', polls: 1 },
    { name: 'field reached after progressing', answers: [present('progressing'), present('accomplished')], assert: { ref: 't', fields: { status: 'accomplished' } }, verdict: 'pass', polls: 2 },
    { name: 'a stable wrong field', answers: [present('failed')], assert: { ref: 't', fields: { status: 'accomplished' } }, verdict: 'fail', polls: 1 },
  ];

  test.each(ROWS.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    const s = scripted(row.answers);
    const state = await readStateThroughReadCalls(s.target, PROFILE, CASE([row.assert]), OPTS);
    const read = state.t!;
    expect(read.polls).toBe(row.polls);
    // nothing waited on the wall clock: the emulator's clock was advanced between reads
    expect(s.advanced()).toBe((row.polls - 1) * OPTS.pollMs);
    expect(read.unsettled).toBeUndefined();
    expect(stateChecks([row.assert], state).every((k) => k.ok)).toBe(row.verdict === 'pass');
  });

  test('the read call carries the entity id and the case\'s region, in lists and JSON-array strings', async () => {
    const s = scripted([{ things: [] }]);
    await readStateThroughReadCalls(s.target, PROFILE, CASE([{ ref: 't', exists: false }]), OPTS);
    expect(s.calls[0]).toMatchObject({ operation: 'DescribeThings', params: { RegionId: 'r-1', ThingId: ['t-1'], Ids: '["t-1"]' } });
  });

  test('an item read: the answer mapped to world fields; 404 or the gone code means gone; another error is an error', async () => {
    const c = (after: StateAssertion[]) => ({ ...CASE(after), kinds: { t: 'item' } });
    const found = await readStateThroughReadCalls(scripted([{ thing: { status: 'available', id: 't-1' } }]).target, PROFILE, c([{ ref: 't', exists: true }]), OPTS);
    expect(found.t).toMatchObject({ entity: { id: 't-1', status: 'available' }, via: 'read-call' });
    const s = scripted([{ status: 404, code: 'X.404' }]);
    expect((await readStateThroughReadCalls(s.target, PROFILE, c([{ ref: 't', exists: false }]), OPTS)).t!.entity).toBeUndefined();
    expect(s.calls[0]).toMatchObject({ operation: 'ShowThing', params: { project_id: 'p-1', thing_id: 't-1' } });
    const broken = await readStateThroughReadCalls(scripted([{ status: 403, code: 'Forbidden' }]).target, PROFILE, c([{ ref: 't', exists: false }]), OPTS);
    expect(broken.t!.error).toMatch(/ShowThing answered 403 Forbidden/);
    expect(stateChecks([{ ref: 't', exists: false }], broken)[0]!.ok).toBe(false);
  });

  test('a kind no read call shows is listed as unobservable and not judged', async () => {
    const state = await readStateThroughReadCalls(scripted([{}]).target, PROFILE, { ...CASE([{ ref: 'img', exists: true }]), refs: { img: 'm-1' }, kinds: { img: 'image' } }, OPTS);
    expect(state.img!.unobservable).toBe('no read call in scope shows a aliyun image');
    expect(stateChecks([{ ref: 'img', exists: true }], state)).toEqual([]);
  });

  // A real cloud (no clock to advance): its read call may lag behind the last write, so stable states are waited for too.
  const REAL_ROWS: { name: string; answers: Answer[]; assert: StateAssertion; pass: boolean; polls: number; unsettled?: boolean }[] = [
    { name: 'deleting, then gone', answers: [present('deleting'), { things: [] }], assert: { ref: 't', exists: false }, pass: true, polls: 2 },
    { name: 'still listed after a delete, then gone', answers: [present('accomplished'), { things: [] }], assert: { ref: 't', exists: false }, pass: true, polls: 2 },
    { name: 'still listed, stable, at the bound', answers: [present('accomplished')], assert: { ref: 't', exists: false }, pass: false, polls: 6 },
    { name: 'still deleting at the bound (no verdict: it may just be slow)', answers: [present('deleting')], assert: { ref: 't', exists: false }, pass: true, polls: 6, unsettled: true },
    { name: 'not yet visible, then present', answers: [{ things: [] }, present('accomplished')], assert: { ref: 't', exists: true }, pass: true, polls: 2 },
    { name: 'never visible', answers: [{ things: [] }], assert: { ref: 't', exists: true }, pass: false, polls: 6 },
  ];
  test.each(REAL_ROWS.map((r) => [r.name, r] as const))('a real cloud: %s (sleeps between reads)', async (_n, row) => {
    const slept: number[] = [];
    const s = scripted(row.answers);
    const state = await readStateThroughReadCalls({ send: s.target.send }, PROFILE, CASE([row.assert]), { ...OPTS, sleep: async (ms) => { slept.push(ms); } });
    expect(state.t!.polls).toBe(row.polls);
    expect(slept).toEqual(Array(row.polls - 1).fill(1_000));
    expect(stateChecks([row.assert], state).every((k) => k.ok)).toBe(row.pass);
    expect(state.t!.unsettled !== undefined, 'unsettled').toBe(!!row.unsettled);
  });

  test('through the control API: the emulator\'s own view, lifecycles settled on its clock', async () => {
    let reads = 0;
    let advanced = 0;
    const target = {
      send: async (): Promise<TargetResponse> => { throw new Error('no read call expected'); },
      fixtures: {
        async get() { reads++; return reads < 3 ? { id: 't-1', status: 'deleting' } : undefined; },
        async advanceClock(ms: number) { advanced += ms; },
      },
    };
    const state = await readStateThroughReadCalls(target, PROFILE, CASE([{ ref: 't', exists: false }]), { ...OPTS, via: 'control' });
    expect(state.t).toMatchObject({ via: 'control', polls: 3 });
    expect(advanced).toBe(2_000);
    expect(stateChecks([{ ref: 't', exists: false }], state)[0]!.ok).toBe(true);
  });
});

describe('read-back when the read call gets no answer', () => {
  test('a timeout is no verdict: unsettled (inconclusive), never a failed state check', async () => {
    const target = { send: async (): Promise<TargetResponse> => ({ outcome: 'transport-error', kind: 'timeout', message: 'deadline passed' }) };
    const state = await readStateThroughReadCalls(target, PROFILE, CASE([{ ref: 't', exists: false }]), OPTS);
    expect(state.t!.unsettled).toMatch(/DescribeThings got no answer \(timeout\): deadline passed/);
    expect(stateChecks([{ ref: 't', exists: false }], state)).toEqual([]);
  });
});
