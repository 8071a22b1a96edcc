// Client flows (runner/flow.ts): Terraform's snapshot-group lifecycle run against a small stateful
// fake, conforming and with one deviation at a time. Each deviation is one the issue names: a read
// that hides a live resource, a delete that leaves it listed, a status that never settles; plus a step
// answered with an error and an answer missing the field the next step needs.
import { describe, expect, test } from 'vitest';
import type { Case, Flow, OperationCall, Target, TargetResponse } from '../../core/types.ts';
import { loadContracts } from '../../loader/index.ts';
import { runFlow } from '../../runner/flow.ts';
import { answer, FULL } from './fakes.ts';

const loaded = loadContracts({ expect: 'current' });
const op = (name: string) => loaded.contracts.find((c) => c.vendor === 'aliyun' && c.operation === name)!;

const FLOW: Flow = {
  id: 'terraform-group-lifecycle', source: 'terraform-provider-alicloud (test fixture copy of its sequence)',
  steps: [
    { title: 'create', call: 'CreateSnapshotGroup', params: { RegionId: 'cn-hangzhou', InstanceId: '$inst.id' }, expect: { kind: 'success', status: 200 }, save: { group: 'SnapshotGroupId' } },
    { title: 'wait until accomplished', poll: { ref: 'group', kind: 'snapshotGroup', until: { status: 'accomplished' } } },
    { title: 'delete', call: 'DeleteSnapshotGroup', params: { RegionId: 'cn-hangzhou', SnapshotGroupId: '$group.id' }, expect: { kind: 'success', status: 200 } },
    { title: 'wait until gone', poll: { ref: 'group', kind: 'snapshotGroup', until: 'gone' } },
  ],
};

type Deviation = 'none' | 'hides-live' | 'delete-leaves-listed' | 'never-settles' | 'create-refused' | 'no-group-id' | 'token-ignored' | 'throttled-once' | 'internal-after-once';

/** A snapshot-group world: created groups progress to accomplished after two reads; deletes remove them. */
function fake(deviation: Deviation): { target: Target; sent: string[] } {
  const groups = new Map<string, { reads: number; deleted: boolean }>();
  const tokens = new Map<string, string>();
  const sent: string[] = [];
  const caseOf = (call: OperationCall) => ({ call } as Case);
  const target: Target = {
    name: 'fake', kind: 'fake', capabilities: FULL,
    async send(call: OperationCall): Promise<TargetResponse> {
      sent.push(call.operation);
      if (call.operation === 'CreateSnapshotGroup') {
        if (deviation === 'create-refused') return answer({ kind: 'error', code: 'IncorrectInstanceStatus', status: 400 }, caseOf(call), op('CreateSnapshotGroup'));
        if (deviation === 'throttled-once' && sent.filter((o) => o === 'CreateSnapshotGroup').length === 1) return answer({ kind: 'error', code: 'Throttling.User', status: 400 }, caseOf(call), op('CreateSnapshotGroup'));
        // a ClientToken seen before answers its group again (unless the token is ignored)
        const token = String(call.params.ClientToken ?? '');
        const id = token && tokens.has(token) && deviation !== 'token-ignored' ? tokens.get(token)! : `ssg-${groups.size + 1}`;
        if (token) tokens.set(token, id);
        if (!groups.has(id)) groups.set(id, { reads: 0, deleted: false });
        // acted, then answered the internal error: only the token makes the client's retry safe
        if (deviation === 'internal-after-once' && sent.filter((o) => o === 'CreateSnapshotGroup').length === 1) return answer({ kind: 'error', code: 'InternalError', status: 500 }, caseOf(call), op('CreateSnapshotGroup'));
        return answer({ kind: 'success', status: 200 }, caseOf(call), op('CreateSnapshotGroup'), deviation === 'no-group-id' ? { SnapshotGroupId: '' } : { SnapshotGroupId: id });
      }
      if (call.operation === 'DeleteSnapshotGroup') {
        const g = groups.get(String(call.params.SnapshotGroupId));
        if (g && deviation !== 'delete-leaves-listed') g.deleted = true;
        return answer({ kind: 'success', status: 200 }, caseOf(call), op('DeleteSnapshotGroup'));
      }
      // DescribeSnapshotGroups (no contract needed: the fake answers the read as the profile's stateReads expects)
      const ids = (call.params.SnapshotGroupId as string[] | undefined) ?? [...groups.keys()];
      const list = ids.flatMap((id) => {
        const g = groups.get(id);
        if (!g || g.deleted || deviation === 'hides-live') return [];
        g.reads++;
        const status = deviation === 'never-settles' || g.reads < 3 ? 'progressing' : 'accomplished';
        return [{ SnapshotGroupId: id, InstanceId: 'i-1', Status: status }];
      });
      return { outcome: 'answered', status: 200, body: { RequestId: 'r', SnapshotGroups: { SnapshotGroup: list } }, format: 'json' };
    },
    fixtures: { create: async () => 'x', get: async () => undefined, async advanceClock() { /* the fake's clock is its read count */ } },
  };
  return { target, sent };
}

