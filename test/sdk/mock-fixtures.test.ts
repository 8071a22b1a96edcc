// issue 17: an SDK mock module that names its endpoint (an emulator) gets the emulator's fixtures,
// so its cases run instead of being skipped; a mock without an endpoint answers itself: no fixtures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkTarget } from '../../adapters/sdk/index.ts';
import { startEmulator, type RunningEmulator } from './emulator.ts';

let emu: RunningEmulator;
beforeAll(async () => { emu = await startEmulator(); });
afterAll(async () => { await emu?.close(); });

describe('sdk:module fixtures', () => {
  it('a mock naming the emulator as its endpoint: fixtures from the control API', async () => {
    const t = await createSdkTarget('http://127.0.0.1:1', {}, { endpoint: emu.url, volcengine: undefined });
    try {
      expect(t.fixtures).toBeDefined();
      expect(t.capabilitiesFor('aliyun').fixtures).toBe(true);
    } finally { await t.close?.(); }
  });

  it('a mock without an endpoint: no fixtures (nothing to create them in)', async () => {
    const t = await createSdkTarget('http://127.0.0.1:1', {}, { volcengine: undefined });
    try {
      expect(t.fixtures).toBeUndefined();
      expect(t.capabilitiesFor('aliyun').fixtures).toBe(false);
    } finally { await t.close?.(); }
  });
});
