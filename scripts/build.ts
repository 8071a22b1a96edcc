// `npm run build` (also `prepack`): the package as plain JavaScript with type declarations in
// dist/, for plain Node (no TypeScript loader). dist/ mirrors the source tree and carries the data
// files beside the code (dist/loader/index.js next to dist/contracts/), so each module finds its
// files at the same relative path from dist/ as from source. tsc compiles what the entry points
// reach (tsconfig.build.json) and rewrites the `.ts` import specifiers to `.js`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DIST = join(ROOT, 'dist');
/** Data the shipped modules read at run time (or the declarations refer to), copied as they are. */
const ASSETS = ['contracts', 'flows', 'schemas', 'emulator/worlds', 'types/generated', 'drift/models'];

rmSync(DIST, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compile = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compile.status !== 0) {
  rmSync(DIST, { recursive: true, force: true }); // never leave a half-built package behind
  process.exit(compile.status ?? 1);
}
for (const dir of ASSETS) {
  if (!existsSync(join(ROOT, dir))) throw new Error(`build: ${dir}/ is missing`);
  cpSync(join(ROOT, dir), join(DIST, dir), { recursive: true });
}
process.stdout.write(`built ${DIST}\n`);
