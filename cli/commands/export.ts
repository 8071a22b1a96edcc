// `conformance export openapi|types`: contracts as OpenAPI 3.1 documents, or TypeScript types.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConformanceError } from '../../core/errors.ts';
import type { Io } from '../io.ts';
import { engine as defaultEngine, type Engine } from '../engine.ts';

export async function exportCommand(what: 'openapi' | 'types', flags: { out?: string; contracts?: string }, io: Io, eng: Engine = defaultEngine): Promise<number> {
  const loaded = (await eng.loader()).loadContracts(flags.contracts ? { dir: resolve(io.cwd, flags.contracts) } : undefined);
  const mod = await eng.openapi();
  if (what === 'types' && !mod.exportTypes && mod.writeTypes) {
    const files = await mod.writeTypes(mod.exportOpenApi(loaded) as Record<string, object>, flags.out ? resolve(io.cwd, flags.out) : undefined);
    io.stderr.write(`wrote ${files.length} type file(s)${files[0] ? ` under ${dirname(files[0])}` : ''}\n`);
    return 0;
  }
  const out = resolve(io.cwd, flags.out ?? (what === 'openapi' ? 'conformance-report/openapi' : 'types/contracts.d.ts'));
  const fn = what === 'openapi' ? mod.exportOpenApi : mod.exportTypes;
  if (typeof fn !== 'function') throw new ConformanceError('E_ENGINE', `openapi/index.ts does not export ${what === 'openapi' ? 'exportOpenApi' : 'exportTypes'}() yet`);
  const result = await fn(loaded, { out });
  // The exporter may write files itself (returns nothing), return one text, or a map file -> document.
  const written: string[] = [];
  const write = (file: string, content: unknown) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
    written.push(file);
  };
  if (typeof result === 'string') write(what === 'openapi' && !out.endsWith('.json') && !out.endsWith('.yaml') ? join(out, 'openapi.json') : out, result);
  else if (result && typeof result === 'object') {
    if ('openapi' in result) write(out.endsWith('.json') ? out : join(out, 'openapi.json'), result);
    else for (const [name, doc] of Object.entries(result)) write(join(out, name.includes('.') ? name : `${name}.json`), doc);
  }
  io.stderr.write(written.length ? `wrote ${written.length} file(s) under ${out}\n` : `exported to ${out}\n`);
  return 0;
}
