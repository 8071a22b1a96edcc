#!/usr/bin/env node
// Entry point: the prebuilt CLI when it is up to date (bin/compiled.js), else the sources through
// tsx; then runs cli/main.ts.
import { compiledCli } from './compiled.js';

// `conformance list | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) stream.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
if (/conformance/.test(process.env.DEBUG ?? '')) process.setSourceMapsEnabled(true); // stacks point into the sources

globalThis[Symbol.for('cloud-api-conformance.bin')] = true; // how user TypeScript is imported: core/user-module.ts
const bundle = await compiledCli();
let main;
if (bundle) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
