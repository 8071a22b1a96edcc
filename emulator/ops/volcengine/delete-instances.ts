// Volcengine ECS DeleteInstances: 200 with per-instance results in Result.OperationDetails[];
// only PostPaid (incl. spot) or expired PrePaid instances may be deleted; ClientToken idempotency.
import type { DeleteInstancesInput, DeleteInstancesResult, OperationDetail } from '../wire-types.ts';
import { defineHandler, type OpContext, type OpResult } from '../types.ts';
import type { Entity, EntityOf } from '../../state/types.ts';

const DELETABLE = new Set(['RUNNING', 'STOPPED', 'ERROR']);
/** The page's response example (line 100). */
const INSTANCE_STATUS_MESSAGE = 'The status of the specified instance does not support this request.';

/** The per-instance rules (shared with DeleteInstance): the instance's status, an unexpired subscription. */
type RefusalRule = 'instance-status' | 'billing-deletable';

type Points = {
  /** Where a per-instance error goes (rule per-instance-results): its item's OperationDetails[].Error. */
  itemErrors: 'per-instance' | 'whole-request';
}
const POINTS: Points = { itemErrors: 'per-instance' };

export const deleteInstances = defineHandler({
  rules: ['client-token-mismatch', 'dedicated-host-status', 'instance-status', 'billing-deletable'],
  points: POINTS,
  handle(v: DeleteInstancesInput, ctx) {
    const { store } = ctx;
    const ids = [...new Set(v.InstanceIds ?? [])];
    const token = v.ClientToken;
    const key = token ? `volcengine:${ctx.accessKeyId ?? ''}:DeleteInstances:${token}` : undefined;
    const fingerprint = JSON.stringify({ op: 'DeleteInstances', InstanceIds: [...ids].sort() });
    const seen = key ? store.idempotent(key) : undefined;
    if (seen) return ctx.check('client-token-mismatch', seen.fingerprint !== fingerprint, 'IdempotentParameterMismatch', 400) ?? { status: seen.status, body: seen.body };
    const found = ids.map((id) => store.get('volcengine', 'instance', id)).filter((i): i is EntityOf<'volcengine', 'instance'> => !!i && inRegion(i, ctx));
    const host = ctx.check('dedicated-host-status', found.some((i) => i.dedicatedHostStatus && i.dedicatedHostStatus !== 'Available'), 'InvalidDedicatedHostStatus.Unsupported', 400);
    if (host) return host;
    const details = ids.map((id) => detail(id, ctx));
    const failed = details.find((d) => d.Error)?.Error;
    if (failed && ctx.point('itemErrors') === 'whole-request') {
      return { status: 400, error: { status: 400, code: failed.Code, message: failed.Message } };
    }
    const body: DeleteInstancesResult = { OperationDetails: details };
    const result: OpResult = { status: 200, body };
    if (key) store.remember(key, { fingerprint, status: 200, body: result.body, at: ctx.now });
    store.changed();
    return result;
  },
});

function inRegion(i: Entity, ctx: Pick<OpContext, 'region'>): boolean {
  return !ctx.region || !i.region || i.region === ctx.region;
}

function detail(id: string, ctx: OpContext<RefusalRule>): OperationDetail {
  const inst = ctx.store.get('volcengine', 'instance', id);
  if (!inst || !inRegion(inst, ctx)) return { InstanceId: id, Error: perInstance(ctx, 'instance-not-found', 'InvalidInstance.NotFound', 'The specified instance does not exist.') };
  const refused = deleteRefusal(inst, ctx);
  if (refused) return { InstanceId: id, Error: perInstance(ctx, refused, 'InvalidInstanceStatus', INSTANCE_STATUS_MESSAGE) };
  startDeleting(id, ctx);
  return { InstanceId: id };
}

/** Why an instance may not be deleted (the rule id), shared by DeleteInstances and DeleteInstance: its status, or an unexpired subscription. */
export function deleteRefusal(inst: Entity, ctx: Pick<OpContext<RefusalRule>, 'violates'>): RefusalRule | undefined {
  if (ctx.violates('instance-status', !DELETABLE.has(String(inst.status)))) return 'instance-status';
  // The billing-deletable rule's own per-item code (contract line 168; the page's example, line 99): no source names another.
  if (ctx.violates('billing-deletable', inst.billing === 'PrePaid' && !inst.expired)) return 'billing-deletable';
  return undefined;
}

/** DELETING until the emulator clock has moved on by deletionMs, then gone (Terraform polls DescribeInstances for that). */
export function startDeleting(id: string, ctx: Pick<OpContext, 'store' | 'deletionMs'>): void {
  ctx.store.startDeleting('volcengine', 'instance', id, 'DELETING', ctx.deletionMs);
}

export { INSTANCE_STATUS_MESSAGE };

/** Per-instance error (`ctx.fail`'s code and message, HTTP status unused): the page's example code unless the contract's rule names one. */
function perInstance(ctx: Pick<OpContext, 'fail'>, ruleId: string, code: string, message: string): { Code: string; Message: string } {
  const { error } = ctx.fail(ruleId, code, undefined, message);
  return { Code: error.code, Message: error.message };
}
