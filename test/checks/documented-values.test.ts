// What the docs fix inside a success body, data-driven from the contracts: every documented value
// (`response.values`) and every per-item result a case expects (`items`, where `response.perItem`
// says). A conforming fake passes; fakes that answer `success` in lower case, an undocumented
// per-item code, or the per-item code in the wrong place fail exactly the cases that show it.
import { describe, expect, it } from 'vitest';
import type { Case, Contract, Answered } from '../../core/types.ts';
import { fieldsAt } from '../../core/field-path.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { runCase } from '../../runner/index.ts';
import { conformingFake } from '../runner/fakes.ts';

const loaded = loadContracts();
// Client flows are sequences a one-answer fake cannot play (test/runner/flow.test.ts runs them).
const cases = generateCases(loaded, { seed: 5, depth: 'standard' }).filter((c) => !c.flow && !c.listed);
const contractOf = (c: Case) => loaded.byId(c.contract);
const opts = { loaded, retries: 0, timeoutMs: 1000 };
const withValues = loaded.contracts.filter((c) => c.response.values?.length);

/** Rewrite every occurrence of a documented value's field in a success body. */
function rewrite(r: Answered, contract: Contract, to: (v: unknown) => unknown): Answered {
  if (r.error || !r.body) return r;
  const body = structuredClone(r.body) as Record<string, unknown>;
  for (const v of contract.response.values ?? []) {
    const name = v.path.split('.').pop()!;
    for (const f of fieldsAt(body, v.path)) if (f.value !== undefined) f.parent[name] = to(f.value);
  }
  return { ...r, body };
}

/** Cases whose conforming answer holds a documented field at all. */
async function showing(contract: Contract): Promise<Case[]> {
  const out: Case[] = [];
  for (const c of cases.filter((k) => k.contract === contract.id)) {
    let seen = false;
    const holds = (r: Answered) => !r.error && (contract.response.values ?? []).some((v) => fieldsAt(r.body, v.path).some((f) => f.value !== undefined));
    const probe = conformingFake(c, contract, { deviate: (r) => { seen ||= holds(r); return r; } });
    await runCase(c, probe, opts);
    if (seen) out.push(c);
  }
  return out;
}

describe('documented values', () => {
  it('the contracts document values: DeleteSnapshotGroup OperationStatus, DeleteInstances per-instance codes', () => {
    expect(withValues.map((c) => c.id).sort()).toEqual(['aliyun.ecs.DeleteSnapshotGroup', 'volcengine.ecs.DeleteInstances']);
  });

  it.each(withValues.map((c) => [c.id, c] as const))('%s: a conforming answer passes, a changed documented value fails each case that shows it', async (_id, contract) => {
    const shown = await showing(contract);
    expect(shown.length).toBeGreaterThan(2);
    for (const c of shown) {
      const good = await runCase(c, conformingFake(c, contract), opts);
      expect(good.verdict, `${c.id}: ${good.reason}`).toMatch(/^pass/);
      // `Success` -> `success`; a documented per-item code -> one no source gives
      const wrong = (v: unknown) => (v === 'Success' ? 'success' : 'Unknown.PerItemCode');
      const bad = await runCase(c, conformingFake(c, contract, { deviate: (r) => rewrite(r, contract, wrong) }), opts);
      expect(bad.verdict, c.id).toBe('fail');
      expect(bad.checks.find((k) => !k.ok)?.name).toMatch(/^(then:)?(documented-values|item-results)$/);
    }
  });

  it('OperationStatus "success" (lower case) where ErrorCode is empty fails, citing the page line', async () => {
    const c = cases.find((k) => k.id === 'aliyun.ecs.DeleteSnapshotGroup/state-rules/deletes-group-and-snapshots--delete-group-with-two-snapshots')!;
    const contract = contractOf(c);
    const r = await runCase(c, conformingFake(c, contract, { deviate: (x) => rewrite(x, contract, () => 'success') }), opts);
    expect(r.verdict).toBe('fail');
    const k = r.checks.find((x) => x.name === 'documented-values')!;
    expect(k.message).toBe('OperationProgressSet.OperationProgress[0].OperationStatus is "success"; documented: "Success" where ErrorCode is empty (page line 33)');
    expect(k.source).toEqual({ file: c.docSource!.file, line: 33 });
    // a failed entry (ErrorCode set) may say anything the page leaves open
    const failedEntry = (x: Answered) => {
      const body = structuredClone(x.body) as { OperationProgressSet: { OperationProgress: Record<string, unknown>[] } };
      for (const p of body.OperationProgressSet.OperationProgress) Object.assign(p, { ErrorCode: 'SnapshotCreatedImage', OperationStatus: 'Failed' });
      return { ...x, body };
    };
    expect((await runCase(c, conformingFake(c, contract, { deviate: failedEntry }), opts)).verdict).toBe('pass');
  });
});

