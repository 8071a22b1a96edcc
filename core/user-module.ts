// Importing a user's own module (a config file, a `module:` target, SDK bindings). Under the
// `conformance` bin a TypeScript file goes through tsx's tsImport: the prebuilt CLI
// (bin/compiled.js) registers no TypeScript loader, and tsx's ESM hooks alone treat a `.ts` file
// in a package without `"type": "module"` as CommonJS and fail on its types. As a library (under
// vitest, or the user's own TypeScript runtime) the host's loader imports it.
import { pathToFileURL } from 'node:url';

const BIN = Symbol.for('cloud-api-conformance.bin');

export async function importUserModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  if (!/\.[cm]?tsx?$/.test(file) || !(globalThis as Record<symbol, unknown>)[BIN]) return import(url) as Promise<Record<string, unknown>>;
  const { tsImport } = await import('tsx/esm/api');
  const ns = await tsImport(url, import.meta.url) as Record<string, unknown> & { default?: { __esModule?: boolean } };
  // Loaded as CommonJS, the module's exports (named and default) are the namespace's default.
  return ns.default?.__esModule === true ? ns.default as Record<string, unknown> : ns;
}
