// The reference emulator: `createEmulator(opts)` gives a Node request listener serving the five
// operations of all three vendors on one port, plus the control API under /__emulator/.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHandler } from './http/server.ts';
import { hardenServer, serverOptions } from './http/limits.ts';
import { Runtime, type EmulatorOptions } from './runtime.ts';
import type { Store } from './state/store.ts';

export type { EmulatorOptions } from './runtime.ts';
export type { OpHandler, OpContext, OpResult, OpSpec, HandlerSpec } from './ops/types.ts';
export { defineHandler } from './ops/types.ts';
export { loadCredentialsFile } from './credentials.ts';
export { CATALOGUE } from './deviations/catalogue.ts';
export type { Deviation, DeviationApply } from './deviations/types.ts';

export interface Emulator {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  listen(opts?: { port?: number; host?: string }): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
  /** The live world (read it, or change it through `state.create/patch/remove`). */
  state: Store;
  /** Everything else: engine (contracts), faults, credentials, options. */
  runtime: Runtime;
  /** Back to a world (default: the one the emulator started with). */
  reset(world?: string | object): void;
}

export function createEmulator(opts: EmulatorOptions = {}): Emulator {
  const runtime = new Runtime(opts);
  const handler = createHandler(runtime);
  let server: Server | undefined;
  return {
    handler,
    state: runtime.store,
    runtime,
    reset: (world) => runtime.reset(world),
    listen({ port = 0, host = '127.0.0.1' } = {}) {
      if (server) return Promise.reject(new Error('emulator already listening'));
      const s = createServer(serverOptions, handler);
      hardenServer(s);
      server = s;
      return new Promise((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, host, () => {
          s.off('error', reject);
          const a = s.address();
          // listening on a port (not a pipe): address() is an AddressInfo
          if (a === null || typeof a === 'string') { reject(new Error(`the emulator is not listening on a TCP port (${String(a)})`)); return; }
          const shown = a.family === 'IPv6' ? `[${a.address}]` : a.address;
          resolve({ url: `http://${shown}:${a.port}`, port: a.port });
        });
      });
    },
    close() {
      const s = server;
      server = undefined;
      if (!s) return Promise.resolve();
      return new Promise((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
  };
}
