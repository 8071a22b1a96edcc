// `conformance evidence`: the ledger as a reader sees it, and its counts, from the real contracts.
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { captureIo } from './helpers.ts';

async function run(...args: string[]) {
  const io = captureIo();
  const code = await main(['evidence', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('conformance evidence', () => {
  it('lists each expectation with its sources, each disagreement with both profiles\' choice, and the counts', async () => {
    const r = await run('CreateSnapshotGroup');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^aliyun\.ecs\.CreateSnapshotGroup$/m);
    expect(r.out).toMatch(/param:InstanceId\s+page, sdk-req, help-current/);
    expect(r.out).toContain('instance-id-optional  superseded  param:InstanceId.required');
    expect(r.out).toContain('current expects false; page expects true');
    expect(r.out).toMatch(/^summary: \d+ expectations; \d+ \(\d+%\) rest on two or more independent sources, \d+ on one, \d+ on none; \d+ disagreements$/m);
    expect(r.out).not.toContain('volcengine.ecs.DeleteInstances');
  });

  it('gives the same data as JSON, totals agreeing with the rows', async () => {
    const r = await run('--format', 'json');
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out) as { ledgers: { subject: string; expectations: { families: string[] }[]; claims: unknown[] }[]; totals: Record<string, number> };
    const rows = data.ledgers.flatMap((l) => l.expectations);
    expect(data.totals.expectations).toBe(rows.length);
    expect(data.totals.twoOrMore).toBe(rows.filter((x) => x.families.length >= 2).length);
    expect(data.totals.disagreements).toBe(data.ledgers.reduce((n, l) => n + l.claims.length, 0));
    expect(data.ledgers.map((l) => l.subject)).toContain('profile:aliyun');
  });

  it('names an unknown operation with a did-you-mean and exits 2', async () => {
    const r = await run('CreateSnapshotGrop');
    expect(r.code).toBe(2);
    expect(r.err).toContain('no contract or profile "CreateSnapshotGrop" (did you mean "CreateSnapshotGroup"?)');
  });
});
