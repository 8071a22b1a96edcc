// The engine modules, imported lazily by the commands that need them, so `conformance --help`,
// `matrix` and `merge` start without loading contracts, generators or the emulator. Their types are
// the modules' own (type-only imports load nothing); tests pass a fake Engine to the commands.
export type { LoadedContracts } from '../loader/index.ts';

export const engine = {
  loader: () => import('../loader/index.ts'),
  generators: () => import('../generators/index.ts'),
  adapters: () => import('../adapters/index.ts'),
  runner: () => import('../runner/index.ts'),
  emulator: () => import('../emulator/index.ts'),
  openapi: () => import('../openapi/index.ts'),
};
export type Engine = typeof engine;