const CASE = { id: 'flow', contract: op('CreateSnapshotGroup').id, category: 'client-flows', title: 't', source: { file: 'flows/x.yaml' }, call: { vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation: 'CreateSnapshotGroup', params: {} }, expect: { kind: 'success' }, destructive: true, flow: FLOW } as Case & { flow: Flow };
const OPTS = { loaded, checks: ['status', 'error-code'], retries: 0, settleTimeoutMs: 10_000, stateVia: 'read-calls' as const };

describe('client flows', () => {
  const ROWS: [Deviation, string, RegExp | undefined][] = [
    ['none', 'pass', undefined],
    ['hides-live', 'fail', /step 2 \(wait until accomplished\): .*should exist/],
    ['delete-leaves-listed', 'fail', /step 4 \(wait until gone\): .*should be gone/],
    // the fake advances its clock like the emulator: a lifecycle that never ends there is judged
    ['never-settles', 'fail', /step 2 \(wait until accomplished\): group\.status should be "accomplished"/],
    ['create-refused', 'fail', /step 1 \(create\)/],
    ['no-group-id', 'fail', /step 1 \(create\): the answer has no SnapshotGroupId/],
  ];
  const REPLAY: Flow = {
    id: 'replayed-create', source: 'test fixture: a client retrying its create with the same ClientToken',
    steps: [
      { title: 'create', call: 'CreateSnapshotGroup', params: { RegionId: 'cn-hangzhou', InstanceId: '$inst.id', ClientToken: 'tok-1' }, expect: { kind: 'success', status: 200 }, save: { group: 'SnapshotGroupId' } },
      { title: 'create again', call: 'CreateSnapshotGroup', params: { RegionId: 'cn-hangzhou', InstanceId: '$inst.id', ClientToken: 'tok-1' }, expect: { kind: 'success', status: 200 }, save: { again: 'SnapshotGroupId' } },
      { title: 'one group', same: ['group', 'again'] },
    ],
  };
  test.each([['none', 'pass'], ['throttled-once', 'pass'], ['token-ignored', 'fail']] as const)('replayed create with one token, %s -> %s', async (deviation, verdict) => {
    const { target, sent } = fake(deviation);
    const o = await runFlow({ ...CASE, flow: REPLAY }, target, loaded.profiles.aliyun, { ...OPTS, retries: 2, backoffMs: 1 }, { inst: 'i-1' }, { inst: 'instance' });
    expect(o.verdict, o.reason).toBe(verdict);
    if (deviation === 'token-ignored') expect(o.reason).toMatch(/step 3 \(one group\): \$group.id \(ssg-1\) and \$again.id \(ssg-2\) should be the same resource/);
    // throttled: the refused create was retried (a throttling answer proves nothing was created)
    if (deviation === 'throttled-once') expect(sent.filter((x) => x === 'CreateSnapshotGroup')).toHaveLength(3);
  });

  test('a create that acted but answered 500 is retried with its token only where the step says so (retry: with-token)', async () => {
    const retried = { ...REPLAY, steps: [{ ...(REPLAY.steps[0] as Extract<Flow['steps'][number], { call: string }>), retry: 'with-token' as const }, ...REPLAY.steps.slice(1)] };
    const a = fake('internal-after-once');
    const o = await runFlow({ ...CASE, flow: retried }, a.target, loaded.profiles.aliyun, { ...OPTS, retries: 2, backoffMs: 1 }, { inst: 'i-1' }, { inst: 'instance' });
    expect(o.verdict, o.reason).toBe('pass');
    expect(a.sent.filter((x) => x === 'CreateSnapshotGroup')).toHaveLength(3); // the 500, its retry, the replay
    const b = fake('internal-after-once');
    const plain = await runFlow({ ...CASE, flow: REPLAY }, b.target, loaded.profiles.aliyun, { ...OPTS, retries: 2, backoffMs: 1 }, { inst: 'i-1' }, { inst: 'instance' });
    expect(plain.verdict).toBe('inconclusive'); // InternalError is no transient code of the profile: not retried; a 5xx is no verdict
    expect(b.sent.filter((x) => x === 'CreateSnapshotGroup')).toHaveLength(1);
  });

  test.each(ROWS)('%s -> %s', async (deviation, verdict, reason) => {
    const { target, sent } = fake(deviation);
    const o = await runFlow(CASE, target, loaded.profiles.aliyun, OPTS, { inst: 'i-1' }, { inst: 'instance' });
    expect({ verdict: o.verdict, reason: o.reason }).toMatchObject({ verdict, ...(reason ? { reason: expect.stringMatching(reason) } : {}) });
    if (deviation === 'none') {
      expect(sent).toEqual(['CreateSnapshotGroup', 'DescribeSnapshotGroups', 'DescribeSnapshotGroups', 'DescribeSnapshotGroups', 'DeleteSnapshotGroup', 'DescribeSnapshotGroups']);
      expect(o.steps).toHaveLength(4);
    }
  });
});
