// Idempotency for every operation that takes a token, from the contracts (under each profile):
// each token param gets a replay case, and a reused-token case where the contract gives the
// mismatch code. A conforming target passes them; one that ignores the token fails them.
import { describe, expect, it } from 'vitest';
import type { Answered, Case } from '../../core/types.ts';
import { EXPECT_PROFILES } from '../../core/evidence.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { runCase } from '../../runner/index.ts';
import { answer, conformingFake } from '../runner/fakes.ts';

/** A new resource (or another result) on every call: the first id-like field of the body changes. */
function freshAnswer(r: Answered, n: number): Answered {
  if (r.error || !r.body) return r;
  const body = structuredClone(r.body);
  const visit = (o: unknown): boolean => {
    if (Array.isArray(o)) return o.some(visit);
    if (typeof o !== 'object' || o === null) return false;
    for (const [k, v] of Object.entries(o)) {
      if (/Id$/.test(k) && k !== 'RequestId' && typeof v === 'string') { (o as Record<string, unknown>)[k] = `${v}-${n}`; return true; }
      if (visit(v)) return true;
    }
    return false;
  };
  expect(visit(body)).toBe(true);
  return { ...r, body };
}

describe.each(EXPECT_PROFILES)('token cases under %s', (profile) => {
  const loaded = loadContracts({ expect: profile });
  const cases = generateCases(loaded, { seed: 2, depth: 'standard' });
  const opts = { loaded, retries: 0, timeoutMs: 1000 };
  const tokenOps = loaded.contracts.filter((c) => c.request.parameters.some((p) => p.idempotencyToken));
  const replays = (id: string) => cases.filter((c) => c.contract === id && c.category === 'idempotency' && c.then?.sameAsFirst);
  const mismatches = (id: string) => cases.filter((c) => c.contract === id && c.category === 'idempotency' && c.then && !('alternatives' in c.then.expect) && c.then.expect.kind === 'error');

  it('every operation that takes a token replays it; a reused token for another request where the contract gives the code', () => {
    expect(tokenOps.length).toBeGreaterThan(0);
    for (const c of tokenOps) {
      expect(replays(c.id).length, c.id).toBeGreaterThan(0);
      const documented = c.errors.some((e) => e.code === 'IdempotentParameterMismatch');
      expect(mismatches(c.id).length > 0, c.id).toBe(documented);
      for (const m of mismatches(c.id)) expect(m.then!.expect).toMatchObject({ code: 'IdempotentParameterMismatch', status: c.errors.find((e) => e.code === 'IdempotentParameterMismatch')!.status });
    }
    // the ledger adds CreateSnapshotGroup's ClientToken under current only
    expect(tokenOps.some((c) => c.id === 'aliyun.ecs.CreateSnapshotGroup')).toBe(profile === 'current');
  });

  const tokenCases = tokenOps.flatMap((c) => [...replays(c.id), ...mismatches(c.id)]);
  it.each(tokenCases.map((c) => [c.id, c] as const))('%s: passes on a target that keeps the token, fails on one that ignores it', async (_id, c: Case) => {
    const contract = loaded.byId(c.contract);
    expect((await runCase(c, conformingFake(c, contract), opts)).verdict).toBe('pass');
    let calls = 0;
    const ignoring = conformingFake(c, contract, {
      deviate: (r) => {
        calls++;
        if (calls === 1) return r;
        // as a fresh request: a mismatch is not noticed, a replay makes a new resource
        return 'code' in c.then!.expect ? answer({ kind: 'success', status: contract.response.status }, c, contract) : freshAnswer(r, calls);
      },
    });
    const r = await runCase(c, ignoring, opts);
    expect(r.verdict).toBe('fail');
    expect(r.checks.some((k) => !k.ok && k.name.startsWith('then:'))).toBe(true);
  });
});
