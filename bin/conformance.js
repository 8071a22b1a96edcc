#!/usr/bin/env node
// Entry point. Installed from the package, the CLI is plain JavaScript in dist/ (`npm run build`).
// In a checkout (the sources are here) it runs the sources: the prebuilt CLI when it is up to date
// (bin/compiled.js, keyed by the sources, so never stale as a leftover dist/ would be), else the
// sources through tsx.
import { existsSync } from 'node:fs';

// `conformance list | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) stream.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
if (/conformance/.test(process.env.DEBUG ?? '')) process.setSourceMapsEnabled(true); // stacks point into the sources

globalThis[Symbol.for('cloud-api-conformance.bin')] = true; // how user TypeScript is imported: core/user-module.ts
const checkout = existsSync(new URL('../cli/main.ts', import.meta.url));
let main;
if (!checkout) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { compiledCli } = await import('./compiled.js');
  const bundle = await compiledCli();
  if (bundle) {
    ({ main } = await import(bundle));
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    ({ main } = await import('../cli/main.ts'));
  }
}
process.exitCode = await main(process.argv.slice(2));
