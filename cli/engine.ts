// The engine modules, imported lazily by the commands that need them, so `conformance --help`,
// `matrix` and `merge` work even while a module is missing. Shapes follow ARCHITECTURE.md.
import { ConformanceError } from '../core/errors.ts';
import type { Case, CaseResult, Contract, ProtocolProfile, RunResults, Target, Vendor } from '../core/types.ts';
import type { CaseFilter, Shard } from './select.ts';

export interface LoadedContracts {
  dir: string;
  contracts: Contract[];
  profiles: Record<Vendor, ProtocolProfile>;
  byId(id: string): Contract;
}

export interface LoaderModule { loadContracts(opts?: { dir?: string }): LoadedContracts }
export interface GeneratorsModule {
  generateCases(loaded: LoadedContracts, opts: { seed: number; depth: string; filter?: CaseFilter; variations?: number }): Case[];
  iterateCases(loaded: LoadedContracts, opts: { seed: number; depth: string; variations?: number }): Iterable<Case>;
}
export interface AdaptersModule { createTarget(spec: string, opts: Record<string, unknown>): Promise<Target> }
export interface RunnerModule {
  runSuite(opts: {
    cases: Iterable<Case>; target: Target; concurrency: number; onResult?: (r: CaseResult) => void;
    seed: number; depth: string; loaded: LoadedContracts; shard?: Shard; allowDestructive: boolean;
    [key: string]: unknown;
  }): Promise<RunResults>;
}
export interface Emulator {
  handler?: unknown;
  listen(opts: { port: number; host: string }): Promise<unknown> | unknown;
  close(): Promise<void> | void;
}
export interface EmulatorModule { createEmulator(opts: Record<string, unknown>): Emulator }
export interface OpenApiModule {
  exportOpenApi(loaded: LoadedContracts, opts?: Record<string, unknown>): unknown;
  exportTypes?(loaded: LoadedContracts, opts?: Record<string, unknown>): unknown;
  /** openapi/types.ts: one .d.ts per OpenAPI document into a directory; returns the files. */
  writeTypes?(docs: Record<string, object>, outDir?: string): Promise<string[]>;
}

async function load<T>(rel: string, what: string, names: string[]): Promise<T> {
  const url = new URL(rel, import.meta.url);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url.href)) as Record<string, unknown>;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes(rel.replace('../', ''))) {
      throw new ConformanceError('E_ENGINE', `the ${what} is not available in this build (${rel.replace('../', '')} is missing)`);
    }
    throw e;
  }
  for (const name of names) {
    if (typeof mod[name] !== 'function') {
      throw new ConformanceError('E_ENGINE', `${rel.replace('../', '')} does not export ${name}() yet`);
    }
  }
  return mod as T;
}

export const engine = {
  loader: () => load<LoaderModule>('../loader/index.ts', 'contract loader', ['loadContracts']),
  generators: () => load<GeneratorsModule>('../generators/index.ts', 'case generator', ['generateCases']),
  adapters: () => load<AdaptersModule>('../adapters/index.ts', 'target adapters', ['createTarget']),
  runner: () => load<RunnerModule>('../runner/index.ts', 'runner', ['runSuite']),
  emulator: () => load<EmulatorModule>('../emulator/index.ts', 'emulator', ['createEmulator']),
  openapi: () => load<OpenApiModule>('../openapi/index.ts', 'OpenAPI exporter', ['exportOpenApi']),
};
export type Engine = typeof engine;
