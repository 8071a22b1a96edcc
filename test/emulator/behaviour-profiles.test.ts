// The emulator plays either profile: the suite expecting a profile passes against the emulator
// playing it (in process, every operation), and fails where the two profiles differ when crossed
// (so the pass is not vacuous: the page revision and today's cloud are told apart).
import { describe, expect, test } from 'vitest';
import type { ExpectProfile } from '../../core/evidence.ts';
import type { RunResults } from '../../core/types.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { runSuite } from '../../runner/index.ts';
import { openTarget } from '../../compose/open-target.ts';

async function run(expect: ExpectProfile, behaviour: ExpectProfile, only?: string): Promise<RunResults> {
  const loaded = loadContracts({ expect });
  const cases = generateCases(loaded, { seed: 1, depth: 'standard' }).filter((c) => !only || c.id.startsWith(only));
  const target = await openTarget('inprocess', { loaded, behaviour });
  try {
    return await runSuite({ cases, target, loaded, concurrency: 8, seed: 1, depth: 'standard', retries: 0 });
  } finally {
    await target.close?.();
  }
}

const failing = (r: RunResults) => r.cases.filter((c) => c.verdict === 'fail' || c.verdict === 'inconclusive').map((c) => `${c.id}: ${c.reason ?? ''}`);
const failed = (r: RunResults) => r.cases.filter((c) => c.verdict === 'fail').map((c) => c.id.split('/').slice(1).join('/'));

describe('emulator --behaviour', () => {
  test.each([['current'], ['page']] as const)('--expect %s against --behaviour of the same profile: every case passes', async (profile) => {
    const r = await run(profile, profile);
    expect(r.cases.length).toBeGreaterThan(200);
    expect(failing(r)).toEqual([]);
  }, 30_000);

  test('crossed profiles fail where the page revision and today\'s cloud differ (CreateSnapshotGroup)', async () => {
    const op = 'aliyun.ecs.CreateSnapshotGroup/';
    // Today's cloud expected, the page played: 10 disks, ExcludeDiskId <= 16, no DiskId.N, no ClientToken.
    const currentOnPage = failed(await run('current', 'page', op));
    expect(currentOnPage).toEqual(expect.arrayContaining([
      'list-limits/ExcludeDiskId-maxItems-128',
      'list-limits/DiskId-maxItems-128',
      'pattern-format/DiskId-malformed-id',
      'state-rules/max-ten-disks--eleven-disks',
      'state-rules/disks-named--disks-of-two-instances',
      'idempotency/client-token-idempotency--same-token-same-request',
      'idempotency/client-token-idempotency--same-token-different-request',
    ]));
    // The page expected, today's cloud played: 17 excluded disks and 11 disks are no longer refused.
    const pageOnCurrent = failed(await run('page', 'current', op));
    expect(pageOnCurrent).toEqual(expect.arrayContaining(['state-rules/max-ten-disks--eleven-disks', 'list-limits/ExcludeDiskId-over-max-items-17']));
  }, 30_000);
});
