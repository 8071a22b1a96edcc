// Idempotency for every operation that takes a token (a parameter marked `idempotencyToken`, by the
// page or by what a ledger adds): the same token twice gives one resource and the same answer; the
// same token with a different request gives IdempotentParameterMismatch where a source (an error
// row of the contract) gives that code, and no case otherwise. A contract rule that already replays
// the token (kind idempotency, a `then` call with the token) plays these cases instead.
import type { Case, ContractParam } from '../core/types.ts';
import { isContextRef, isProtocolParam, type GenContext } from './context.ts';
import { successExpectation } from './positive.ts';

/** The code a reused token with a different request gets. */
const MISMATCH = 'IdempotentParameterMismatch';

const SIMPLE = new Set(['string', 'integer', 'number']);

/** An optional plain parameter whose value makes a second request differ from the first without other effects. */
function varied(ctx: GenContext, token: ContractParam): ContractParam | undefined {
  const inDependency = new Set((ctx.contract.request.dependencies ?? []).flatMap((d) => [...d.params, ...Object.keys(d.when ?? {})]));
  return ctx.params.find((p) => p !== token && !ctx.needed(p) && !p.idempotencyToken && !isProtocolParam(p) && !isContextRef(p)
    && !p.refersTo && !inDependency.has(p.name) && SIMPLE.has(String(p.schema.type)) && p.schema.enum === undefined && p.schema.const === undefined);
}

export function* tokenCases(ctx: GenContext): Generator<Case> {
  const c = ctx.contract;
  for (const p of ctx.params) {
    if (!p.idempotencyToken || isProtocolParam(p)) continue;
    if (c.rules.some((r) => r.kind === 'idempotency' && r.scenarios.some((s) => s.then && p.name in s.params))) continue;
    const f = ctx.faker(`token/${p.name}`);
    const pos = ctx.positiveRequest(f);
    const params = { ...pos.params, [p.name]: ctx.validValue(p, f, false) };
    const ok = successExpectation(ctx);
    yield ctx.make({
      category: 'idempotency', slug: `${p.name}-replayed`, title: `the same ${p.name} twice: one resource, the same answer`,
      pointer: ctx.paramPointer(p), docLine: p.line, params, setup: pos.setup, expect: ok,
      then: { params, expect: ok, sameAsFirst: true }, destructive: true, tags: ['idempotency'],
    });
    const row = c.errors.findIndex((e) => e.code === MISMATCH);
    const other = varied(ctx, p);
    if (row < 0 || !other) continue;
    const error = c.errors[row]!;
    const second = { ...params, [other.name]: ctx.validValue(other, f, false) };
    yield ctx.make({
      category: 'idempotency', slug: `${p.name}-reused-for-another-request`,
      title: `the same ${p.name} with a different request (${other.name} set): ${MISMATCH}`,
      pointer: `/errors/${row}`, docLine: error.line, params, setup: pos.setup, expect: ok,
      then: { params: second, expect: { kind: 'error', code: error.code, status: error.status } }, destructive: true, tags: ['idempotency'],
    });
  }
}
