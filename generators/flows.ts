// Client-flow cases (category client-flows): each flow of flows/<vendor>/*.yaml in the row of the
// operation it exists to prove, one case per flow. The first call step gives the case's call and
// expectation (for plans, safety and reports); runner/flow.ts runs every step.
import type { Case, FlowStep, OperationCall } from '../core/types.ts';
import { loadFlows } from '../loader/flows.ts';
import type { GenContext } from './context.ts';

export function* flowCases(ctx: GenContext): Generator<Case> {
  const c = ctx.contract;
  for (const flow of loadFlows(ctx.loaded)) {
    if (flow.vendor !== c.vendor || flow.operation !== c.operation) continue;
    const first = flow.steps.find((s): s is Extract<FlowStep, { call: string }> => 'call' in s)!;
    const op = ctx.loaded.contracts.find((x) => x.vendor === c.vendor && x.operation === first.call)!;
    const call: OperationCall = { vendor: op.vendor, service: op.service, version: op.version, operation: op.operation, params: first.params };
    const made = ctx.make({
      category: 'client-flows', slug: flow.id, title: flow.title, pointer: '', params: first.params, expect: first.expect,
      ...(flow.given?.length ? { setup: flow.given } : {}), destructive: true, tags: ['flow'], origin: { kind: 'flow', flow: flow.id },
    });
    yield {
      ...made, call, source: { file: flow.$file, line: flow.$line },
      flow: { id: flow.id, source: flow.source, steps: flow.steps, ...(flow.signing ? { signing: flow.signing } : {}) },
    };
  }
}
