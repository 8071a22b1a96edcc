// The http target against the emulator's injected faults: truncated bodies, dropped connections,
// latency past the deadline, throttling (an answer, not a transport error).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Target } from '../../core/types.ts';
import { createTarget } from '../../adapters/index.ts';
import { startEmulator, type RunningEmulator } from '../sdk/emulator.ts';

let emu: RunningEmulator;
let t: Target;
beforeAll(async () => {
  emu = await startEmulator();
  t = await createTarget(emu.url, { timeoutMs: 400, concurrency: 2 });
});
afterAll(async () => { await t?.close?.(); await emu?.close(); });

const call = { vendor: 'aliyun' as const, service: 'ecs', version: '2014-05-26', operation: 'DeleteSnapshot', params: { SnapshotId: 's-doesnotexist00000001' } };
const once = (kind: string, extra: Record<string, unknown> = {}) => emu.fault({ kinds: [kind], count: 1, match: { vendor: 'aliyun' }, ...extra });

describe('http target and emulator faults', () => {
  it('truncate -> a transport error truncated', async () => {
    await once('truncate');
    expect((await t.send(call))).toMatchObject({ outcome: 'transport-error', kind: 'truncated' });
  });

  it('drop -> a transport error connection', async () => {
    await once('drop');
    expect((await t.send(call))).toMatchObject({ outcome: 'transport-error', kind: 'connection' });
  });

  it('latency past the deadline -> a transport error timeout, and the pool recovers', async () => {
    await once('latency', { latencyMs: 1500 });
    expect((await t.send(call))).toMatchObject({ outcome: 'transport-error', kind: 'timeout' });
    expect((await t.send(call)).status).toBe(404);
  });

  it('throttle and 5xx are answers with the vendor error', async () => {
    await once('throttle');
    const throttled = await t.send(call);
    expect(throttled.outcome).toBe('answered');
    expect(throttled.error?.code).toMatch(/Throttling/);
    await once('5xx');
    const failed = await t.send(call);
    expect(failed.status).toBeGreaterThanOrEqual(500);
  });
});
