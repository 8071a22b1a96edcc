// The read calls on every kind of target (issue 14, "done when"): their own generated cases pass on
// the in-process emulator, over loopback HTTP and through the official SDKs; the real clients' flows
// pass over HTTP (Terraform's Alibaba flows signed with the v1 HMAC-SHA1 RPC signature) and through
// the SDKs; and with the control API's state reads turned off, every `after:` assertion of the suite is
// still judged, through the vendors' read calls (images, which no read call in scope shows, listed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, RunResults, Target } from '../../core/types.ts';
import { createSdkTarget } from '../../adapters/sdk/index.ts';
import { createEmulator } from '../../emulator/index.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { runSuite } from '../../runner/index.ts';
import { openTarget } from '../../compose/open-target.ts';

const loaded = loadContracts({ expect: 'current' });
const READS = ['DescribeSnapshotGroups', 'DescribeSnapshots', 'DescribeInstances', 'DeleteInstance', 'ShowSnapshot', 'ListSnapshots'];
const all = generateCases(loaded, { seed: 1, depth: 'standard' });
const reads = all.filter((c) => READS.includes(c.call.operation) && !c.flow);
const flows = all.filter((c) => c.flow);

let emu: ReturnType<typeof createEmulator>;
let url: string;
beforeAll(async () => {
  emu = createEmulator({ contracts: loaded, world: 'demo' });
  ({ url } = await emu.listen({ port: 0, host: '127.0.0.1' }));
});
afterAll(async () => { await emu.close(); });

const run = (cases: Case[], target: Target, extra: Partial<Parameters<typeof runSuite>[0]> = {}) =>
  runSuite({ cases, target, loaded, seed: 1, depth: 'standard', concurrency: 4, retries: 1, backoffMs: 1, timeoutMs: 10_000, ...extra });
const bad = (r: RunResults) => r.cases.filter((c) => c.verdict === 'fail' || c.verdict === 'inconclusive').map((c) => `${c.id}: ${c.reason}`);

describe('the read calls on every target', () => {
  it('covers all six operations with their own filters and paging', () => {
    expect([...new Set(reads.map((c) => c.call.operation))].sort()).toEqual([...READS].sort());
    expect(reads.filter((c) => c.category === 'filters').length).toBeGreaterThanOrEqual(15);
    expect(reads.filter((c) => c.category === 'paging').length).toBe(4);
  });

  it.each(['inprocess', 'emulator'])('%s: every case passes', async (spec) => {
    const target = await openTarget(spec, { loaded });
    try {
      const r = await run(reads, target);
      expect(bad(r)).toEqual([]);
      expect(r.cases.filter((c) => c.verdict === 'skipped')).toEqual([]);
    } finally { await target.close?.(); }
  }, 60_000);

  it('the official SDKs: no case fails, and most run', async () => {
    const target = await createSdkTarget(url, { loaded });
    try {
      const r = await run(reads, target);
      expect(bad(r)).toEqual([]);
      const ran = r.cases.filter((c) => c.verdict !== 'skipped').length;
      expect(ran / r.cases.length).toBeGreaterThan(0.7); // the skipped need protocol tweaks an SDK cannot send
    } finally { await target.close?.(); }
  }, 60_000);
});

describe('the real clients\' flows', () => {
  it('over HTTP, Terraform\'s Alibaba flows signed with the v1 HMAC-SHA1 RPC signature: every flow passes', async () => {
    const target = await openTarget('emulator', { loaded });
    try {
      expect(flows.filter((c) => c.flow!.signing === 'rpc-v1').length).toBeGreaterThanOrEqual(3);
      const r = await run(flows, target);
      expect(bad(r)).toEqual([]);
      expect(r.cases.every((c) => c.verdict === 'pass' || c.verdict === 'pass-ambiguous')).toBe(true);
    } finally { await target.close?.(); }
  }, 60_000);

  it('through the official SDKs: every flow that needs no protocol tweak passes', async () => {
    const target = await createSdkTarget(url, { loaded });
    try {
      const r = await run(flows, target);
      expect(bad(r)).toEqual([]);
      const skipped = r.cases.filter((c) => c.verdict === 'skipped');
      expect(skipped.every((c) => /protocol tweaks/.test(c.reason ?? '')), JSON.stringify(skipped.map((c) => c.reason))).toBe(true);
      expect(r.cases.length - skipped.length).toBeGreaterThanOrEqual(flows.length - 1);
    } finally { await target.close?.(); }
  }, 60_000);
});

describe('state read back through the read calls, the control API turned off', () => {
  it('the whole standard suite: every after: assertion is judged through a read call; only images are listed as unreadable', async () => {
    const target = await openTarget('inprocess', { loaded });
    try {
      const withAfter = all.filter((c) => c.after?.length);
      expect(withAfter.length).toBeGreaterThan(40);
      const r = await run(withAfter, target, { stateVia: 'read-calls' });
      expect(bad(r)).toEqual([]);
      // a kind no read call in scope shows is named on the case, and only such kinds
      const unread = r.cases.filter((c) => /not read back/.test(c.reason ?? ''));
      expect(unread.map((c) => c.reason).every((why) => /no read call in scope shows a aliyun image/.test(why!))).toBe(true);
      // the state check ran on every other case
      expect(r.cases.filter((c) => !unread.includes(c)).every((c) => c.checks.some((k) => k.name === 'state' || k.name.endsWith(': state')) || c.verdict === 'skipped')).toBe(true);
    } finally { await target.close?.(); }
  }, 120_000);
});
