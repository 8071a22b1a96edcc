// Volcengine ECS DescribeInstances (filters and NextToken paging from the contract's `listing`,
// ops/listing.ts) and DeleteInstance (one instance, the rules DeleteInstances applies per instance).
// A deleted instance shows DELETING until the emulator clock has moved on, then is not listed.
import { defineHandler } from '../types.ts';
import { listEntities, PAGING } from '../listing.ts';
import { deleteRefusal, INSTANCE_STATUS_MESSAGE, startDeleting } from './delete-instances.ts';
import type { DeleteInstanceInput, DescribeInstancesInput } from '../wire-types.ts';

export const describeInstances = defineHandler({
  rules: [],
  points: PAGING,
  reads: true,
  handle(v: DescribeInstancesInput, ctx) {
    const mine = ctx.store.list('volcengine', 'instance').filter((i) => !ctx.region || !i.region || i.region === ctx.region);
    const listed = listEntities(ctx, v, mine);
    if (listed.badCursor) return ctx.role('invalid-parameter', 'NextToken');
    return {
      status: 200,
      body: {
        Instances: listed.page.map((i) => ({ InstanceId: i.id, InstanceName: String(i.name ?? ''), Status: String(i.status), InstanceChargeType: String(i.billing ?? 'PostPaid') })),
        NextToken: listed.next ?? '', TotalCount: listed.total,
      },
    };
  },
});

export const deleteInstance = defineHandler({
  rules: ['instance-status', 'billing-deletable'],
  handle(v: DeleteInstanceInput, ctx) {
    const id = v.InstanceId;
    const inst = ctx.store.get('volcengine', 'instance', id);
    if (!inst || (ctx.region && inst.region && inst.region !== ctx.region)) return ctx.fail('unknown-instance', 'InvalidInstance.NotFound', 404, 'The specified instance does not exist.');
    if (deleteRefusal(inst, ctx)) return ctx.fail('deletable-status', 'InvalidInstanceStatus', 400, INSTANCE_STATUS_MESSAGE);
    startDeleting(id, ctx);
    ctx.store.changed();
    return { status: 200, body: {} };
  },
});
