// Test helper: start the reference emulator on 127.0.0.1 (port 0) and talk to its control API.
import { request } from 'undici';
import type { Vendor } from '../../core/types.ts';
import { createEmulator } from '../../emulator/index.ts';

export interface RunningEmulator {
  url: string;
  port: number;
  /** `127.0.0.1:<port>`, as the Alibaba SDK wants its endpoint. */
  host: string;
  create(vendor: Vendor, kind: string, fields: Record<string, unknown>): Promise<string>;
  get(vendor: Vendor, kind: string, id: string): Promise<Record<string, unknown> | undefined>;
  reset(world?: string): Promise<void>;
  /** Inject a fault rule (POST /__emulator/faults). */
  fault(rule: Record<string, unknown>): Promise<void>;
  /** Move the emulator's clock on (POST /__emulator/clock): lifecycles progress with no wait. */
  advanceClock(ms: number): Promise<void>;
  close(): Promise<void>;
}

async function control(url: string, method: 'GET' | 'POST', path: string, body?: unknown) {
  const res = await request(url + path, {
    method, headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body), headersTimeout: 5000, bodyTimeout: 5000,
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? JSON.parse(text) : undefined };
}

export async function startEmulator(world = 'demo'): Promise<RunningEmulator> {
  const emulator = createEmulator({});
  const { url, port } = await emulator.listen({ port: 0, host: '127.0.0.1' });
  const base = url.replace(/\/$/, '');
  const api: RunningEmulator = {
    url: base, port, host: `127.0.0.1:${port}`,
    async create(vendor, kind, fields) {
      const r = await control(base, 'POST', '/__emulator/entities', { vendor, kind, fields });
      if (r.status !== 201) throw new Error(`create ${vendor} ${kind}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.id as string;
    },
    async get(vendor, kind, id) {
      const r = await control(base, 'GET', `/__emulator/entities/${vendor}/${kind}/${encodeURIComponent(id)}`);
      if (r.status === 404) return undefined;
      if (r.status !== 200) throw new Error(`get ${vendor} ${kind} ${id}: ${r.status}`);
      return r.body;
    },
    async reset(w = world) {
      const r = await control(base, 'POST', '/__emulator/reset', { world: w });
      if (r.status >= 300) throw new Error(`reset ${w}: ${r.status} ${JSON.stringify(r.body)}`);
    },
    async fault(rule) {
      const r = await control(base, 'POST', '/__emulator/faults', rule);
      if (r.status !== 201) throw new Error(`fault: ${r.status} ${JSON.stringify(r.body)}`);
    },
    async advanceClock(ms) {
      const r = await control(base, 'POST', '/__emulator/clock', { advanceMs: ms });
      if (r.status >= 300) throw new Error(`clock: ${r.status} ${JSON.stringify(r.body)}`);
    },
    close: () => emulator.close(),
  };
  await api.reset(world);
  return api;
}