describe('per-item results (Volcengine DeleteInstances)', () => {
  const withItems = cases.filter((c) => !('alternatives' in c.expect) && c.expect.kind === 'success' && c.expect.items);

  it('the scenarios name per-instance results', () => {
    expect(withItems.map((c) => c.id)).toEqual(expect.arrayContaining([
      'volcengine.ecs.DeleteInstances/state-rules/billing-deletable--prepaid-active-rejected',
      'volcengine.ecs.DeleteInstances/state-rules/unknown-instance--unknown-instance-id',
      'volcengine.ecs.DeleteInstances/state-rules/unknown-instance--mixed-batch',
    ]));
  });

  it.each(withItems.map((c) => [c.id, c] as const))('%s: passes as expected, fails with the code moved, swapped or dropped', async (_id, c) => {
    const contract = contractOf(c);
    expect((await runCase(c, conformingFake(c, contract), opts)).verdict).toBe('pass');
    const items = (r: { body?: unknown }) => (r.body as { Result: { OperationDetails: Record<string, unknown>[] } }).Result.OperationDetails;
    const deviations: Record<string, (r: Answered) => Answered> = {
      // the per-item code as a whole-request error (the wrong place)
      'request error': (r) => {
        const code = items(r).map((i) => (i.Error as { Code?: string } | undefined)?.Code).find(Boolean) ?? 'InvalidInstanceStatus';
        return { outcome: 'answered', status: 400, error: { code, message: 'm' }, requestId: r.requestId, body: { ResponseMetadata: { RequestId: r.requestId, Error: { Code: code, Message: 'm' } } }, format: 'json', contentType: 'application/json' };
      },
      // every entry reported as succeeded, or every entry as failed
      'no item errors': (r) => { const b = structuredClone(r.body); for (const i of items({ body: b })) delete i.Error; return { ...r, body: b }; },
      'every item failed': (r) => { const b = structuredClone(r.body); for (const i of items({ body: b })) i.Error = { Code: 'InvalidInstanceStatus', Message: 'm' }; return { ...r, body: b }; },
      'entries missing': (r) => { const b = structuredClone(r.body); items({ body: b }).length = 0; return { ...r, body: b }; },
    };
    const expectsAnError = Object.values((c.expect as { items: Record<string, string | null> }).items).some((x) => x !== null);
    const expectsASuccess = Object.values((c.expect as { items: Record<string, string | null> }).items).some((x) => x === null);
    for (const [name, deviate] of Object.entries(deviations)) {
      // a deviation that changes nothing for this case proves nothing
      if (name === 'no item errors' && !expectsAnError) continue;
      if (name === 'every item failed' && !expectsASuccess && Object.values((c.expect as { items: Record<string, string | null> }).items).every((x) => x === 'InvalidInstanceStatus' || x === '*')) continue;
      const r = await runCase(c, conformingFake(c, contract, { deviate }), opts);
      expect(r.verdict, `${c.id} with ${name}`).toBe('fail');
    }
  });
});
