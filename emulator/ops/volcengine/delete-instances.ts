// Volcengine ECS DeleteInstances: 200 with per-instance results in Result.OperationDetails[];
// only PostPaid (incl. spot) or expired PrePaid instances may be deleted; ClientToken idempotency.
import type { DeleteInstancesInput, DeleteInstancesResult, OperationDetail } from '../wire-types.ts';
import { typedHandler, type OpContext, type OpResult } from '../types.ts';
import type { Entity, EntityOf } from '../../state/types.ts';

const DELETABLE = new Set(['RUNNING', 'STOPPED', 'ERROR']);
/** The page's response example (line 100). */
const INSTANCE_STATUS_MESSAGE = 'The status of the specified instance does not support this request.';

export const deleteInstances = typedHandler<DeleteInstancesInput>((v, ctx) => {
  const { store } = ctx;
  const ids = [...new Set(v.InstanceIds ?? [])];
  const token = v.ClientToken;
  const key = token ? `volcengine:${ctx.accessKeyId ?? ''}:DeleteInstances:${token}` : undefined;
  const fingerprint = JSON.stringify({ op: 'DeleteInstances', InstanceIds: [...ids].sort() });
  if (key && !ctx.deviations.on('volcengine.DeleteInstances.idempotency-ignored')) {
    const seen = store.idempotent(key);
    if (seen) {
      if (seen.fingerprint !== fingerprint && !ctx.deviations.on('volcengine.DeleteInstances.token-mismatch-replayed')) return ctx.fail('client-token-mismatch', 'IdempotentParameterMismatch', 400);
      return { status: seen.status, body: seen.body };
    }
  }
  const found = ids.map((id) => store.get('volcengine', 'instance', id)).filter((i): i is EntityOf<'volcengine', 'instance'> => !!i && inRegion(i, ctx));
  if (!ctx.deviations.on('volcengine.DeleteInstances.dedicated-host-unchecked') && found.some((i) => i.dedicatedHostStatus && i.dedicatedHostStatus !== 'Available')) {
    return ctx.fail('dedicated-host-status', 'InvalidDedicatedHostStatus.Unsupported', 400);
  }
  const details = ids.map((id) => detail(id, ctx));
  const failed = details.find((d) => d.Error)?.Error;
  if (failed && ctx.deviations.on('volcengine.DeleteInstances.item-errors-fail-request')) {
    return { status: 400, error: { status: 400, code: failed.Code, message: failed.Message } };
  }
  const body: DeleteInstancesResult = { OperationDetails: details };
  const result: OpResult = { status: 200, body };
  if (key) store.remember(key, { fingerprint, status: 200, body: result.body, at: ctx.now });
  store.changed();
  return result;
});

function inRegion(i: Entity, ctx: OpContext): boolean {
  return !ctx.region || !i.region || i.region === ctx.region;
}

function detail(id: string, ctx: OpContext): OperationDetail {
  const inst = ctx.store.get('volcengine', 'instance', id);
  if (!inst || !inRegion(inst, ctx)) return { InstanceId: id, Error: perInstance(ctx, 'instance-not-found', 'InvalidInstance.NotFound', 'The specified instance does not exist.') };
  const refused = deleteRefusal(inst, ctx);
  if (refused) return { InstanceId: id, Error: perInstance(ctx, refused, 'InvalidInstanceStatus', INSTANCE_STATUS_MESSAGE) };
  startDeleting(id, ctx);
  return { InstanceId: id };
}

/** Why an instance may not be deleted (the rule id), shared by DeleteInstances and DeleteInstance: its status, or an unexpired subscription. */
export function deleteRefusal(inst: Entity, ctx: OpContext): 'instance-status' | 'billing-deletable' | undefined {
  if (!DELETABLE.has(inst.status as string)) return 'instance-status';
  // The billing-deletable rule's own per-item code (contract line 168; the page's example, line 99): no source names another.
  if (inst.billing === 'PrePaid' && !inst.expired && !ctx.deviations.on('volcengine.DeleteInstances.prepaid-allowed')) return 'billing-deletable';
  return undefined;
}

/** DELETING until the emulator clock has moved on by deletionMs, then gone (Terraform polls DescribeInstances for that). */
export function startDeleting(id: string, ctx: OpContext): void {
  ctx.store.startDeleting('volcengine', 'instance', id, 'DELETING', ctx.deviations.on('volcengine.instances.never-deleted') ? 1e15 : ctx.deletionMs);
}

export { INSTANCE_STATUS_MESSAGE };

/** Per-instance error (`ctx.fail`'s code and message, HTTP status unused): the page's example code unless the contract's rule names one. */
function perInstance(ctx: OpContext, ruleId: string, code: string, message: string): { Code: string; Message: string } {
  const { error } = ctx.fail(ruleId, code, undefined, message);
  return { Code: error.code, Message: error.message };
}
