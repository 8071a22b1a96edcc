// `conformance export openapi|types`: the contracts as OpenAPI 3.1 documents (one JSON file per
// vendor+service+version), or the TypeScript types openapi-typescript generates from them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Io } from '../io.ts';
import { engine as defaultEngine, type Engine } from '../engine.ts';

export async function exportCommand(what: 'openapi' | 'types', flags: { out?: string; contracts?: string }, io: Io, eng: Engine = defaultEngine): Promise<number> {
  const loaded = (await eng.loader()).loadContracts(flags.contracts ? { dir: resolve(io.cwd, flags.contracts) } : undefined);
  const { exportOpenApi, writeTypes } = await eng.openapi();
  const docs = exportOpenApi(loaded);
  if (what === 'types') {
    const files = await writeTypes(docs, flags.out ? resolve(io.cwd, flags.out) : undefined);
    io.stderr.write(`wrote ${files.length} type file(s)${files[0] ? ` under ${dirname(files[0])}` : ''}\n`);
    return 0;
  }
  const out = resolve(io.cwd, flags.out ?? 'conformance-report/openapi');
  mkdirSync(out, { recursive: true });
  for (const [name, doc] of Object.entries(docs)) writeFileSync(join(out, `${name}.json`), `${JSON.stringify(doc, null, 2)}\n`);
  io.stderr.write(`wrote ${Object.keys(docs).length} file(s) under ${out}\n`);
  return 0;
}
